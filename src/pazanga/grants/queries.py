"""Reusable reads: open calls, awarded grants, applications by person, ranking, proposals."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from pazanga.directory.models import Organisation
from pazanga.grants.enums import DECIDED, ApplicationStatus, ReviewStatus
from pazanga.grants.models import (
    Application,
    Call,
    Conflict,
    CriterionScore,
    Review,
    ReviewAssignment,
)
from pazanga.grants.solvers import funding, scoring

S = ApplicationStatus
# Applications that take part in review and ranking.
REVIEWABLE = (S.ELIGIBLE, S.IN_REVIEW, S.REVIEWED)
RANKABLE = (S.IN_REVIEW, S.REVIEWED, *DECIDED)


def training_completion_unknown(library: Organisation, module_code: str) -> bool | None:
    """The default training provider: the platform cannot tell yet, staff confirm by hand.

    The training app replaces it (settings.GRANTS_TRAINING_PROVIDER) with a function that
    answers True when a staff member of `library` completed the module, else False.
    """
    return None


def open_calls() -> QuerySet[Call]:
    """Published calls accepting applications now, closing soonest first (for the portal)."""
    now = timezone.now()
    return Call.objects.filter(is_published=True, opens_at__lte=now, closes_at__gt=now).order_by(
        "closes_at"
    )


def published_calls() -> QuerySet[Call]:
    return Call.objects.filter(is_published=True).order_by("-opens_at")


def awarded_grants(call: Call | None = None) -> QuerySet[Application]:
    """Awarded applications with their library, municipality and call (for the portal)."""
    grants = Application.objects.filter(status=S.AWARDED).select_related(
        "call", "library__municipality__county"
    )
    if call is not None:
        grants = grants.filter(call=call)
    return grants.order_by("call__code", "rank", "number")


def applications_of_libraries(libraries: list[Organisation]) -> QuerySet[Application]:
    return (
        Application.objects.filter(library__in=libraries)
        .select_related("call", "library")
        .order_by("-call__opens_at", "-created_at")
    )


def application_list(call: Call, filters: dict[str, Any]) -> QuerySet[Application]:
    """A call's applications for staff, filtered by status, county, score range and text."""
    items = (
        Application.objects.filter(call=call)
        .exclude(status=S.DRAFT)
        .select_related("library__municipality__county")
        .order_by("number")
    )
    if filters.get("status"):
        items = items.filter(status=filters["status"])
    if filters.get("county"):
        items = items.filter(library__municipality__county=filters["county"])
    if filters.get("min_score") is not None:
        items = items.filter(score__gte=filters["min_score"])
    if filters.get("q"):
        text = filters["q"]
        items = items.filter(
            Q(title__icontains=text)
            | Q(reference__icontains=text)
            | Q(library__name__icontains=text)
        )
    return items


def assignments_for_reviewer(user: Any, programme: Any) -> QuerySet[ReviewAssignment]:
    """The reviewer's assignments in the calls of `programme`."""
    return (
        ReviewAssignment.objects.filter(reviewer=user, application__call__programme=programme)
        .exclude(application__status=S.WITHDRAWN)
        .select_related("application__call", "review")
        .order_by("application__call__review_deadline", "application__number")
    )


def assignment_of(user: Any, application_pk: int) -> ReviewAssignment | None:
    """The reviewer's assignment to that application, or None (then they may not see it)."""
    return (
        ReviewAssignment.objects.filter(reviewer=user, application_id=application_pk)
        .exclude(application__status=S.WITHDRAWN)
        .select_related("application__call")
        .first()
    )


def conflict_pairs(call: Call) -> set[tuple[int, int]]:
    return set(
        Conflict.objects.filter(application__call=call).values_list("application_id", "reviewer_id")
    )


def conflicts_of_call(call: Call) -> QuerySet[Conflict]:
    return (
        Conflict.objects.filter(application__call=call)
        .select_related("application", "reviewer__organisation")
        .order_by("application__number", "reviewer__last_name", "source")
    )


def assignments_of_call(call: Call) -> QuerySet[Application]:
    return (
        Application.objects.filter(call=call, status__in=(*REVIEWABLE, *DECIDED))
        .select_related("library")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=ReviewAssignment.objects.select_related("reviewer", "review"),
            )
        )
        .order_by("number")
    )


