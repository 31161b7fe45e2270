"""Staff pages of a session refuse people without the role (403) and change nothing."""

import pytest
from django.core import mail
from django.urls import reverse

from pazanga.common.models import AuditEntry
from pazanga.events.enums import RegistrationStatus
from pazanga.training import services, workflow
from pazanga.training.models import Completion
from pazanga.training.tests.conftest import AFTER

S = RegistrationStatus
SESSION_PAGES = [
    ("get", "manage_session"),
    ("post", "complete_session"),
    ("post", "send_reminders"),
]


@pytest.mark.parametrize(("method", "name"), SESSION_PAGES)
def test_session_staff_pages_are_forbidden_to_others(
    client_of, session, outsider, trainer_user, librarian_a, staff_member, clock, method, name
):
    enrolment = workflow.transition(
        services.enrol(session, librarian_a), S.CONFIRMED, actor=staff_member
    )
    clock.move_to(AFTER)  # reminders and completion would be due now
    entries = AuditEntry.objects.count()
    mail.outbox.clear()
    url = reverse(f"training:{name}", args=[session.pk])
    for person in (outsider, trainer_user, librarian_a):
        response = getattr(client_of(person), method)(url)
        assert response.status_code == 403
        assert "Ona Onaitė" not in response.content.decode()
    assert AuditEntry.objects.count() == entries
    assert mail.outbox == []
    enrolment.refresh_from_db()
    assert enrolment.reminder_sent_at is None
    assert not Completion.objects.exists()


@pytest.mark.parametrize("name", ["decide", "complete"])
def test_decisions_on_enrolments_are_forbidden_to_others(
    client_of, session, librarian_a, outsider, trainer_user, name
):
    enrolment = services.enrol(session, librarian_a)
    args = [enrolment.pk, "confirmed"] if name == "decide" else [enrolment.pk]
    for person in (outsider, trainer_user, librarian_a):
        assert client_of(person).post(reverse(f"training:{name}", args=args)).status_code == 403
    enrolment.registration.refresh_from_db()
    assert enrolment.registration.status == S.PENDING
    assert not AuditEntry.objects.filter(action__startswith="training.enrolment.").exclude(
        action="training.enrolment.applied"
    )
