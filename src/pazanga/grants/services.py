"""Writes with side effects: applying, submitting, eligibility, conflicts, assignment,
reviews and the funding decision. Every function's docstring lists its side effects."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pazanga.common.audit import log_action
from pazanga.directory.models import Organisation
from pazanga.grants import eligibility, queries
from pazanga.grants.enums import (
    DECIDED,
    ApplicationStatus,
    AssignmentSource,
    ConflictSource,
    ReviewStatus,
)
from pazanga.grants.infeasibility import infeasibility_message
from pazanga.grants.models import (
    Application,
    Attachment,
    Call,
    CallReviewer,
    Conflict,
    Criterion,
    CriterionScore,
    Decision,
    Review,
    ReviewAssignment,
)
from pazanga.grants.solvers import assignment as solver
from pazanga.grants.solvers.scoring import Criterion as ScoringCriterion
from pazanga.grants.solvers.scoring import weighted_score
from pazanga.grants.workflow import TransitionNotAllowedError, transition

S = ApplicationStatus


class GrantsError(Exception):
    """A refusal with a message for the person, in their language."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


class CallClosedError(GrantsError):
    pass


class AlreadyAppliedError(GrantsError):
    pass


class NotEditableError(GrantsError):
    pass


class SubmissionInvalidError(GrantsError):
    pass


class ConflictedPairError(GrantsError):
    pass


class DecisionError(GrantsError):
    pass


# --- applying ------------------------------------------------------------------------


def start_application(call: Call, library: Organisation, *, actor: Any, title: str) -> Application:
    """Open a draft application of `library` to `call`.

    Refuses (CallClosedError) outside the call's window and for kinds of library the call
    does not admit; refuses (AlreadyAppliedError) a second application of the same library,
    even when two colleagues start at the same moment (a unique constraint decides).
    Side effects: creates the draft; audit entry `grants.application.created`.
    """
    if not call.is_open():
        raise CallClosedError(_("This call is not accepting applications."))
    if call.eligible_kinds and library.kind not in call.eligible_kinds:
        raise CallClosedError(
            _("A %(kind)s may not apply to this call.")
            % {"kind": eligibility.kind_label(library.kind)}
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call,
                library=library,
                created_by=actor,
                title=title,
                language=getattr(actor, "preferred_language", "lt"),
            )
    except IntegrityError:
        raise AlreadyAppliedError(
            _("%(library)s has already applied to this call; open that application instead.")
            % {"library": library.name}
        ) from None
    log_action(application, "grants.application.created", actor=actor)
    return application


