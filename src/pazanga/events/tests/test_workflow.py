import pytest
from django.core import mail

from pazanga.common.models import AuditEntry
from pazanga.common.refusals import Refusal
from pazanga.events import workflow
from pazanga.events.enums import EventStatus, RegistrationStatus
from pazanga.events.tests.factories import CategoryFactory, EventFactory, RegistrationFactory

S = RegistrationStatus
ALLOWED = sorted((a, b) for a, targets in workflow.TRANSITIONS.items() for b in targets)
FORBIDDEN = sorted(
    (a, b)
    for a in workflow.TRANSITIONS
    for b in workflow.TRANSITIONS
    if b not in workflow.TRANSITIONS[a]
)
EVENT_ALLOWED = sorted((a, b) for a, targets in workflow.EVENT_TRANSITIONS.items() for b in targets)
EVENT_FORBIDDEN = sorted(
    (a, b)
    for a in workflow.EVENT_TRANSITIONS
    for b in workflow.EVENT_TRANSITIONS
    if b not in workflow.EVENT_TRANSITIONS[a]
)


@pytest.fixture
def roomy(programme, clock):
    """An event with plenty of room, so no move is refused for want of a seat."""
    return CategoryFactory(event=EventFactory(programme=programme, capacity=10))


@pytest.mark.parametrize(("start", "end"), ALLOWED)
def test_it_allows_every_transition_in_the_table(
    roomy, staff_member, django_capture_on_commit_callbacks, start, end
):
    registration = RegistrationFactory(category=roomy, status=start)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(registration, end, actor=staff_member)
    registration.refresh_from_db()
    assert registration.status == end
    entry = AuditEntry.objects.get(action=f"events.registration.{end}")
    assert entry.actor == staff_member
    assert entry.data["from"] == start
    silent = start == S.UNVERIFIED and end in workflow.SILENT_FROM_UNVERIFIED
    assert (len(mail.outbox) == 1) == (end in workflow.NOTIFIED and not silent)


@pytest.mark.parametrize(("start", "end"), FORBIDDEN)
def test_it_refuses_every_transition_outside_the_table(roomy, staff_member, start, end):
    registration = RegistrationFactory(category=roomy, status=start)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.transition(registration, end, actor=staff_member)
    registration.refresh_from_db()
    assert registration.status == start
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(("start", "end"), EVENT_ALLOWED)
def test_it_allows_every_event_transition_in_the_table(programme, staff_member, start, end):
    event = EventFactory(programme=programme, status=start)
    workflow.change_event_status(event, end, actor=staff_member)
    assert event.status == end
    assert AuditEntry.objects.filter(action=f"events.event.{end}").count() == 1


@pytest.mark.parametrize(("start", "end"), EVENT_FORBIDDEN)
def test_it_refuses_every_event_transition_outside_the_table(programme, staff_member, start, end):
    event = EventFactory(programme=programme, status=start)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.change_event_status(event, end, actor=staff_member)
    event.refresh_from_db()
    assert event.status == start


def test_it_refuses_an_offer_when_no_seat_is_free(librarians, staff_member):
    RegistrationFactory.create_batch(2, category=librarians, status=S.CONFIRMED)
    waiting = RegistrationFactory(category=librarians, status=S.WAITLISTED)
    with pytest.raises(Refusal, match=r"^events\.no_seat$"):
        workflow.transition(waiting, S.OFFERED, actor=staff_member)
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED


def test_it_offers_a_freed_seat_to_the_first_person_waiting(
    librarians, staff_member, django_capture_on_commit_callbacks
):
    first, _second = RegistrationFactory.create_batch(2, category=librarians, status=S.CONFIRMED)
    early = RegistrationFactory(category=librarians, status=S.WAITLISTED, email="pirma@example.org")
    late = RegistrationFactory(category=librarians, status=S.WAITLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(first, S.CANCELLED, actor=staff_member)
    early.refresh_from_db()
    late.refresh_from_db()
    assert early.status == S.OFFERED
    assert early.offer_expires_at is not None
    assert late.status == S.WAITLISTED
    assert [m.to for m in mail.outbox] == [[first.email], ["pirma@example.org"]]


def test_it_does_not_offer_seats_of_a_cancelled_event(librarians, staff_member):
    librarians.event.status = EventStatus.CANCELLED
    librarians.event.save()
    RegistrationFactory(category=librarians, status=S.WAITLISTED)
    assert workflow.offer_free_seats(librarians.event, actor=staff_member) == []
