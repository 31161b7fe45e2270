"""Staff and committee screens: applications, eligibility, conflicts, assignment, ranking,
the decision, exports and the public list of awarded grants."""

from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pazanga.common.exports import KINDS as EXPORT_KINDS
from pazanga.common.pagination import paginate
from pazanga.common.refusals import Refusal
from pazanga.grants import eligibility, exports, queries, services
from pazanga.grants.access import (
    call_for,
    person_for,
    programme_staff_required,
    staff_application_for,
    staff_assignment_for,
    staff_or_committee_required,
)
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.forms import (
    ApplicationFilterForm,
    DecisionNoteForm,
    EligibilityForm,
    OutcomeFormSet,
)
from pazanga.grants.models import Application
from pazanga.grants.solvers.funding import MinimumsExceedBudgetError

S = ApplicationStatus


@staff_or_committee_required
def application_list(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_for(request.user, pk)
    filters = ApplicationFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    items = queries.application_list(call, chosen)
    export = request.GET.get("export")
    if export in EXPORT_KINDS:
        return exports.ApplicationsExport(call, items).response(export)
    page = paginate(request, items, 50)
    return render(
        request, "grants/application_list.html", {"call": call, "page": page, "filters": filters}
    )


@programme_staff_required
def eligibility_queue(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_for(request.user, pk)
    items = (
        Application.objects.filter(call=call, status=S.SUBMITTED)
        .select_related("library")
        .order_by("number")
    )
    page = paginate(request, items, 20)
    for application in page:
        application.checks = eligibility.stored_checks(application)  # type: ignore[attr-defined]
    return render(request, "grants/eligibility_queue.html", {"call": call, "page": page})


@programme_staff_required
def decide_eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    application = staff_application_for(request.user, pk)
    form = EligibilityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_eligibility(
                application,
                eligible=form.cleaned_data["eligible"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except Refusal as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(
                request,
                _("%(reference)s: %(status)s.")
                % {"reference": application.reference, "status": application.get_status_display()},
            )
            return redirect("grants:eligibility", application.call_id)
    context = {
        "application": application,
        "checks": eligibility.stored_checks(application),
        "verdict": eligibility.automatic_verdict(application.eligibility_checks),
        "form": form,
    }
    return render(request, "grants/eligibility_decide.html", context)


@programme_staff_required
def conflicts(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_for(request.user, pk)
    if request.method == "POST":
        count = services.refresh_conflicts(call)
        messages.success(
            request,
            ngettext(
                "Conflicts of interest recomputed: %(count)d conflict found.",
                "Conflicts of interest recomputed: %(count)d conflicts found.",
                count,
            )
            % {"count": count},
        )
        return redirect("grants:conflicts", call.pk)
    page = paginate(request, queries.conflicts_of_call(call), 50)
    return render(request, "grants/conflicts.html", {"call": call, "page": page})


@programme_staff_required
def assignment(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_for(request.user, pk)
    problems: list[str] = []
    if request.method == "POST":
        try:
            report = services.assign_reviewers(call, actor=request.user)
        except Refusal as refused:
            messages.error(request, refused.message)
            problems = refused.details
        else:
            messages.success(request, assignment_summary(report))
            return redirect("grants:assignment", call.pk)
    page = paginate(request, queries.assignments_of_call(call), 30)
    context = {
        "call": call,
        "page": page,
        "seats": queries.reviewer_loads(call),
        "problems": problems,
        "panel": call.reviewers.select_related("reviewer"),
    }
    return render(request, "grants/assignment.html", context)


def assignment_summary(report: services.AssignmentReport) -> str:
    """What the solver did, one counted sentence at a time."""
    applications, reviewers = report.applications, report.reviewers
    created, kept = report.created, report.kept
    sentences = [
        ngettext(
            "Reviewers were assigned to %(count)d application.",
            "Reviewers were assigned to %(count)d applications.",
            applications,
        )
        % {"count": applications},
        ngettext(
            "The panel has %(count)d reviewer.", "The panel has %(count)d reviewers.", reviewers
        )
        % {"count": reviewers},
        ngettext("%(count)d assignment is new.", "%(count)d assignments are new.", created)
        % {"count": created},
        ngettext("%(count)d assignment was kept.", "%(count)d assignments were kept.", kept)
        % {"count": kept},
        _("The total match is %(affinity)s.")
        % {"affinity": number_format(report.total_affinity, decimal_pos=2)},
    ]
    return " ".join(sentences)


@require_POST
@programme_staff_required
def add_reviewer(request: HttpRequest, pk: int) -> HttpResponse:
    application = staff_application_for(request.user, pk)
    reviewer = person_for(request.POST.get("reviewer"))
    try:
        services.add_assignment(application, reviewer, actor=request.user)
    except Refusal as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("%(reviewer)s now reviews %(reference)s.")
            % {"reviewer": reviewer, "reference": application.reference},
        )
    return redirect("grants:assignment", application.call_id)


@require_POST
@programme_staff_required
def remove_reviewer(request: HttpRequest, pk: int) -> HttpResponse:
    item = staff_assignment_for(request.user, pk)
    try:
        services.remove_assignment(item, actor=request.user)
    except Refusal as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The reviewer was taken off the application."))
    return redirect("grants:assignment", item.application.call_id)


RANKING_PAGE_ROWS = 100


def ranking_context(call) -> dict[str, object]:  # type: ignore[no-untyped-def]
    rows = queries.ranking(call)
    try:
        proposal = queries.proposal(call, rows)
        problem = ""
    except MinimumsExceedBudgetError as refused:
        proposal, problem = (
            None,
            _("The county minimums need %(needed)s %(currency)s, more than the budget.")
            % {"needed": refused.needed, "currency": call.currency},
        )
    funded = set(proposal.funded) if proposal else set()
    return {"call": call, "rows": rows, "proposal": proposal, "funded": funded, "problem": problem}


@staff_or_committee_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_for(request.user, pk)
    context = ranking_context(call)
    # Ranked as a whole, shown RANKING_PAGE_ROWS at a time (a large call's page stays small).
    context["page"] = paginate(request, context["rows"], RANKING_PAGE_ROWS)
    return render(request, "grants/ranking.html", context)


@staff_or_committee_required
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_for(request.user, pk)
    context = ranking_context(call)
    rows = [r for r in context["rows"] if services.decidable(r.application)]  # type: ignore[attr-defined]
    funded = context["funded"]
    initial = [
        {
            "application": r.application.pk,
            "outcome": S.AWARDED if r.application.pk in funded else S.RESERVE,  # type: ignore[operator]
            "amount": r.application.requested_total if r.application.pk in funded else None,  # type: ignore[operator]
        }
        for r in rows
    ]
    formset = OutcomeFormSet(request.POST or None, initial=initial, prefix="o")
    note = DecisionNoteForm(request.POST or None)
    problems: list[str] = []
    if request.method == "POST" and formset.is_valid() and note.is_valid():
        outcomes = [
            services.Outcome(
                f.cleaned_data["application"],
                f.cleaned_data["outcome"],
                f.cleaned_data["amount"],
                f.cleaned_data["reason"],
            )
            for f in formset
            if f.cleaned_data
        ]
        try:
            services.record_decision(
                call, outcomes, note=note.cleaned_data["note"], actor=request.user
            )
        except Refusal as refused:
            messages.error(request, refused.message)
            problems = refused.details
        else:
            messages.success(
                request, _("The decision was recorded and the letters are being sent.")
            )
            return redirect("grants:ranking", call.pk)
    paired = list(zip(rows, formset.forms, strict=False))
    budget_left = call.budget - sum(
        (r.application.awarded_amount or Decimal(0)) for r in context["rows"]
    )  # type: ignore[attr-defined]
    context.update(
        {
            "pairs": paired,
            "formset": formset,
            "note": note,
            "problems": problems,
            "budget_left": budget_left,
        }
    )
    return render(request, "grants/decision.html", context)


def awarded(request: HttpRequest) -> HttpResponse:
    page = paginate(request, queries.awarded_grants(), 50)
    return render(request, "grants/awarded.html", {"page": page})