@contextmanager
def editing(application: Application) -> Iterator[Application]:
    """Lock a draft for a change; NotEditableError once it has been submitted."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not locked.is_draft:
            raise NotEditableError(
                _("This application was submitted and can no longer be changed.")
            )
        yield locked


def add_attachment(
    application: Application, upload: UploadedFile, *, kind: str, actor: Any
) -> Attachment:
    """Store a checked upload with a draft. Side effects: the file; audit entry."""
    with editing(application) as locked:
        attachment = Attachment.objects.create(
            application=locked,
            file=upload,
            original_name=(upload.name or "")[:255],
            kind=kind,
            size=upload.size or 0,
            uploaded_by=actor,
        )
        log_action(
            locked,
            "grants.application.attachment_added",
            actor=actor,
            data={"name": attachment.original_name, "kind": kind},
        )
    return attachment


def answers_response(application: Application) -> Any:
    """The questionnaire response holding the call-specific answers (created on first use)."""
    from pazanga.questionnaires.services import QuestionnaireClosedError, start_response

    questionnaire = application.call.questionnaire
    if questionnaire is None:
        return None
    if application.answers_id is None:
        try:
            response = start_response(
                questionnaire, subject=application, language=application.language
            )
        except QuestionnaireClosedError:
            return None
        Application.objects.filter(pk=application.pk).update(answers=response)
        application.answers = response
    return application.answers


def answer_rows(application: Application) -> list[dict[str, str]]:
    """Questions and answers in both languages, for the frozen snapshot."""
    response = application.answers
    if response is None:
        return []
    from pazanga.questionnaires.engine import display_value, load_definition

    definition = load_definition(response.questionnaire)
    rows = []
    for question in definition.questions:
        if not question.takes_answer or question.name not in response.answers:
            continue
        row = {"name": question.name}
        for language in ("lt", "en"):
            with translation.override(language):
                row[f"label_{language}"] = question.text("label", language) or question.name
                row[f"value_{language}"] = display_value(
                    definition, question, response.answers[question.name]
                )
        rows.append(row)
    return rows


def build_snapshot(application: Application) -> dict[str, Any]:
    """Everything reviewers read, as submitted."""
    library = application.library
    return {
        "title": application.title,
        "summary": application.summary,
        "target_community": application.target_community,
        "themes": list(application.themes),
        "library": library.name,
        "municipality": str(library.municipality.name_lt) if library.municipality else "",
        "currency": application.call.currency,
        "requested_total": str(application.requested_total or 0),
        "partners": [
            {
                "organisation": p.organisation.name,
                "kind": p.organisation.kind,
                "role": p.role,
                "contribution": p.contribution,
            }
            for p in application.partners.select_related("organisation")
        ],
        "budget": [
            {
                "category": line.category,
                "description": line.description,
                "requested": str(line.requested),
                "co_financing": str(line.co_financing),
            }
            for line in application.budget_lines.all()
        ],
        "answers": answer_rows(application),
        "attachments": [
            {"id": a.pk, "name": a.original_name, "kind": a.kind, "size": a.size}
            for a in application.attachments.all()
        ],
    }


def submit_application(application: Application, *, actor: Any) -> Application:
    """Check, number, freeze and submit a draft.

    Refuses with a message: after the call's closing minute (CallClosedError); when the
    budget does not add up, breaks the call's limits or a required partner is missing, or
    required answers are missing (SubmissionInvalidError with every problem); a second
    click on submit (NotEditableError naming the reference already given).
    Side effects: locks the call row so reference numbers (`<call code>-017`) are
    gap-free and unique; stores the snapshot, totals and automatic eligibility checks;
    submits the questionnaire response; then `workflow.transition(..., "submitted")`
    (audit entry, receipt e-mail after commit).
    """
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=application.call_id)
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("library__municipality")
            .get(pk=application.pk)
        )
        if not locked.is_draft:
            raise NotEditableError(
                _("This application was already submitted as %(reference)s.")
                % {"reference": locked.reference or "—"}
            )
        if timezone.now() >= call.closes_at:
            raise CallClosedError(
                _("The call closed at %(time)s; applications can no longer be submitted.")
                % {"time": timezone.localtime(call.closes_at).strftime("%Y-%m-%d %H:%M")}
            )
        locked.call = call
        checks = eligibility.run_checks(locked)
        problems = [c.message for c in eligibility.blocking_problems(checks)]
        problems += answer_problems(locked)
        if problems:
            raise SubmissionInvalidError(
                _("The application cannot be submitted yet:"), details=problems
            )
        call.last_number += 1
        call.save(update_fields=["last_number"])
        lines = list(locked.budget_lines.all())
        locked.number = call.last_number
        locked.reference = f"{call.code}-{call.last_number:03d}"
        locked.co_financing_total = sum((line.co_financing for line in lines), Decimal(0))
        locked.eligibility_checks = [c.as_json() for c in checks]
        locked.submitted_by = actor
        locked.language = getattr(actor, "preferred_language", locked.language)
        locked.snapshot = build_snapshot(locked)
        locked.save()
        transition(locked, S.SUBMITTED, actor=actor, note=locked.reference)
    application.refresh_from_db()
    return application


def answer_problems(application: Application) -> list[str]:
    """Submit the call-specific answers; each unanswered or invalid one as a message that
    names the question as the applicant read it."""
    from pazanga.questionnaires.engine import load_definition
    from pazanga.questionnaires.services import ResponseInvalidError, submit_response

    response = answers_response(application)
    if response is None:
        return []
    try:
        submit_response(response, actor=None)
    except ResponseInvalidError as invalid:
        questions = load_definition(response.questionnaire).by_name
        return [
            _("“%(question)s”: %(problem)s")
            % {"question": question_label(questions.get(name), name), "problem": problem}
            for name, problem in invalid.errors.items()
        ]
    return []


def question_label(question: Any, name: str) -> str:
    return (question.text("label") if question is not None else "") or name


def withdraw_application(application: Application, *, actor: Any, reason: str = "") -> None:
    """Withdraw before a decision. Side effects: `transition(..., "withdrawn")`; the library
    may then start a new application while the call is open."""
    try:
        transition(application, S.WITHDRAWN, actor=actor, note=reason)
    except TransitionNotAllowedError:
        raise NotEditableError(
            _("A decided or withdrawn application cannot be withdrawn.")
        ) from None


# --- eligibility ---------------------------------------------------------------------


def decide_eligibility(
    application: Application, *, eligible: bool, actor: Any, reason: str = ""
) -> Application:
    """Staff confirm the automatic checks or override them.

    An override (or a decision where a check could not be made automatically and the
    decision is "ineligible") needs a reason (GrantsError). Side effects: stores the note;
    `transition` to eligible/ineligible (the ineligible applicant is e-mailed the reasons);
    an override also writes `grants.application.eligibility_overridden`.
    """
    verdict = eligibility.automatic_verdict(application.eligibility_checks)
    overrides = verdict is not None and verdict != eligible
    if (overrides or not eligible) and not reason.strip():
        raise GrantsError(_("Give the reason for this decision; the applicant will read it."))
    with transaction.atomic():
        Application.objects.filter(pk=application.pk).update(eligibility_note=reason.strip())
        try:
            transition(
                application, S.ELIGIBLE if eligible else S.INELIGIBLE, actor=actor, note=reason
            )
        except TransitionNotAllowedError:
            raise GrantsError(
                _("Eligibility cannot be decided in the application's current status.")
            ) from None
        if overrides:
            log_action(
                application,
                "grants.application.eligibility_overridden",
                actor=actor,
                data={"automatic": verdict, "decided": eligible, "reason": reason},
            )
    return application


# --- conflicts -----------------------------------------------------------------------


def computed_conflicts(call: Call) -> list[Conflict]:
    """Same organisation (a library and its branches count as one), same municipality,
    or the reviewer's organisation is a partner of the application."""
    panel = list(call.reviewers.select_related("reviewer__organisation"))
    applications = list(
        Application.objects.filter(call=call)
        .exclude(status__in=(S.DRAFT, S.WITHDRAWN))
        .select_related("library")
        .prefetch_related("partners")
    )
    found = []
    for application in applications:
        family = {application.library_id, application.library.parent_id} - {None}
        partners = {p.organisation_id for p in application.partners.all()}
        for seat in panel:
            org = seat.reviewer.organisation
            if org is None:
                continue
            sources = []
            if org.pk in family or (org.parent_id and org.parent_id in family):
                sources.append(ConflictSource.SAME_ORGANISATION)
            if org.municipality_id and org.municipality_id == application.library.municipality_id:
                sources.append(ConflictSource.SAME_MUNICIPALITY)
            if org.pk in partners:
                sources.append(ConflictSource.PARTNER)
            found += [
                Conflict(application=application, reviewer=seat.reviewer, source=source)
                for source in sources
            ]
    return found


