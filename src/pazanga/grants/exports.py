"""A call's applications as CSV or XLSX, written by the common exporter base."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pazanga.common.exports import Exporter, Sheet
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


class ApplicationsExport(Exporter):
    """The call's applications as listed (filtered), one row each."""

    def __init__(self, call: Call, items: QuerySet[Application]) -> None:
        self.call, self.items = call, items

    def file_stem(self) -> str:
        return f"{self.call.code}-applications"

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(_("Applications"), rows(self.call, self.items))
