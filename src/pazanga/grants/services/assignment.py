"""The review panel and reviewer assignment: by the solver, and by hand."""

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.functional import lazy

from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal
from pazanga.common.tasks import run_later
from pazanga.grants import queries, rules
from pazanga.grants.enums import ApplicationStatus, AssignmentSource
from pazanga.grants.infeasibility import infeasibility_message
from pazanga.grants.models import Application, Call, CallReviewer, ReviewAssignment
from pazanga.grants.services.conflicts import refresh_conflicts, submitted
from pazanga.grants.solvers import assignment as solver
from pazanga.grants.workflow import transition
from pazanga.programme.enums import AssignmentStatus, Role

S = ApplicationStatus
# Worded when shown, in the reader's language (not when the refusal is raised).
reason_text = lazy(infeasibility_message, str)


# --- the panel -----------------------------------------------------------------------


def panel_candidates(call: Call) -> Any:
    """Confirmed reviewers of the call's programme not yet on its panel."""
    from pazanga.directory.models import User

    return (
        User.objects.filter(
            role_assignments__role=Role.REVIEWER,
            role_assignments__status=AssignmentStatus.CONFIRMED,
            role_assignments__programme=call.programme,
        )
        .exclude(pk__in=call.reviewers.values("reviewer"))
        .select_related("organisation")
    )


def add_panel_seat(call: Call, reviewer: Any, *, themes: list[str], actor: Any) -> CallReviewer:
    """Put a reviewer on the call's panel with their expertise.

    Refuses `grants.not_a_reviewer` for anyone but a confirmed reviewer of the call's
    programme, `grants.already_on_panel` for a second seat. Side effects: the CallReviewer
    row; audit entry `grants.call.panel_seat_added` on the call.
    """
    is_reviewer = reviewer.role_assignments.filter(
        role=Role.REVIEWER, status=AssignmentStatus.CONFIRMED, programme=call.programme
    ).exists()
    if not is_reviewer:
        raise Refusal("grants.not_a_reviewer")
    try:
        with transaction.atomic():
            seat = CallReviewer.objects.create(call=call, reviewer=reviewer, themes=themes)
            log_action(
                call,
                "grants.call.panel_seat_added",
                actor=actor,
                data={"reviewer": reviewer.pk, "themes": themes},
            )
    except IntegrityError:
        raise Refusal("grants.already_on_panel", reviewer=str(reviewer)) from None
    return seat


def remove_panel_seat(seat: CallReviewer, *, actor: Any) -> None:
    """Take a reviewer off the call's panel (their assignments stay until taken off).
    Side effects: deletes the seat; audit entry `grants.call.panel_seat_removed`."""
    with transaction.atomic():
        log_action(
            seat.call,
            "grants.call.panel_seat_removed",
            actor=actor,
            data={"reviewer": seat.reviewer_id},
        )
        seat.delete()


# --- assignment ----------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentReport:
    applications: int
    reviewers: int
    created: int
    kept: int
    total_affinity: float


def kept_assignment(assignment: ReviewAssignment) -> bool:
    """Assignments the solver must keep: made by hand, or with a review begun."""
    return assignment.source == AssignmentSource.MANUAL or hasattr(assignment, "review")


def assignment_problem(
    call: Call,
) -> tuple[solver.AssignmentProblem, list[Application], list[CallReviewer]]:
    """The call's assignment as the solver sees it: applications still to review (those
    already holding more than k kept reviewers are left alone), the panel, conflicts as
    forbidden pairs and kept assignments as fixed pairs."""
    applications = [
        a
        for a in queries.assignments_of_call(call).filter(status__in=queries.REVIEWABLE)
        if sum(1 for x in a.assignments.all() if kept_assignment(x) or a.status == S.REVIEWED)
        <= call.reviewers_per_application
    ]
    panel = list(call.reviewers.select_related("reviewer").order_by("reviewer_id"))
    app_index = {a.pk: i for i, a in enumerate(applications)}
    reviewer_index = {seat.reviewer_id: j for j, seat in enumerate(panel)}
    forbidden = frozenset(
        (app_index[a], reviewer_index[r])
        for a, r in queries.conflict_pairs(call)
        if a in app_index and r in reviewer_index
    )
    fixed = frozenset(
        (app_index[a.pk], reviewer_index[x.reviewer_id])
        for a in applications
        for x in a.assignments.all()
        if (kept_assignment(x) or a.status == S.REVIEWED) and x.reviewer_id in reviewer_index
    )
    problem = solver.AssignmentProblem(
        application_count=len(applications),
        reviewer_count=len(panel),
        per_application=call.reviewers_per_application,
        min_load=call.min_reviewer_load,
        max_load=call.max_reviewer_load,
        affinity=tuple(
            tuple(rules.affinity(a.themes, seat.themes) for seat in panel) for a in applications
        ),
        forbidden=forbidden,
        fixed=fixed,
    )
    return problem, applications, panel


