"""Programme staff's pages across grants: the portfolio, the payment list, the indicator
roll-up (also for partners and researchers), the catalogue and the calls' project terms."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pazanga.common.exports import KINDS as EXPORT_KINDS
from pazanga.common.pagination import paginate
from pazanga.grants.models import Call
from pazanga.programme.permissions import current_programme
from pazanga.projects import access, queries
from pazanga.projects.enums import GroupBy, TrancheStatus
from pazanga.projects.exports import PaymentListExport, PortfolioExport, RollupExport
from pazanga.projects.forms import (
    CallTermsForm,
    PaymentFilterForm,
    PaymentForm,
    PortfolioFilterForm,
    RollupForm,
)
from pazanga.projects.models import CallTerms, Indicator
from pazanga.projects.services import terms_for
from pazanga.projects.views.common import post_or_none


def chosen(form) -> dict:  # type: ignore[no-untyped-def]
    return form.cleaned_data if form.is_valid() else {}


def pk_of(value) -> int | None:  # type: ignore[no-untyped-def]
    return value.pk if value is not None else None


@access.programme_staff_required
def portfolio(request: HttpRequest) -> HttpResponse:
    form = PortfolioFilterForm(request.GET or None, programme=current_programme())
    data = chosen(form)
    wanted = queries.PortfolioFilter(
        call=pk_of(data.get("call")),
        status=data.get("status", ""),
        county=pk_of(data.get("county")),
        municipality=pk_of(data.get("municipality")),
        flag=data.get("flag", ""),
        text=data.get("q", ""),
    )
    grants = queries.portfolio(access.programme_grants(), wanted)
    export = request.GET.get("export")
    if export in EXPORT_KINDS:
        return PortfolioExport(grants).response(export)
    page = paginate(request, grants, 50)
    rows = [{"grant": g, "flags": queries.flags_of(g), "next": queries.next_due(g)} for g in page]
    return render(
        request,
        "projects/portfolio.html",
        {"form": form, "page": page, "rows": rows, "count": page.paginator.count},
    )


@access.rollup_readers_required
def rollup(request: HttpRequest) -> HttpResponse:
    form = RollupForm(request.GET or None, programme=current_programme())
    data = chosen(form)
    group_by = data.get("group_by") or GroupBy.COUNTY
    grants = access.programme_grants()
    if data.get("call"):
        grants = grants.filter(call=data["call"])
    table = queries.rollup(grants, group_by, get_language() or "lt")
    label = str(GroupBy(group_by).label)
    export = request.GET.get("export")
    if export in EXPORT_KINDS:
        return RollupExport(table, label).response(export)
    return render(
        request,
        "projects/rollup.html",
        {"form": form, "table": table, "group_label": label},
    )


WAITING = (TrancheStatus.DUE, TrancheStatus.APPROVED)


@access.programme_staff_required
def payments(request: HttpRequest) -> HttpResponse:
    form = PaymentFilterForm(request.GET or None, programme=current_programme())
    data = chosen(form)
    show = data.get("show") or "waiting"
    statuses = WAITING if show == "waiting" else (show,)
    grants = access.programme_grants()
    if data.get("call"):
        grants = grants.filter(call=data["call"])
    tranches = queries.payment_list(grants, statuses)
    export = request.GET.get("export")
    if export in EXPORT_KINDS:
        return PaymentListExport(tranches).response(export)
    page = paginate(request, tranches, 100)
    return render(
        request,
        "projects/payments.html",
        {"form": form, "page": page, "payment_form": PaymentForm(), "T": TrancheStatus},
    )


@access.programme_staff_required
def indicators(request: HttpRequest) -> HttpResponse:
    return render(
        request, "projects/indicators.html", {"indicators": list(Indicator.objects.all())}
    )


@access.programme_staff_required
def call_terms(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk, programme=current_programme())
    terms = terms_for(call)
    form = CallTermsForm(post_or_none(request), instance=terms)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("The terms were saved; grants opened from now on follow them."),
        )
        return redirect("projects:call_terms", call.pk)
    opened = CallTerms.objects.filter(pk=terms.pk).exists()
    return render(
        request,
        "projects/call_terms.html",
        {"call": call, "form": form, "saved": opened},
    )
