"""The one exporter base: apps write small classes yielding named sheets of rows.

```python
class AttendeeExport(Exporter):
    def __init__(self, event): ...
    def file_stem(self) -> str: return f"{self.event.slug}-attendees"
    def sheets(self): yield Sheet(_("Attendees"), self.rows())   # header row first
```

`exporter.response("xlsx")` returns the download. The base writes CSV (one sheet; a ZIP of
one CSV per sheet when there are several) and XLSX (one worksheet per sheet, bold header),
and nothing else in the platform writes these formats.

Every text cell that a spreadsheet would run as a formula (starting with = + - @, or a tab
or carriage return before one) is written with a leading apostrophe: applicants,
registrants and respondents type these texts, and opening an export must never run what
they typed.
"""

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

KINDS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def safe_cell(value: Any) -> Any:
    """A value as a spreadsheet may hold it: text that would run as a formula is defused."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


def csv_text(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Sheet:
    """A named table: `rows` yields the header first, then the data rows.

    `formats` says which exports carry it (a sheet of column labels belongs in a workbook,
    not in the CSV files).
    """

    name: str
    rows: Iterable[Sequence[Any]]
    note: str = ""
    formats: tuple[str, ...] = KINDS


class Exporter:
    """Subclasses give `file_stem()` and `sheets()`; the base writes and serves them."""

    def file_stem(self) -> str:
        raise NotImplementedError

    def sheets(self) -> Iterable[Sheet]:
        raise NotImplementedError

    # --- written once, for every exporter -------------------------------------------------

    def content(self, kind: str) -> tuple[bytes, str, str]:
        """(bytes, content type, file name) of the export as `kind` ("csv" or "xlsx")."""
        stem = file_stem(self.file_stem())
        if kind not in KINDS:
            raise ValueError(f"Unknown export kind {kind!r}")
        sheets = [sheet for sheet in self.sheets() if kind in sheet.formats]
        if kind == "xlsx":
            return xlsx_bytes(sheets), CONTENT_TYPES["xlsx"], f"{stem}.xlsx"
        if len(sheets) == 1:
            return csv_bytes(sheets[0].rows), CONTENT_TYPES["csv"], f"{stem}.csv"
        return zip_of_csv(sheets), CONTENT_TYPES["zip"], f"{stem}.zip"

    def response(self, kind: str) -> HttpResponse:
        content, content_type, file_name = self.content(kind)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{file_name}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


class RowsExport(Exporter):
    """An export of one table whose rows are already at hand."""

    def __init__(self, stem: str, name: str, rows: Iterable[Sequence[Any]]) -> None:
        self.stem, self.name, self.rows = stem, name, rows

    def file_stem(self) -> str:
        return self.stem

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(self.name, self.rows)


def file_stem(text: str) -> str:
    """A file name stem any browser and header carries: ASCII letters kept with their case."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text).strip("-.") or "export"


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that Excel opens UTF-8 correctly
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_text(value) for value in safe_row(row)])
    return buffer.getvalue().encode("utf-8")


def zip_of_csv(sheets: Sequence[Sheet]) -> bytes:
    buffer = io.BytesIO()
    names = unique_names(sheet.name for sheet in sheets)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, sheet in zip(names, sheets, strict=True):
            archive.writestr(f"{slugify(name) or 'sheet'}.csv", csv_bytes(sheet.rows))
    return buffer.getvalue()


def unique_names(names: Iterable[str]) -> list[str]:
    """Worksheet names Excel accepts: no []:*?/\\, at most 31 characters, all distinct."""
    result: list[str] = []
    taken: set[str] = set()
    for raw in names:
        name = SHEET_NAME_FORBIDDEN.sub("-", str(raw)).strip("'")[:31] or "data"
        candidate, n = name, 1
        while candidate.lower() in taken:
            n += 1
            suffix = f" ({n})"
            candidate = name[: 31 - len(suffix)] + suffix
        taken.add(candidate.lower())
        result.append(candidate)
    return result


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    workbook = Workbook(write_only=True)
    sheets = list(sheets)
    bold = Font(bold=True)
    for name, sheet in zip(unique_names(s.name for s in sheets), sheets, strict=True):
        worksheet = workbook.create_sheet(name)
        for index, row in enumerate(sheet.rows):
            values = safe_row(row)
            if index == 0:
                cells = []
                for value in values:
                    cell = WriteOnlyCell(worksheet, value=value)
                    cell.font = bold
                    cells.append(cell)
                worksheet.append(cells)
            else:
                worksheet.append(values)
        if sheet.note:
            worksheet.append([])
            worksheet.append([safe_cell(sheet.note)])
    if not sheets:
        workbook.create_sheet("data")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
