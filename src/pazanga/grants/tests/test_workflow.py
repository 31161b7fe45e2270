from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core import mail

from pazanga.common.audit import timeline
from pazanga.common.caching import other_after_commit_work
from pazanga.common.refusals import TransitionNotAllowed
from pazanga.grants.enums import ApplicationStatus, ReviewStatus
from pazanga.grants.models import Review, ReviewAssignment
from pazanga.grants.tests.factories import ApplicationFactory
from pazanga.grants.workflow import (
    MAILED,
    REVIEW_TRANSITIONS,
    TRANSITIONS,
    submit_review,
    transition,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus

# Sorted: parallel test workers must collect the same list.
ALLOWED = sorted((start, end) for start, ends in TRANSITIONS.items() for end in ends)
FORBIDDEN = sorted(
    (start, end)
    for start in ApplicationStatus.values
    for end in ApplicationStatus.values
    if end not in TRANSITIONS[start]
)
REVIEW_ALLOWED = sorted((start, end) for start, ends in REVIEW_TRANSITIONS.items() for end in ends)
REVIEW_FORBIDDEN = sorted(
    (start, end)
    for start in ReviewStatus.values
    for end in ReviewStatus.values
    if end not in REVIEW_TRANSITIONS[start]
)
LONG_AGO = datetime(2014, 3, 1, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(("start", "end"), ALLOWED)
def test_every_allowed_transition_saves_audits_and_mails_as_listed(
    start, end, staff_member, call, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(
        call=call, status=start, created_by=staff_member, reference="BP2-2015-001"
    )
    with django_capture_on_commit_callbacks(execute=True):
        transition(application, end, actor=staff_member, note="checked")
    assert application.status == end
    entry = timeline(application).get()
    assert entry.action == f"grants.application.{end}"
    assert entry.data == {"from": start, "note": "checked"}
    assert entry.actor == staff_member
    assert (application.submitted_at is not None) == (end == S.SUBMITTED)
    assert (application.decided_at is not None) == application.is_decided
    assert len(mail.outbox) == (1 if end in MAILED else 0)


@pytest.mark.parametrize(("start", "end"), FORBIDDEN)
def test_every_forbidden_transition_is_refused_and_changes_nothing(start, end, staff_member, call):
    application = ApplicationFactory(call=call, status=start)
    with pytest.raises(TransitionNotAllowed) as refused:
        transition(application, end, actor=staff_member)
    assert (refused.value.current, refused.value.target) == (start, end)
    application.refresh_from_db()
    assert application.status == start
    assert not timeline(application).exists()


def test_withdrawal_is_possible_from_every_state_before_a_decision():
    undecided = {"draft", "submitted", "eligible", "ineligible", "in_review", "reviewed"}
    assert {s for s, ends in TRANSITIONS.items() if "withdrawn" in ends} == undecided


def test_mail_is_sent_only_after_commit(staff_member, call, django_capture_on_commit_callbacks):
    application = ApplicationFactory(
        call=call, status="submitted", created_by=staff_member, reference="BP2-2015-001"
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        transition(application, "ineligible", actor=staff_member)
    assert len(mail.outbox) == 0
    assert len(other_after_commit_work(callbacks)) == 1


def test_history_is_stamped_at_the_time_given_and_not_mailed(
    staff_member, call, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(call=call, status=S.REVIEWED, created_by=staff_member)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        transition(application, S.AWARDED, actor=None, at=LONG_AGO, notify=False)
    assert application.decided_at == LONG_AGO
    assert other_after_commit_work(callbacks) == [] and mail.outbox == []
    draft = ApplicationFactory(call=call, status=S.DRAFT)
    transition(draft, S.SUBMITTED, actor=None, at=LONG_AGO, notify=False)
    assert draft.submitted_at == LONG_AGO


def review_of(call, reviewer, status=ReviewStatus.DRAFT, **fields):  # type: ignore[no-untyped-def]
    application = fields.pop("application", None) or ApplicationFactory(
        call=call, status=S.IN_REVIEW, reference="BP2-2015-007"
    )
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=reviewer, source="solver"
    )
    return Review.objects.create(assignment=assignment, status=status, total=Decimal("72.50"))


@pytest.mark.parametrize(("start", "end"), REVIEW_ALLOWED)
def test_every_allowed_review_transition_stamps_and_audits_on_the_application(
    start, end, call, reviewer
):
    review = review_of(call, reviewer, status=start)
    submit_review(review, end, actor=reviewer, note="")
    assert review.status == end and review.submitted_at is not None
    entry = timeline(review.assignment.application).get(action=f"grants.review.{end}")
    assert entry.data == {"from": start, "note": "", "reviewer": reviewer.pk, "total": "72.50"}


@pytest.mark.parametrize(("start", "end"), REVIEW_FORBIDDEN)
def test_every_forbidden_review_transition_is_refused(start, end, call, reviewer):
    review = review_of(call, reviewer, status=start)
    with pytest.raises(TransitionNotAllowed):
        submit_review(review, end, actor=reviewer)
    review.refresh_from_db()
    assert review.status == start
    assert not timeline(review.assignment.application).exists()


def test_the_last_review_in_moves_the_application_on_and_not_before(call, reviewer, panel):
    first = review_of(call, reviewer)
    application = first.assignment.application
    second = review_of(call, panel[1].reviewer, application=application)
    submit_review(first, ReviewStatus.SUBMITTED, actor=reviewer)
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    submit_review(second, ReviewStatus.SUBMITTED, actor=panel[1].reviewer)
    application.refresh_from_db()
    assert application.status == S.REVIEWED
    assert timeline(application).first().action == "grants.application.reviewed"


@pytest.mark.parametrize("status", sorted([S.ELIGIBLE, S.REVIEWED, S.WITHDRAWN]))
def test_a_review_submitted_outside_review_leaves_the_application_alone(status, call, reviewer):
    application = ApplicationFactory(call=call, status=status)
    review = review_of(call, reviewer, application=application)
    submit_review(review, ReviewStatus.SUBMITTED, actor=reviewer)
    application.refresh_from_db()
    assert application.status == status
