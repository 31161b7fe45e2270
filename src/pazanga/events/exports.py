"""Attendee lists as CSV or XLSX: one exporter yields rows, two writers format them."""

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from pazanga.events.models import Event, Registration

EXPORT_KINDS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def attendee_rows(event: Event, registrations: Iterable[Registration]) -> Iterator[list[str]]:
    days = event.days
    yield [
        _("First name"),
        _("Last name"),
        _("E-mail address"),
        _("Organisation"),
        _("Position"),
        _("Category"),
        _("Status"),
        _("Registered"),
        *(day.isoformat() for day in days),
        _("Certificate"),
    ]
    for registration in registrations:
        by_day = {a.day: a.get_status_display() for a in registration.attendances.all()}
        certificates = ", ".join(c.serial for c in registration.certificates.all())
        yield [
            registration.first_name,
            registration.last_name,
            registration.email,
            registration.organisation_label,
            registration.job_title,
            str(registration.category.name),
            str(registration.get_status_display()),
            registration.created_at.strftime("%Y-%m-%d %H:%M"),
            *(str(by_day.get(day, "")) for day in days),
            certificates,
        ]


def safe_cell(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in spreadsheet programs.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


def write_csv(rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(rows: Iterable[list[str]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attendee_export(
    event: Event, registrations: QuerySet[Registration], kind: str
) -> tuple[bytes, str]:
    rows = attendee_rows(event, registrations.iterator(chunk_size=500))
    content = write_csv(rows) if kind == "csv" else write_xlsx(rows)
    return content, CONTENT_TYPES[kind]
