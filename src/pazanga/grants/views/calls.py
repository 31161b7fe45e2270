"""Calls: the public list and page, and set-up by programme staff."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pazanga.common.audit import timeline
from pazanga.common.pagination import paginate
from pazanga.common.refusals import Refusal
from pazanga.grants import queries, services
from pazanga.grants.access import call_for, programme_staff_required, seat_for, visible_call
from pazanga.grants.forms import CallForm, CountyMinimumFormSet, CriterionFormSet, PanelSeatForm
from pazanga.grants.models import Call
from pazanga.programme.permissions import (
    current_programme,
    is_programme_staff,
    libraries_of,
)


def call_list(request: HttpRequest) -> HttpResponse:
    if is_programme_staff(request.user):
        calls = Call.objects.filter(programme=current_programme())
    else:
        calls = queries.published_calls()
    page = paginate(request, calls.order_by("-opens_at"), 20)
    return render(request, "grants/call_list.html", {"page": page})


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = visible_call(request.user, pk)
    context = {
        "call": call,
        "criteria": call.criteria.all(),
        "minimums": call.county_minimums.select_related("county"),
        "is_staff": is_programme_staff(request.user),
        "libraries": libraries_of(request.user),
        "entries": timeline(call) if is_programme_staff(request.user) else None,
    }
    return render(request, "grants/call_detail.html", context)


@programme_staff_required
def call_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    call = call_for(request.user, pk) if pk else Call(programme=current_programme())
    form = CallForm(request.POST or None, instance=call)
    criteria = CriterionFormSet(request.POST or None, instance=call, prefix="criteria")
    minimums = CountyMinimumFormSet(request.POST or None, instance=call, prefix="minimums")
    if request.method == "POST" and form.is_valid() and criteria.is_valid() and minimums.is_valid():
        call = services.save_call(form, criteria, minimums, actor=request.user)
        messages.success(request, _("The call was saved."))
        return redirect(call)
    context = {"call": call, "form": form, "criteria": criteria, "minimums": minimums}
    return render(request, "grants/call_form.html", context)


@programme_staff_required
def call_panel(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_for(request.user, pk)
    form = PanelSeatForm(request.POST or None, reviewers=services.panel_candidates(call))
    if request.method == "POST":
        if "remove" in request.POST:
            seat = seat_for(call, request.POST["remove"])
            services.remove_panel_seat(seat, actor=request.user)
            messages.success(request, _("The reviewer was taken off the panel."))
            return redirect("grants:panel", call.pk)
        if form.is_valid():
            try:
                services.add_panel_seat(
                    call,
                    form.cleaned_data["reviewer"],
                    themes=form.cleaned_data["themes"],
                    actor=request.user,
                )
            except Refusal as refused:
                form.add_error("reviewer", refused.message)
            else:
                messages.success(request, _("The reviewer joined the panel."))
                return redirect("grants:panel", call.pk)
    seats = queries.reviewer_loads(call)
    return render(request, "grants/panel.html", {"call": call, "form": form, "seats": seats})
