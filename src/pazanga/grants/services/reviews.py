"""Reviews: a reviewer scores an application and submits; reminders before the deadline."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal
from pazanga.grants import rules
from pazanga.grants.enums import ApplicationStatus, ReviewStatus
from pazanga.grants.models import Call, Criterion, CriterionScore, Review, ReviewAssignment
from pazanga.grants.refusals import refused
from pazanga.grants.workflow import submit_review

S = ApplicationStatus
REMINDER_WINDOW = timedelta(days=3)
REMINDER_INTERVAL = timedelta(days=1)


def scored_criteria(criteria: list[Criterion]) -> list[rules.ScoredCriterion]:
    return [rules.ScoredCriterion(c.pk, str(c.name), c.weight, c.max_score) for c in criteria]


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

    Refuses `grants.review_locked` once the review was submitted, and
    `grants.review_incomplete` (each criterion unscored or out of range, a missing
    recommendation) when submitting. Side effects: the Review and its CriterionScores; on
    submit the weighted total and `workflow.submit_review` (audit entry
    `grants.review.submitted` on the application; the application moves to reviewed when
    it was its last review outstanding).
    """
    application = assignment.application
    criteria = scored_criteria(list(application.call.criteria.all()))
    values = {pk: value for pk, (value, _comment) in scores.items()}
    with transaction.atomic():
        review, _created = Review.objects.select_for_update().get_or_create(assignment=assignment)
        if review.status != ReviewStatus.DRAFT:
            raise Refusal("grants.review_locked")
        if submit:
            problems = rules.review_problems(criteria, values, recommendation)
            if problems:
                raise refused("review_incomplete", problems)
        review.recommendation = recommendation
        review.comment = comment
        CriterionScore.objects.filter(review=review).delete()
        CriterionScore.objects.bulk_create(
            CriterionScore(
                review=review, criterion_id=c.key, score=scores[c.key][0], comment=scores[c.key][1]
            )
            for c in criteria
            if values.get(c.key) is not None
        )
        if submit:
            review.total = rules.review_total(criteria, values)
        review.save()
        if submit:
            submit_review(review, ReviewStatus.SUBMITTED, actor=actor)
    return review


def send_review_reminders(*, now: Any = None) -> int:
    """Remind reviewers of unsubmitted reviews due within three days, at most once a day.

    Side effects: one e-mail per reviewer and call, in the reviewer's language (after
    commit); `reminded_at` on their assignments; audit entry
    `grants.call.review_reminders_sent` on each call with the reviewers reminded.
    Returns the number of e-mails sent.
    """
    from pazanga.common.tasks import run_later

    now = now or timezone.now()
    due = (
        ReviewAssignment.objects.filter(
            application__status=S.IN_REVIEW,
            application__call__review_deadline__gt=now,
            application__call__review_deadline__lte=now + REMINDER_WINDOW,
        )
        .exclude(review__status=ReviewStatus.SUBMITTED)
        .exclude(reminded_at__gt=now - REMINDER_INTERVAL)
        .values_list("pk", "application__call_id", "reviewer_id")
    )
    groups: dict[tuple[int, int], list[int]] = {}
    for pk, call_pk, reviewer_pk in due:
        groups.setdefault((call_pk, reviewer_pk), []).append(pk)
    by_call: dict[int, list[int]] = {}
    with transaction.atomic():
        for (call_pk, reviewer_pk), pks in groups.items():
            ReviewAssignment.objects.filter(pk__in=pks).update(reminded_at=now)
            run_later(
                "pazanga.grants.notifications.send_review_reminder", call_pk, reviewer_pk, len(pks)
            )
            by_call.setdefault(call_pk, []).append(reviewer_pk)
        for call in Call.objects.filter(pk__in=by_call).order_by("pk"):
            log_action(
                call,
                "grants.call.review_reminders_sent",
                data={"reviewers": sorted(by_call[call.pk])},
            )
    return len(groups)
