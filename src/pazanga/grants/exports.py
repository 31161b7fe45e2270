"""Applications as CSV or XLSX: one row generator, two writers."""

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from pazanga.grants.models import Application, Call

FORMATS = ("csv", "xlsx")


def header() -> list[str]:
    return [
        _("Reference"),
        _("Library"),
        _("County"),
        _("Title"),
        _("Status"),
        _("Requested"),
        _("Co-financing"),
        _("Currency"),
        _("Score"),
        _("Rank"),
        _("Awarded"),
    ]


def rows(call: Call, items: QuerySet[Application]) -> Iterator[list[Any]]:
    yield header()
    for a in items:
        municipality = a.library.municipality
        yield [
            a.reference,
            a.library.name,
            str(municipality.county) if municipality else "",
            a.title,
            a.get_status_display(),
            a.requested_total,
            a.co_financing_total,
            call.currency,
            a.score,
            a.rank,
            a.awarded_amount,
        ]


def applications_export(call: Call, items: QuerySet[Application], kind: str) -> HttpResponse:
    name = f"{call.code}-applications.{kind}"
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows(call, items):
            writer.writerow(["" if v is None else v for v in row])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
    else:
        book = Workbook()
        sheet = book.active
        for row in rows(call, items):
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
