"""Reports for programme staff and funders; every table also downloads as XLSX
(tables.TablesExport, through the platform's one exporter base)."""

from dataclasses import replace

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pazanga.common.pagination import paginate
from pazanga.programme.permissions import current_programme
from pazanga.training import reports
from pazanga.training.access import report_reader_required
from pazanga.training.coverage_map import ATTRIBUTION, legend, map_areas
from pazanga.training.forms import ReportFilterForm
from pazanga.training.tables import Table, TablesExport


def scope_from(request: HttpRequest) -> tuple[ReportFilterForm, reports.Scope]:
    """The reader's filters; the reports cover the current programme's sessions."""
    form = ReportFilterForm(request.GET or None)
    programme = current_programme()
    if form.is_valid():
        data = form.cleaned_data
        return form, reports.Scope(data["year"], data["county"], programme=programme)
    return form, reports.Scope(programme=programme)


def all_tables(scope: reports.Scope) -> tuple[list[Table], dict[int, reports.Coverage]]:
    municipality_table, by_municipality = reports.coverage_by_municipality(scope)
    facts = reports.session_facts(scope)
    gain_module, gain_trainer = reports.knowledge_gain(facts)
    satisfaction_session, satisfaction_trainer = reports.satisfaction(facts)
    tables = [
        reports.trained_by_module_and_county(scope),
        reports.coverage_by_county(scope),
        reports.coverage_by_settlement(scope),
        municipality_table,
        gain_module,
        gain_trainer,
        satisfaction_session,
        satisfaction_trainer,
    ]
    return tables, by_municipality


@report_reader_required
def report_page(request: HttpRequest) -> HttpResponse:
    form, scope = scope_from(request)
    tables, by_municipality = all_tables(scope)
    wanted = request.GET.get("export", "")
    if wanted:
        chosen = [t for t in tables if wanted in ("all", t.key)] or tables
        stem = f"training-{wanted}-{scope.year or 'all'}"
        return TablesExport(chosen, stem).response("xlsx")
    names = {
        g.label: (g.library_share, f"{g.label}: {g.libraries_trained}/{g.libraries}")
        for g in by_municipality.values()
    }
    areas, height = map_areas(names)
    context = {
        "form": form,
        "tables": [paged(request, table) for table in tables],
        "areas": areas,
        "map_height": height,
        "legend": legend(),
        "attribution": ATTRIBUTION,
    }
    return render(request, "training/reports.html", context)


# A table longer than this is shown a page at a time (each table pages on its own: the
# query parameter is `<table key>_page`); its download holds every row.
TABLE_PAGE_ROWS = 25


def paged(request: HttpRequest, table: Table) -> Table:
    if len(table.rows) <= TABLE_PAGE_ROWS:
        return table
    parameter = f"{table.key}_page"
    page = Paginator(table.rows, TABLE_PAGE_ROWS).get_page(request.GET.get(parameter))
    shown = replace(table, rows=list(page.object_list))

    def link(number: int) -> str:
        query = request.GET.copy()
        query[parameter] = str(number)
        return f"?{query.urlencode()}#{table.key}"

    shown.pager = {  # type: ignore[attr-defined]
        "number": page.number,
        "total": page.paginator.num_pages,
        "previous": link(page.previous_page_number()) if page.has_previous() else "",
        "next": link(page.next_page_number()) if page.has_next() else "",
    }
    return shown


@report_reader_required
def library_report(request: HttpRequest) -> HttpResponse:
    form, scope = scope_from(request)
    text = request.GET.get("q", "").strip()
    found = reports.trained_by_library(scope, text)
    if request.GET.get("export"):
        return TablesExport([reports.library_table(found)], "training-libraries").response("xlsx")
    page = paginate(request, found, 50)
    table = reports.library_table(page.object_list)
    return render(
        request,
        "training/report_libraries.html",
        {"form": form, "page": page, "table": table, "q": text},
    )
