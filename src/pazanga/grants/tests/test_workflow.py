import pytest
from django.core import mail

from pazanga.common.audit import timeline
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.tests.factories import ApplicationFactory
from pazanga.grants.workflow import TRANSITIONS, TransitionNotAllowed, transition

pytestmark = pytest.mark.django_db

# Sorted: parallel test workers must collect the same list.
ALLOWED = sorted((start, end) for start, ends in TRANSITIONS.items() for end in ends)
FORBIDDEN = sorted(
    (start, end)
    for start in ApplicationStatus.values
    for end in ApplicationStatus.values
    if end not in TRANSITIONS[start]
)


@pytest.mark.parametrize(("start", "end"), ALLOWED)
def test_every_allowed_transition_saves_and_audits(start, end, staff_member, call):
    application = ApplicationFactory(call=call, status=start, created_by=staff_member)
    transition(application, end, actor=staff_member, note="checked")
    assert application.status == end
    entry = timeline(application).get()
    assert entry.action == f"grants.application.{end}"
    assert entry.data == {"from": start, "note": "checked"}
    assert (application.submitted_at is not None) == (end == ApplicationStatus.SUBMITTED)
    assert (application.decided_at is not None) == application.is_decided


@pytest.mark.parametrize(("start", "end"), FORBIDDEN)
def test_every_forbidden_transition_is_refused_and_changes_nothing(start, end, staff_member, call):
    application = ApplicationFactory(call=call, status=start)
    with pytest.raises(TransitionNotAllowed):
        transition(application, end, actor=staff_member)
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
    assert len(callbacks) == 1
