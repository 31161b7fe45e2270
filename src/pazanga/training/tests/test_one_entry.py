"""A session's places are taken only through training enrolment, never its event's form."""

import pytest

from pazanga.common.refusals import Refusal
from pazanga.events import services as events
from pazanga.events.models import Registration
from pazanga.training import services
from pazanga.training.services import LIBRARY_STAFF_CATEGORY

pytestmark = pytest.mark.django_db


def test_the_sessions_event_page_offers_no_registration_form(client, session):
    page = client.get(f"/en/events/{session.event.slug}/")
    text = page.content.decode()
    assert f'href="/en/events/{session.event.slug}/register/"' not in text
    assert "places are taken through training enrolment" in text
    assert f'href="/en/training/sessions/{session.pk}/"' in text


def test_the_event_form_sends_people_to_the_session(client, session):
    url = f"/en/events/{session.event.slug}/register/"
    for response in (client.get(url), client.post(url, {"email": "x@example.com"})):
        assert response.status_code == 302
        assert response["Location"] == f"/en/training/sessions/{session.pk}/"
    assert not Registration.objects.filter(event=session.event).exists()


def test_the_events_service_refuses_a_booking_that_skips_enrolment(session, librarian_a):
    event = session.event
    with pytest.raises(Refusal) as refused:
        events.register(
            event,
            category=event.categories.get(code=LIBRARY_STAFF_CATEGORY),
            registrant=events.Registrant(
                first_name="Ona", last_name="Onaitė", email="ona@alytus.example"
            ),
        )
    assert refused.value.code == "events.entry_elsewhere"
    # Enrolment, the one way in, still registers.
    enrolment = services.enrol(session, librarian_a)
    assert enrolment.registration.event == event
