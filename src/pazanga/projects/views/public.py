"""The public pages: every funded project with a map of municipalities, and each project's
page with its results once the final report is approved. Nothing personal is shown."""

import math

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from pazanga.common.pagination import paginate
from pazanga.programme.permissions import current_programme
from pazanga.projects import access, queries
from pazanga.projects.enums import ReportKind, ReportStatus
from pazanga.training.coverage_map import ATTRIBUTION, SHADES, map_areas, shapes


def pk_of(value) -> int | None:  # type: ignore[no-untyped-def]
    return value.pk if value is not None else None


def project_map(counts: dict[str, int]) -> dict:  # type: ignore[no-untyped-def]
    """Every municipality shaded by its number of projects (darkest: the most; the lightest
    shade for none), with the legend's ranges of counts."""
    most = max(counts.values(), default=0)
    values = {}
    for shape in shapes()[0]:
        count = counts.get(shape.name, 0)
        title = ngettext("%(name)s: %(count)d project", "%(name)s: %(count)d projects", count)
        values[shape.name] = (
            count / most if most else 0.0,
            title % {"name": shape.name, "count": count},
        )
    areas, height = map_areas(values)
    step = most / len(SHADES)
    legend = [
        (colour, math.ceil(index * step) if index else 0, math.floor((index + 1) * step))
        for index, colour in enumerate(SHADES)
    ]
    return {
        "areas": areas,
        "map_height": height,
        "attribution": ATTRIBUTION,
        "legend": [(c, low, high) for c, low, high in legend if high >= low],
    }


def public_list(request: HttpRequest) -> HttpResponse:
    from pazanga.projects.forms import PublicFilterForm

    form = PublicFilterForm(request.GET or None, programme=current_programme())
    data = form.cleaned_data if form.is_valid() else {}
    wanted = queries.PublicFilter(
        call=pk_of(data.get("call")), county=pk_of(data.get("county")), theme=data.get("theme", "")
    )
    grants = queries.public_list(access.public_grants(), wanted)
    page = paginate(request, grants, 30)
    context = {
        "form": form,
        "page": page,
        "count": page.paginator.count,
        **project_map(queries.projects_per_municipality(grants)),
    }
    return render(request, "projects/public_list.html", context)


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access.public_grant_for(pk)
    final = grant.reports.filter(kind=ReportKind.FINAL, status=ReportStatus.APPROVED).first()
    context = {
        "grant": grant,
        "partners": list(grant.application.partners.select_related("organisation")),
        "final": final,
        "results": queries.results_of(grant) if final else [],
    }
    return render(request, "projects/public_detail.html", context)
