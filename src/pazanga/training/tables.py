"""Report tables: one shape for the web page and the XLSX export."""

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# How a column's values are shown: text, a whole number, a share (0–1) as a percentage,
# a percentage already 0–100, or a decimal number.
KINDS = ("text", "int", "share", "percent", "number", "p")  # p: a p-value


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"


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


def excel_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "share":
        return round(float(value) * 100, 1)
    if kind in ("percent", "number"):
        return round(float(value), 2)
    if kind == "p":
        return float(f"{float(value):.4g}")
    return value


def workbook_bytes(tables: Sequence[Table]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        name = (table.title[:28] or table.key).replace("/", "-").replace(":", "")
        while name in used:
            name = name[:26] + f"{len(used)}"
        used.add(name)
        sheet = workbook.create_sheet(name)
        sheet.append([c.label + (" (%)" if c.kind == "share" else "") for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([excel_value(v, c.kind) for v, c in zip(row, table.columns, strict=True)])
        if table.note:
            sheet.append([])
            sheet.append([table.note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(tables: Sequence[Table], file_name: str) -> HttpResponse:
    response = HttpResponse(workbook_bytes(tables), content_type=XLSX_MIMETYPE)
    response["Content-Disposition"] = f'attachment; filename="{slugify(file_name)}.xlsx"'
    return response