def refresh_conflicts(call: Call) -> int:
    """Recompute the computed conflicts of a call (declared ones stay).

    Side effects: replaces the computed Conflict rows; removes assignments of conflicted
    pairs that have no submitted review. Returns the number of computed conflicts.
    """
    with transaction.atomic():
        Conflict.objects.filter(application__call=call).exclude(
            source=ConflictSource.DECLARED
        ).delete()
        created = Conflict.objects.bulk_create(computed_conflicts(call))
        drop_conflicted_assignments(call)
    return len(created)


def drop_conflicted_assignments(call: Call) -> None:
    pairs = queries.conflict_pairs(call)
    for assignment in ReviewAssignment.objects.filter(application__call=call).select_related(
        "review"
    ):
        if (assignment.application_id, assignment.reviewer_id) in pairs and not submitted(
            assignment
        ):
            assignment.delete()


def submitted(assignment: ReviewAssignment) -> bool:
    review = getattr(assignment, "review", None)
    return review is not None and review.status == ReviewStatus.SUBMITTED


def declare_conflict(application: Application, *, reviewer: Any, note: str) -> Conflict:
    """A reviewer declares a conflict with an application.

    Side effects: the Conflict row; the reviewer's assignment to it is removed (unless the
    review was already submitted); audit entry `grants.application.conflict_declared`.
    """
    with transaction.atomic():
        conflict, _created = Conflict.objects.get_or_create(
            application=application,
            reviewer=reviewer,
            source=ConflictSource.DECLARED,
            defaults={"note": note},
        )
        assignment = ReviewAssignment.objects.filter(
            application=application, reviewer=reviewer
        ).first()
        if assignment and not submitted(assignment):
            assignment.delete()
        log_action(
            application, "grants.application.conflict_declared", actor=reviewer, data={"note": note}
        )
    return conflict


