"""Every allowed and every forbidden decision on an enrolment, from the TRANSITIONS table."""

import pytest

from pazanga.common.models import AuditEntry
from pazanga.events.enums import RegistrationStatus
from pazanga.events.models import Registration
from pazanga.training import services, workflow

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
