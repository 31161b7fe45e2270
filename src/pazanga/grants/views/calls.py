"""Calls: the public list and page, and set-up by programme staff."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pazanga.common.audit import log_action, timeline
from pazanga.common.pagination import paginate
from pazanga.grants import queries
from pazanga.grants.forms import CallForm, CountyMinimumFormSet, CriterionFormSet, PanelSeatForm
from pazanga.grants.models import Call, CallReviewer
from pazanga.grants.views.access import programme_call, visible_call
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.permissions import (
    current_programme,
    is_programme_staff,
    libraries_of,
    programme_staff_required,
)


def call_list(request: HttpRequest) -> HttpResponse:
    calls = Call.objects.all() if is_programme_staff(request.user) else queries.published_calls()
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
    call = programme_call(pk) if pk else Call(programme=current_programme())
    form = CallForm(request.POST or None, instance=call)
    criteria = CriterionFormSet(request.POST or None, instance=call, prefix="criteria")
    minimums = CountyMinimumFormSet(request.POST or None, instance=call, prefix="minimums")
    if request.method == "POST" and form.is_valid() and criteria.is_valid() and minimums.is_valid():
        with transaction.atomic():
            call = form.save()
            criteria.instance = minimums.instance = call
            criteria.save()
            minimums.save()
            log_action(call, "grants.call.saved", actor=request.user)
        messages.success(request, _("The call was saved."))
        return redirect(call)
    context = {"call": call, "form": form, "criteria": criteria, "minimums": minimums}
    return render(request, "grants/call_form.html", context)


@programme_staff_required
def call_panel(request: HttpRequest, pk: int) -> HttpResponse:
    call = programme_call(pk)
    from pazanga.directory.models import User

    reviewers = User.objects.filter(
        role_assignments__role=Role.REVIEWER,
        role_assignments__status=AssignmentStatus.CONFIRMED,
        role_assignments__programme=call.programme,
    ).exclude(pk__in=call.reviewers.values("reviewer"))
    form = PanelSeatForm(request.POST or None, reviewers=reviewers)
    if request.method == "POST":
        if "remove" in request.POST:
            CallReviewer.objects.filter(call=call, pk=request.POST["remove"]).delete()
            messages.success(request, _("The reviewer was taken off the panel."))
            return redirect("grants:panel", call.pk)
        if form.is_valid():
            seat = form.save(commit=False)
            seat.call = call
            seat.save()
            messages.success(request, _("The reviewer joined the panel."))
            return redirect("grants:panel", call.pk)
    seats = queries.reviewer_loads(call)
    return render(request, "grants/panel.html", {"call": call, "form": form, "seats": seats})