# --- reviewer assignment -------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentReport:
    applications: int
    reviewers: int
    created: int
    kept: int
    total_affinity: float


def affinity(themes: list[str], expertise: list[str]) -> float:
    """The share of the application's themes the reviewer knows (0 when none given)."""
    if not themes:
        return 0.0
    return len(set(themes) & set(expertise)) / len(set(themes))


def kept_assignment(assignment: ReviewAssignment) -> bool:
    """Assignments the solver must keep: made by hand, or with a review begun."""
    return assignment.source == AssignmentSource.MANUAL or hasattr(assignment, "review")


def assignment_problem(
    call: Call,
) -> tuple[solver.AssignmentProblem, list[Application], list[CallReviewer]]:
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
            tuple(affinity(a.themes, seat.themes) for seat in panel) for a in applications
        ),
        forbidden=forbidden,
        fixed=fixed,
    )
    return problem, applications, panel


def assign_reviewers(call: Call, *, actor: Any) -> AssignmentReport:
    """Assign every eligible application k reviewers, optimally (see solvers.assignment).

    Refreshes computed conflicts first. Keeps assignments made by hand and those with a
    review begun; replaces the other automatic ones. Raises GrantsError with every reason
    when the settings are infeasible (nothing changes then).
    Side effects: ReviewAssignment rows; `transition(..., "in_review")` for eligible
    applications; audit entry `grants.call.reviewers_assigned` on the call; after commit
    each reviewer with new assignments is e-mailed.
    """
    refresh_conflicts(call)
    problem, applications, panel = assignment_problem(call)
    try:
        result = solver.solve_assignment(problem)
    except solver.InfeasibleAssignmentError as infeasible:
        raise GrantsError(
            _("The reviewers cannot be assigned with these settings:"),
            details=[infeasibility_message(r, applications) for r in infeasible.reasons],
        ) from None
    wanted = {(applications[a].pk, panel[r].reviewer_id): (a, r) for a, r in result.pairs}
    created = []
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
        transaction.on_commit(lambda: notify_reviewers(call.pk, new_by_reviewer))
    return AssignmentReport(
        len(applications), len(panel), len(created), kept, result.total_affinity
    )


def notify_reviewers(call_pk: int, reviewer_pks: list[int]) -> None:
    from pazanga.grants.notifications import send_assignment_notices

    send_assignment_notices(call_pk, reviewer_pks)


def add_assignment(application: Application, reviewer: Any, *, actor: Any) -> ReviewAssignment:
    """Assign a reviewer by hand (e.g. a third review).

    Refuses a conflicted pair (ConflictedPairError) or a reviewer outside the panel.
    Side effects: the assignment; a reviewed application goes back to in_review;
    audit entry `grants.application.reviewer_added`.
    """
    call = application.call
    if (application.pk, reviewer.pk) in queries.conflict_pairs(call):
        raise ConflictedPairError(
            _("%(reviewer)s has a conflict of interest with %(reference)s and cannot review it.")
            % {"reviewer": reviewer, "reference": application.reference}
        )
    if not call.reviewers.filter(reviewer=reviewer).exists():
        raise GrantsError(_("Only reviewers on the call's panel can be assigned."))
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
    """Take a reviewer off an application, unless they submitted their review.

    Side effects: deletes the assignment (and a draft review); audit entry
    `grants.application.reviewer_removed`.
    """
    if submitted(assignment):
        raise GrantsError(_("This reviewer already submitted a review; it cannot be removed."))
    application = assignment.application
    with transaction.atomic():
        log_action(
            application,
            "grants.application.reviewer_removed",
            actor=actor,
            data={"reviewer": assignment.reviewer_id},
        )
        assignment.delete()


