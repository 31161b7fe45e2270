"""Report tables: one shape for the web page and the download.

The page shows each cell through the `cell` template filter (templatetags/training.py);
the download goes through the platform's one exporter base (pazanga.common.exports), one
sheet per table, which defuses any text a spreadsheet would run as a formula (session
titles, names of trainers and libraries are typed by people).
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pazanga.common.exports import Exporter, Sheet

# How a column's values are shown: text, a whole number, a share (0–1) as a percentage,
# a percentage already 0–100, a decimal number, or a p-value.
KINDS = ("text", "int", "share", "percent", "number", "p")
P_DIGITS = 4  # significant digits of a p-value in a download


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"

    @property
    def heading(self) -> str:
        """The column's heading in a download: a share is written as a percentage."""
        return f"{self.label} (%)" if self.kind == "share" else self.label


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def cells(self) -> list[list[tuple[Any, str]]]:
        """Each row's values with their column's kind, for the template's `cell` filter."""
        kinds = [c.kind for c in self.columns]
        return [list(zip(row, kinds, strict=True)) for row in self.rows]

    def sheet(self) -> Sheet:
        """The table as a sheet of the download: headings first, values as the kinds say."""
        return Sheet(self.title, list(self.sheet_rows()), note=self.note)

    def sheet_rows(self) -> Iterator[list[Any]]:
        yield [column.heading for column in self.columns]
        for row in self.rows:
            yield [
                spreadsheet_value(value, column.kind)
                for value, column in zip(row, self.columns, strict=True)
            ]


def spreadsheet_value(value: Any, kind: str) -> Any:
    """A value as a spreadsheet should hold it: numbers as numbers, a share as a percentage."""
    if value is None:
        return None
    if kind == "share":
        return round(float(value) * 100, 1)
    if kind in ("percent", "number"):
        return round(float(value), 2)
    if kind == "p":
        return float(f"{float(value):.{P_DIGITS}g}")
    return value


class TablesExport(Exporter):
    """Report tables as one download: one sheet per table."""

    def __init__(self, tables: Sequence[Table], stem: str) -> None:
        self.tables, self.stem = list(tables), stem

    def file_stem(self) -> str:
        return self.stem

    def sheets(self) -> Iterator[Sheet]:
        for table in self.tables:
            yield table.sheet()
