"""Reports for programme staff and funders; every table also downloads as XLSX."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pazanga.common.pagination import paginate
from pazanga.programme.enums import Role
from pazanga.programme.permissions import roles_of
from pazanga.training import reports
from pazanga.training.coverage_map import ATTRIBUTION, legend, map_areas
from pazanga.training.forms import ReportFilterForm
from pazanga.training.tables import Table, xlsx_response

# Funders and partners read the reports; trainers see how their sessions went.
READERS = {Role.PROGRAMME_STAFF, Role.PARTNER, Role.RESEARCHER}


def reader_required(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not roles_of(request.user) & READERS:
        raise PermissionDenied
    return None


def scope_from(request: HttpRequest) -> tuple[ReportFilterForm, reports.Scope]:
    form = ReportFilterForm(request.GET or None)
    if form.is_valid():
        return form, reports.Scope(form.cleaned_data["year"], form.cleaned_data["county"])
    return form, reports.Scope()


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


def report_page(request: HttpRequest) -> HttpResponse:
    refused = reader_required(request)
    if refused is not None:
        return refused
    form, scope = scope_from(request)
    tables, by_municipality = all_tables(scope)
    wanted = request.GET.get("export", "")
    if wanted:
        chosen = [t for t in tables if wanted in ("all", t.key)] or tables
        return xlsx_response(chosen, f"training-{wanted}-{scope.year or 'all'}")
    names = {
        g.label: (g.library_share, f"{g.label}: {g.libraries_trained}/{g.libraries}")
        for g in by_municipality.values()
    }
    areas, height = map_areas(names)
    context = {
        "form": form,
        "tables": tables,
        "areas": areas,
        "map_height": height,
        "legend": legend(),
        "attribution": ATTRIBUTION,
    }
    return render(request, "training/reports.html", context)


def library_report(request: HttpRequest) -> HttpResponse:
    refused = reader_required(request)
    if refused is not None:
        return refused
    form, scope = scope_from(request)
    text = request.GET.get("q", "").strip()
    found = reports.trained_by_library(scope, text)
    if request.GET.get("export"):
        return xlsx_response([reports.library_table(found)], "training-libraries")
    page = paginate(request, found, 50)
    table = reports.library_table(page.object_list)
    return render(
        request,
        "training/report_libraries.html",
        {"form": form, "page": page, "table": table, "q": text},
    )