# --- reviews -------------------------------------------------------------------------


def save_review(
    assignment: ReviewAssignment,
    *,
    scores: dict[int, tuple[Decimal | None, str]],
    recommendation: str,
    comment: str,
    submit: bool,
    actor: Any,
) -> Review:
    """Save a reviewer's scores; with `submit`, check they are complete and submit.

    A submitted review cannot change (GrantsError). Side effects: the Review and its
    CriterionScores; on submit the weighted total, audit entry `grants.review.submitted`
    on the application, and `transition(..., "reviewed")` when it was the last review.
    """
    application = assignment.application
    criteria = list(application.call.criteria.all())
    with transaction.atomic():
        review, _created = Review.objects.select_for_update().get_or_create(assignment=assignment)
        if review.status == ReviewStatus.SUBMITTED:
            raise GrantsError(_("This review was submitted and can no longer be changed."))
        if submit:
            check_complete(criteria, scores, recommendation)
        review.recommendation = recommendation
        review.comment = comment
        CriterionScore.objects.filter(review=review).delete()
        CriterionScore.objects.bulk_create(
            CriterionScore(
                review=review, criterion=c, score=scores[c.pk][0], comment=scores[c.pk][1]
            )
            for c in criteria
            if scores.get(c.pk, (None, ""))[0] is not None
        )
        if submit:
            review.status = ReviewStatus.SUBMITTED
            review.submitted_at = timezone.now()
            review.total = Decimal(str(review_total(criteria, scores)))
        review.save()
        if submit:
            log_action(
                application,
                "grants.review.submitted",
                actor=actor,
                data={"reviewer": assignment.reviewer_id, "total": str(review.total)},
            )
            if all_reviews_in(application) and application.status == S.IN_REVIEW:
                transition(application, S.REVIEWED, actor=actor)
    return review


def check_complete(
    criteria: list[Criterion], scores: dict[int, tuple[Decimal | None, str]], recommendation: str
) -> None:
    problems = []
    for criterion in criteria:
        value = scores.get(criterion.pk, (None, ""))[0]
        if value is None:
            problems.append(_("Score “%(name)s”.") % {"name": criterion.name})
        elif not 0 <= value <= criterion.max_score:
            problems.append(
                _("“%(name)s” is scored from 0 to %(max)s.")
                % {"name": criterion.name, "max": criterion.max_score}
            )
    if not recommendation:
        problems.append(_("Choose a recommendation."))
    if problems:
        raise GrantsError(_("The review is not complete:"), details=problems)


def review_total(criteria: list[Criterion], scores: dict[int, tuple[Decimal | None, str]]) -> float:
    return round(
        weighted_score(
            tuple((pk, float(v)) for pk, (v, _c) in scores.items() if v is not None),
            tuple(ScoringCriterion(c.pk, float(c.weight), float(c.max_score)) for c in criteria),
        ),
        2,
    )


def all_reviews_in(application: Application) -> bool:
    assignments = ReviewAssignment.objects.filter(application=application)
    return (
        assignments.exists()
        and not assignments.exclude(review__status=ReviewStatus.SUBMITTED).exists()
    )


# --- funding decision ----------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    application_id: int
    status: str  # awarded | reserve | rejected
    amount: Decimal | None
    reason: str


def decidable(application: Application) -> bool:
    """Only reviewed applications wait for the committee's decision."""
    return application.status == S.REVIEWED


