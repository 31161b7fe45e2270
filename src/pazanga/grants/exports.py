"""Applications as CSV or XLSX: one row generator, two writers."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _

from pazanga.common.exports import download, table_bytes
from pazanga.grants.models import Application, Call


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
    content = table_bytes(rows(call, items), kind)
    return download(content, kind, f"{call.code}-applications.{kind}")
