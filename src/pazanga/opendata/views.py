"""The open-data page and its files: 360Giving (JSON, CSV, XLSX), IATI 2.03 XML and a CSV of
every public table. Files are public, CC BY 4.0, and carry nothing personal."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from pazanga.opendata import giving, iati
from pazanga.opendata.tables import TABLES, GivingExport, table_export
from pazanga.programme.permissions import current_programme

DESCRIPTIONS = {
    "events": _("Conferences and seminars: title, dates, venue and city."),
    "training-sessions": _(
        "Training sessions: course, municipality, dates, places and places filled."
    ),
    "libraries": _("Public libraries and branches: name, kind, registry code, municipality."),
    "calls": _("Calls for proposals: dates, currency, budget and largest grant."),
    "grants": _("Awarded grants: library, municipality, call, amount, dates and status."),
}


def programme_or_404():  # type: ignore[no-untyped-def]
    programme = current_programme()
    if programme is None:
        raise Http404
    return programme


def index(request: HttpRequest) -> HttpResponse:
    tables = [(name, DESCRIPTIONS[name]) for name in TABLES]
    return render(request, "opendata/index.html", {"tables": tables})


def giving_json(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        giving.package_json(programme_or_404()), content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def giving_table(request: HttpRequest, kind: str) -> HttpResponse:
    return GivingExport(giving.records(programme_or_404())).response(kind)


def iati_xml(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        iati.document_bytes(programme_or_404()), content_type="application/xml; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def table_csv(request: HttpRequest, name: str) -> HttpResponse:
    if name not in TABLES:
        raise Http404
    return table_export(name).response("csv")