def record_decision(call: Call, outcomes: list[Outcome], *, note: str, actor: Any) -> Decision:
    """Record the committee's decision on reviewed applications of a call.

    Everything is checked under the call's row lock, so a decision posted twice (or by two
    members at once) is recorded once. Refuses (DecisionError, nothing saved): no outcome
    at all; an application given twice, not of this call, already decided or not reviewed;
    awards above the call's budget, an amount above the request or the maximum grant, or an
    outcome departing from the proposal (funded set / reserve list in rank order) without a
    reason.
    Side effects: amounts, ranks, scores and reasons on the applications;
    `transition` of each (decision letters e-mailed after commit); the Decision row;
    audit entry `grants.call.decided`.
    """
    with transaction.atomic():
        locked_call = Call.objects.select_for_update().get(pk=call.pk)
        if not outcomes:
            raise DecisionError(_("The decision cannot be recorded: it names no application."))
        ids = [o.application_id for o in outcomes]
        applications = Application.objects.filter(call=locked_call, pk__in=ids).in_bulk()
        problems = undecidable_problems(ids, applications)
        if problems:
            raise DecisionError(_("The decision cannot be recorded:"), details=problems)
        rows = queries.ranking(locked_call)
        rank_of = {r.application.pk: r for r in rows}
        funded = set(queries.proposal(locked_call, rows).funded)
        problems = decision_problems(locked_call, outcomes, applications, funded)
        if problems:
            raise DecisionError(_("The decision cannot be recorded:"), details=problems)
        total = sum((o.amount or Decimal(0) for o in outcomes if o.status == S.AWARDED), Decimal(0))
        records = []
        for outcome in outcomes:
            application = applications[outcome.application_id]
            row = rank_of.get(application.pk)
            Application.objects.filter(pk=application.pk).update(
                rank=row.rank if row else None,
                score=Decimal(str(row.result.score))
                if row and row.result.score is not None
                else None,
                awarded_amount=outcome.amount if outcome.status == S.AWARDED else None,
                decision_note=outcome.reason,
            )
            transition(application, outcome.status, actor=actor, note=outcome.reason)
            records.append(
                {
                    "application": application.pk,
                    "reference": application.reference,
                    "rank": row.rank if row else None,
                    "proposed": "awarded" if application.pk in funded else "reserve",
                    "outcome": outcome.status,
                    "amount": str(outcome.amount or ""),
                    "reason": outcome.reason,
                }
            )
        decision = Decision.objects.create(
            call=locked_call, recorded_by=actor, note=note, total_awarded=total, outcomes=records
        )
        log_action(
            locked_call,
            "grants.call.decided",
            actor=actor,
            data={"decision": decision.pk, "total_awarded": str(total), "count": len(records)},
        )
    return decision


def undecidable_problems(ids: list[int], applications: dict[int, Application]) -> list[str]:
    """Applications the committee cannot decide on now, each named."""
    problems = []
    seen: set[int] = set()
    for pk in ids:
        application = applications.get(pk)
        if application is None:
            problems.append(_("An application of another call cannot be decided here."))
        elif pk in seen:
            problems.append(
                _("%(reference)s is named twice.") % {"reference": application.reference}
            )
        elif application.is_decided:
            problems.append(
                _("%(reference)s: a decision was already recorded (%(status)s).")
                % {"reference": application.reference, "status": application.get_status_display()}
            )
        elif not decidable(application):
            problems.append(
                _("%(reference)s is %(status)s: only reviewed applications can be decided.")
                % {"reference": application.reference, "status": application.get_status_display()}
            )
        seen.add(pk)
    return problems


def decision_problems(
    call: Call, outcomes: list[Outcome], applications: dict[int, Application], funded: set[int]
) -> list[str]:
    problems = []
    total = Decimal(0)
    for o in outcomes:
        application = applications[o.application_id]
        ref = application.reference
        if o.status not in DECIDED:
            problems.append(_("%(reference)s: choose an outcome.") % {"reference": ref})
            continue
        if o.status == S.AWARDED:
            if o.amount is None or o.amount <= 0:
                problems.append(_("%(reference)s: give the amount awarded.") % {"reference": ref})
                continue
            limit = min(application.requested_total or Decimal(0), call.max_grant)
            if o.amount > limit:
                problems.append(
                    _("%(reference)s: at most %(limit)s %(currency)s can be awarded.")
                    % {"reference": ref, "limit": limit, "currency": call.currency}
                )
            total += o.amount
        departs = (o.status == S.AWARDED) != (application.pk in funded) or (
            o.status == S.AWARDED and o.amount != application.requested_total
        )
        if departs and not o.reason.strip():
            problems.append(
                _("%(reference)s departs from the ranking's proposal: give the reason.")
                % {"reference": ref}
            )
    if total > call.budget:
        problems.append(
            _(
                "The awards add up to %(total)s %(currency)s, more than the call's budget of "
                "%(budget)s %(currency)s."
            )
            % {"total": total, "budget": call.budget, "currency": call.currency}
        )
    return problems