def assign_reviewers(call: Call, *, actor: Any) -> AssignmentReport:
    """Assign every eligible application k reviewers, optimally (see solvers.assignment).

    Refreshes computed conflicts first. Keeps assignments made by hand and those with a
    review begun; replaces the other automatic ones. Refuses `grants.assignment_infeasible`
    with every reason when the settings are infeasible (nothing changes then).
    Side effects: ReviewAssignment rows; `transition(..., "in_review")` for eligible
    applications; audit entry `grants.call.reviewers_assigned` on the call; after commit
    each reviewer with new assignments is e-mailed.
    """
    refresh_conflicts(call)
    problem, applications, panel = assignment_problem(call)
    try:
        result = solver.solve_assignment(problem)
    except solver.InfeasibleAssignmentError as infeasible:
        raise Refusal(
            "grants.assignment_infeasible",
            details=[reason_text(r, applications) for r in infeasible.reasons],
        ) from None
    wanted = {(applications[a].pk, panel[r].reviewer_id): (a, r) for a, r in result.pairs}
    with transaction.atomic():
        existing = ReviewAssignment.objects.filter(application__in=applications).select_related(
            "review"
        )
        kept = 0
        for x in existing:
            if (x.application_id, x.reviewer_id) in wanted:
                del wanted[x.application_id, x.reviewer_id]
                kept += 1
            elif not kept_assignment(x):
                x.delete()
        created = ReviewAssignment.objects.bulk_create(
            ReviewAssignment(
                application_id=app_pk,
                reviewer_id=reviewer_pk,
                source=AssignmentSource.SOLVER,
                affinity=problem.affinity[a][r],
            )
            for (app_pk, reviewer_pk), (a, r) in wanted.items()
        )
        for application in applications:
            if application.status == S.ELIGIBLE:
                transition(application, S.IN_REVIEW, actor=actor)
        log_action(
            call,
            "grants.call.reviewers_assigned",
            actor=actor,
            data={
                "applications": len(applications),
                "reviewers": len(panel),
                "total_affinity": round(result.total_affinity, 4),
                "created": len(created),
            },
        )
        new_by_reviewer = sorted({x.reviewer_id for x in created})
        run_later("pazanga.grants.notifications.send_assignment_notices", call.pk, new_by_reviewer)
    return AssignmentReport(
        len(applications), len(panel), len(created), kept, result.total_affinity
    )


def add_assignment(application: Application, reviewer: Any, *, actor: Any) -> ReviewAssignment:
    """Assign a reviewer by hand (e.g. a third review).

    Refuses a conflicted pair (`grants.conflicted_pair`) or a reviewer outside the panel
    (`grants.not_on_panel`). Side effects: the assignment; an eligible or reviewed
    application goes (back) to in_review; audit entry `grants.application.reviewer_added`.
    """
    call = application.call
    if (application.pk, reviewer.pk) in queries.conflict_pairs(call):
        raise Refusal(
            "grants.conflicted_pair", reviewer=str(reviewer), reference=application.reference
        )
    if not call.reviewers.filter(reviewer=reviewer).exists():
        raise Refusal("grants.not_on_panel")
    with transaction.atomic():
        assignment, _created = ReviewAssignment.objects.get_or_create(
            application=application,
            reviewer=reviewer,
            defaults={"source": AssignmentSource.MANUAL},
        )
        if application.status in (S.ELIGIBLE, S.REVIEWED):
            transition(application, S.IN_REVIEW, actor=actor)
        log_action(
            application,
            "grants.application.reviewer_added",
            actor=actor,
            data={"reviewer": reviewer.pk},
        )
    return assignment


def remove_assignment(assignment: ReviewAssignment, *, actor: Any) -> None:
    """Take a reviewer off an application, unless they submitted their review
    (`grants.review_submitted`).

    Side effects: deletes the assignment (and a draft review); audit entry
    `grants.application.reviewer_removed`.
    """
    if submitted(assignment):
        raise Refusal("grants.review_submitted")
    application = assignment.application
    with transaction.atomic():
        log_action(
            application,
            "grants.application.reviewer_removed",
            actor=actor,
            data={"reviewer": assignment.reviewer_id},
        )
        assignment.delete()
