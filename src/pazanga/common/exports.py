"""Tables as CSV or XLSX. Apps yield rows (the header first); these write them, one way.

Every text cell that a spreadsheet would run as a formula (starting with = + - @) is
written with a leading apostrophe: applicants, registrants and respondents type these
texts, and opening an export must never run what they typed.
"""

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

KINDS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so that Excel opens UTF-8 correctly
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(safe_row(row))
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(rows: Iterable[Iterable[Any]], sheet: str = "data") -> bytes:
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet(sheet)
    for row in rows:
        data.append(safe_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_bytes(rows: Iterable[Iterable[Any]], kind: str) -> bytes:
    return csv_bytes(rows) if kind == "csv" else xlsx_bytes(rows)


def download(content: bytes, kind: str, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
