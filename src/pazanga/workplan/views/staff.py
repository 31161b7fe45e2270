"""The programme team's workplan pages: the plan with its links, the workbook export and
import, baselines, and linking an activity to the records it produced."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pazanga.common.exports import KINDS
from pazanga.common.refusals import Refusal
from pazanga.common.spreadsheets import SpreadsheetError
from pazanga.workplan import access, queries, services
from pazanga.workplan.exports import PlanExport
from pazanga.workplan.forms import BaselineForm, ImportForm, LinkForm
from pazanga.workplan.models import ActivityLink
from pazanga.workplan.progress import linkable_choices
from pazanga.workplan.views.public import today


@access.programme_staff_required
def manage(request: HttpRequest) -> HttpResponse:
    programme = access.programme_or_404()
    problems = []
    form = ImportForm()
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                counts = services.import_plan(
                    programme, form.cleaned_data["file"].read(), actor=request.user
                )
            except SpreadsheetError as error:
                problems = error.problems
            else:
                messages.success(
                    request,
                    _("The plan was imported: %(created)s new and %(updated)s updated activities.")
                    % counts,
                )
                return redirect("workplan:manage")
    activities = access.plan_activities().select_related("responsible")
    context = {
        "rows": queries.plan(activities, programme, today()),
        "form": form,
        "problems": problems,
        "baseline_form": BaselineForm(),
        "baseline": queries.latest_baseline(programme),
    }
    return render(request, "workplan/manage.html", context, status=400 if problems else 200)


@access.programme_staff_required
def export_plan(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404
    activities = (
        access.plan_activities()
        .select_related("parent")
        .prefetch_related("depends_on")
        .order_by("position", "pk")
    )
    return PlanExport(activities).response(kind)


@access.programme_staff_required
@require_POST
def save_baseline(request: HttpRequest) -> HttpResponse:
    programme = access.programme_or_404()
    form = BaselineForm(request.POST)
    if form.is_valid():
        try:
            services.save_baseline(programme, form.cleaned_data["name"], actor=request.user)
        except Refusal as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The baseline was saved."))
    else:
        messages.error(request, _("Give the baseline a name."))
    return redirect("workplan:manage")


@access.programme_staff_required
def links(request: HttpRequest, pk: int) -> HttpResponse:
    activity = access.activity_for(pk)
    choices, records = linkable_choices(activity.programme)
    form = LinkForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.link_record(activity, records[form.cleaned_data["record"]], actor=request.user)
        except Refusal as refusal:
            form.add_error("record", refusal.message)
        else:
            messages.success(request, _("The record was linked."))
            return redirect("workplan:links", pk=activity.pk)
    rows = queries.plan(
        access.plan_activities().filter(pk=activity.pk), activity.programme, today()
    )
    linked = list(ActivityLink.objects.filter(activity=activity).select_related("content_type"))
    context = {"activity": activity, "row": rows[0], "form": form, "linked": linked}
    return render(request, "workplan/links.html", context, status=400 if form.errors else 200)


@access.programme_staff_required
@require_POST
def unlink(request: HttpRequest, pk: int, link: int) -> HttpResponse:
    activity = access.activity_for(pk)
    found = get_object_or_404(ActivityLink, activity=activity, pk=access.number(link))
    services.unlink_record(found, actor=request.user)
    messages.success(request, _("The record was unlinked."))
    return redirect("workplan:links", pk=activity.pk)
