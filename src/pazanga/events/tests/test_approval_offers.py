"""A waiting list in a category that needs approval: an accepted offer waits for it."""

import pytest
from django.core import mail
from django.urls import reverse

from pazanga.common.models import AuditEntry
from pazanga.events import queries, services, workflow
from pazanga.events.enums import RegistrationStatus
from pazanga.events.models import Invitation
from pazanga.events.tests.factories import RegistrationFactory
from pazanga.events.tokens import registration_link_token

S = RegistrationStatus


@pytest.fixture
def offered_official(officials, staff_member):
    """The seminar (two seats) is full; one official waits and is offered a freed seat."""
    leaving = RegistrationFactory(category=officials, status=S.CONFIRMED)
    RegistrationFactory(category=officials, status=S.CONFIRMED)
    waiting = RegistrationFactory(
        category=officials, status=S.WAITLISTED, first_name="Darius", language="en"
    )
    workflow.transition(leaving, S.CANCELLED, actor=staff_member)
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    return waiting


def test_an_accepted_offer_in_an_approval_category_waits_for_approval(
    offered_official, staff_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        accepted = services.accept_offer(offered_official, actor=None)
    assert accepted.status == S.PENDING
    assert accepted.offer_expires_at is None
    assert list(queries.approval_queue(accepted.event)) == [accepted]
    entry = AuditEntry.objects.get(action="events.registration.pending")
    assert entry.data["from"] == S.OFFERED
    assert mail.outbox[-1].subject == f"Registration received: {accepted.event.title_en}"
    assert "It waits for the organisers' approval" in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(accepted, S.CONFIRMED, actor=staff_member)
    assert accepted.status == S.CONFIRMED
    assert mail.outbox[-1].subject.startswith("Registration confirmed")


def test_the_pending_seat_is_kept_while_the_organisers_decide(
    offered_official, officials, staff_member
):
    services.accept_offer(offered_official)
    late = services.register(
        officials.event,
        category=officials,
        registrant=services.Registrant("Eglė", "Vėlyvoji", "egle@example.org"),
    )
    late = services.confirm_address(late)
    assert late.status == S.WAITLISTED
    assert workflow.offer_free_seats(officials.event, actor=staff_member) == []


def test_a_rejected_pending_offer_passes_the_seat_on(offered_official, officials, staff_member):
    services.accept_offer(offered_official)
    next_one = RegistrationFactory(category=officials, status=S.WAITLISTED)
    workflow.transition(offered_official, S.REJECTED, actor=staff_member)
    next_one.refresh_from_db()
    assert next_one.status == S.OFFERED


def test_an_invited_person_accepting_an_offer_is_confirmed_at_once(offered_official, officials):
    offered_official.invitation = Invitation.objects.create(
        event=officials.event, category=officials, email=offered_official.email
    )
    offered_official.save()
    assert services.accept_offer(offered_official).status == S.CONFIRMED


def test_an_offer_in_an_open_category_is_confirmed_at_once(librarians, staff_member):
    leaving = RegistrationFactory(category=librarians)
    RegistrationFactory(category=librarians)
    waiting = RegistrationFactory(category=librarians, status=S.WAITLISTED)
    workflow.transition(leaving, S.CANCELLED, actor=staff_member)
    waiting.refresh_from_db()
    assert services.accept_offer(waiting).status == S.CONFIRMED


def test_the_personal_page_says_the_seat_waits_for_approval(
    client, offered_official, django_capture_on_commit_callbacks
):
    offered_official.language = "lt"
    offered_official.save()
    url = reverse("events:my_registration", args=[registration_link_token(offered_official)])
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, {"action": "accept"}, follow=True).content.decode()
    assert "Vieta jums laikoma, kol organizatoriai patvirtins jūsų registraciją" in page
    offered_official.refresh_from_db()
    assert offered_official.status == S.PENDING
    assert mail.outbox[-1].subject.startswith("Registracija gauta: ")
    assert "laukia organizatorių patvirtinimo" in mail.outbox[-1].body
