"""Every allowed and every forbidden decision on an enrolment, from the TRANSITIONS table."""

import pytest
from django.core import mail
from django.utils import translation

from pazanga.common.models import AuditEntry
from pazanga.events.enums import RegistrationStatus
from pazanga.events.models import Registration
from pazanga.training import services, workflow

S = RegistrationStatus
STATUSES = sorted(RegistrationStatus.values)
ALLOWED = sorted((a, b) for a, targets in workflow.TRANSITIONS.items() for b in targets)
FORBIDDEN = sorted((a, b) for a in STATUSES for b in STATUSES if b not in workflow.TRANSITIONS[a])


def enrolment_in(session, person, status):  # type: ignore[no-untyped-def]
    enrolment = services.enrol(session, person)
    # Test set-up: put the registration straight into the starting status.
    Registration.objects.filter(pk=enrolment.registration_id).update(status=status)
    enrolment.registration.refresh_from_db()
    return enrolment


def test_the_table_covers_every_registration_status():
    assert sorted(workflow.TRANSITIONS) == STATUSES


@pytest.mark.parametrize(("start", "to"), ALLOWED)
def test_allowed_decisions_change_the_status_and_are_audited(
    session, librarian_a, staff_member, start, to
):
    enrolment = enrolment_in(session, librarian_a, start)
    workflow.transition(enrolment, to, actor=staff_member, note="pastaba")
    enrolment.registration.refresh_from_db()
    assert enrolment.registration.status == to
    entry = AuditEntry.objects.get(action=f"training.enrolment.{to}")
    assert entry.data == {"from": start, "note": "pastaba", "session": session.pk}
    assert entry.actor == staff_member


@pytest.mark.parametrize(("start", "to"), FORBIDDEN)
def test_forbidden_decisions_are_refused_and_change_nothing(
    session, librarian_a, staff_member, start, to
):
    enrolment = enrolment_in(session, librarian_a, start)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.transition(enrolment, to, actor=staff_member)
    enrolment.registration.refresh_from_db()
    assert enrolment.registration.status == start
    assert (
        not AuditEntry.objects.filter(action__startswith="training.enrolment.")
        .exclude(action="training.enrolment.applied")
        .exists()
    )


def test_a_decision_moves_the_registration_through_the_events_workflow(
    session, librarian_a, staff_member
):
    enrolment = services.enrol(session, librarian_a)
    moved = workflow.transition(enrolment, S.CONFIRMED, actor=staff_member, note="Sveiki")
    assert moved is enrolment and enrolment.registration.status == S.CONFIRMED
    registration = Registration.objects.get(pk=enrolment.registration_id)
    assert registration.status == S.CONFIRMED and registration.decided_at is not None
    entry = AuditEntry.objects.get(action="events.registration.confirmed")
    assert (entry.actor, entry.data["note"], entry.data["from"]) == (
        staff_member,
        "Sveiki",
        S.PENDING,
    )


def test_the_director_is_told_only_after_commit_through_the_task_queue(
    session, librarian_a, director_a, staff_member, django_capture_on_commit_callbacks
):
    enrolment = services.enrol(session, librarian_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks() as callbacks:
        workflow.transition(enrolment, S.REJECTED, actor=staff_member, note="Per vėlu")
        assert mail.outbox == []  # nothing leaves before the decision is committed
    for callback in callbacks:
        callback()
    [to_director] = [m for m in mail.outbox if m.to == [director_a.email]]
    assert "Ona Onaitė" in to_director.body and "Per vėlu" in to_director.body


@pytest.mark.parametrize("to", sorted(workflow.DIRECTOR_NOTIFIED))
def test_each_outcome_the_director_hears_of_is_sent_once(
    session, librarian_a, director_a, staff_member, django_capture_on_commit_callbacks, to
):
    enrolment = services.enrol(session, librarian_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(enrolment, to, actor=staff_member)
    assert [m.to for m in mail.outbox].count([director_a.email]) == 1


def test_a_director_who_applies_gets_only_the_applicants_notice(
    session, director_a, staff_member, django_capture_on_commit_callbacks
):
    own = services.enrol(session, director_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(own, S.CONFIRMED, actor=staff_member)
    assert [m.to for m in mail.outbox] == [[director_a.email]]


def test_a_refused_move_says_why_in_the_readers_language(session, librarian_a, staff_member):
    enrolment = services.enrol(session, librarian_a)
    workflow.transition(enrolment, S.REJECTED, actor=staff_member)
    with translation.override("en"), pytest.raises(workflow.TransitionNotAllowed) as refusal:
        workflow.transition(enrolment, S.CONFIRMED, actor=staff_member)
    assert refusal.value.code == "common.transition"
    assert (refusal.value.current, refusal.value.target) == (S.REJECTED, S.CONFIRMED)
    with translation.override("en"):
        assert "it is “rejected” and cannot become “confirmed”" in refusal.value.message
