"""Follow-ups after 90 days and reminders to non-respondents: idempotent, on the clock."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command

from pazanga.events.enums import RegistrationStatus
from pazanga.training import reminders, services, workflow
from pazanga.training.enums import Instrument
from pazanga.training.tests.conftest import AFTER
from pazanga.training.tests.test_services import FEEDBACK, RIGHT, answer

S = RegistrationStatus


def test_the_follow_up_goes_out_90_days_after_the_session_once(
    session, librarian_a, staff_member, clock, django_capture_on_commit_callbacks
):
    workflow.transition(services.enrol(session, librarian_a), S.CONFIRMED, actor=staff_member)
    clock.move_to(session.event.ends_at + timedelta(days=89))
    assert reminders.send_follow_ups() == 0
    clock.move_to(session.event.ends_at + timedelta(days=90, minutes=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_follow_ups() == 1
        assert reminders.send_follow_ups() == 0
    [message] = mail.outbox
    assert message.to == ["ona@alytus.example"]
    assert "Projektų valdymas Alytuje" in message.subject
    assert "/follow_up/" in message.body


def test_reminders_name_only_the_missing_questionnaires(
    session, librarian_a, librarian_b, staff_member, clock, django_capture_on_commit_callbacks
):
    ona = workflow.transition(services.enrol(session, librarian_a), S.CONFIRMED, actor=staff_member)
    workflow.transition(services.enrol(session, librarian_b), S.CONFIRMED, actor=staff_member)
    clock.move_to(session.event.ends_at - timedelta(hours=1))
    answer(ona, Instrument.POST_TEST, RIGHT)
    answer(ona, Instrument.FEEDBACK, FEEDBACK)
    clock.move_to(AFTER + timedelta(hours=12))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_training_follow_ups", verbosity=0)
        call_command("send_training_follow_ups", verbosity=0)
    [message] = mail.outbox
    assert message.to == ["bronius@birstonas.example"]
    assert "/post_test/" in message.body and "/feedback/" in message.body


def test_reminders_are_in_the_participants_language(
    session, third_of_a, staff_member, clock, django_capture_on_commit_callbacks
):
    workflow.transition(services.enrol(session, third_of_a), S.CONFIRMED, actor=staff_member)
    clock.move_to(AFTER + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders() == 1
    assert "please answer the questionnaires" in mail.outbox[-1].subject
    assert "/en/" in mail.outbox[-1].body