def reviewer_loads(call: Call) -> QuerySet[Any]:
    return (
        call.reviewers.select_related("reviewer__organisation")
        .annotate(
            load=Count(
                "reviewer__review_assignments",
                filter=Q(reviewer__review_assignments__application__call=call),
            )
        )
        .order_by("reviewer__last_name")
    )


@dataclass(frozen=True)
class RankedRow:
    rank: int
    application: Application
    result: scoring.ScoredApplication
    reviews: int
    assigned: int


def scoring_criteria(call: Call) -> tuple[scoring.Criterion, ...]:
    return tuple(
        scoring.Criterion(c.pk, float(c.weight), float(c.max_score)) for c in call.criteria.all()
    )


def submitted_scores(call: Call) -> tuple[scoring.ReviewScores, ...]:
    """Every submitted review's criterion scores, read in two queries."""
    reviews = Review.objects.filter(
        assignment__application__call=call, status=ReviewStatus.SUBMITTED
    ).values_list("pk", "assignment__application_id", "assignment__reviewer_id")
    scores: dict[int, list[tuple[int, float]]] = {}
    for review_id, criterion_id, score in CriterionScore.objects.filter(
        review__assignment__application__call=call, review__status=ReviewStatus.SUBMITTED
    ).values_list("review_id", "criterion_id", "score"):
        scores.setdefault(review_id, []).append((criterion_id, float(score)))
    return tuple(
        scoring.ReviewScores(application, reviewer, tuple(scores.get(pk, ())))
        for pk, application, reviewer in reviews
    )


def rank_key(row: scoring.ScoredApplication, application: Application) -> tuple[Any, ...]:
    """Higher score first; ties go to the smaller request, then the earlier submission."""
    return (
        -(row.score if row.score is not None else -1.0),
        application.requested_total or Decimal(0),
        application.number or 0,
    )


def ranking(call: Call) -> list[RankedRow]:
    """The call's reviewed applications in rank order, in a fixed number of queries."""
    applications = list(
        Application.objects.filter(call=call, status__in=RANKABLE)
        .select_related("library__municipality__county")
        .annotate(
            assigned=Count("assignments", distinct=True),
            reviews=Count(
                "assignments__review",
                filter=Q(assignments__review__status=ReviewStatus.SUBMITTED),
                distinct=True,
            ),
        )
    )
    by_pk = {a.pk: a for a in applications}
    results = scoring.score_applications(
        tuple(by_pk),
        submitted_scores(call),
        scoring_criteria(call),
        margin=float(call.disagreement_margin),
        standardise=call.standardise_scores,
    )
    ordered = sorted(results, key=lambda r: rank_key(r, by_pk[r.application]))
    return [
        RankedRow(
            position,
            by_pk[r.application],
            r,
            by_pk[r.application].reviews,  # type: ignore[attr-defined]
            by_pk[r.application].assigned,  # type: ignore[attr-defined]
        )
        for position, r in enumerate(ordered, start=1)
    ]


def county_code(application: Application) -> str:
    municipality = application.library.municipality
    return municipality.county.code if municipality else ""


def proposal(call: Call, rows: list[RankedRow]) -> funding.FundingProposal:
    """The funded set and reserve list the ranking leads to (raises MinimumsExceedBudgetError)."""
    candidates = tuple(
        funding.Candidate(
            r.application.pk,
            county_code(r.application),
            r.application.requested_total or Decimal(0),
        )
        for r in rows
        if r.result.score is not None and r.application.status in (S.REVIEWED, *DECIDED)
    )
    minimums = {m.county.code: m.minimum for m in call.county_minimums.select_related("county")}
    return funding.propose_funding(candidates, call.budget, minimums)


# Entries that would tell an applicant who reviews them: reviews are anonymous to applicants.
REVIEW_SIDE_ACTIONS = (
    "grants.application.conflict_declared",
    "grants.application.reviewer_added",
    "grants.application.reviewer_removed",
)


def applicant_timeline(application: Application) -> QuerySet[Any]:
    """The application's history as its applicants see it: what happened, never by which
    reviewer (review-side entries left out; the view shows no actors)."""
    from pazanga.common.audit import timeline

    return (
        timeline(application)
        .exclude(action__startswith="grants.review.")
        .exclude(action__in=REVIEW_SIDE_ACTIONS)
    )
