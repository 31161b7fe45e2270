"""The one place that decides on an enrolment: programme staff approve, reject or cancel.

An enrolment's status is its registration's (events). The moves open to training are:

pending    -> confirmed | rejected | cancelled
waitlisted -> cancelled
offered    -> cancelled
confirmed  -> cancelled

The waiting list itself (offers, lapses) is the events engine's.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from pazanga.common.audit import log_action
from pazanga.events import workflow as events_workflow
from pazanga.events.enums import RegistrationStatus
from pazanga.training.models import Enrolment

S = RegistrationStatus
TRANSITIONS: dict[str, set[str]] = {
    S.UNVERIFIED: set(),  # an enrolment is made by its own signed-in person: never unverified
    S.PENDING: {S.CONFIRMED, S.REJECTED, S.CANCELLED},
    S.WAITLISTED: {S.CANCELLED},
    S.OFFERED: {S.CANCELLED},
    S.CONFIRMED: {S.CANCELLED},
    S.REJECTED: set(),
    S.LAPSED: set(),
    S.CANCELLED: set(),
}
# Outcomes the applicant's library director is told about.
DIRECTOR_NOTIFIED = {S.CONFIRMED, S.REJECTED, S.CANCELLED}


class TransitionNotAllowed(PermissionDenied):
    """The enrolment's current status does not lead to the requested one."""


def transition(enrolment: Enrolment, to: str, *, actor: Any, note: str = "") -> Enrolment:
    """Move `enrolment` (its registration) to status `to`.

    Side effects: locks the enrolment row; checks TRANSITIONS; calls
    events.workflow.transition (which locks the event row, saves the registration's
    status, writes `events.registration.<to>`, e-mails the applicant in their language
    and offers a freed seat to the waiting list); writes the audit entry
    `training.enrolment.<to>`; after commit e-mails the director of the applicant's
    library (the branch's own, else its parent library's) in the director's language.
    """
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update()
            .select_related("registration")
            .get(pk=enrolment.pk)
        )
        previous = str(locked.registration.status)
        if to not in TRANSITIONS[previous]:
            raise TransitionNotAllowed(f"{previous} -> {to}")
        events_workflow.transition(locked.registration, to, actor=actor, note=note)
        log_action(
            locked,
            f"training.enrolment.{to}",
            actor=actor,
            data={"from": previous, "note": note, "session": locked.session_id},
        )
        if to in DIRECTOR_NOTIFIED:
            transaction.on_commit(lambda: notify_director(locked.pk, note))
    enrolment.registration.refresh_from_db()
    return enrolment


def notify_director(enrolment_pk: int, note: str) -> None:
    from pazanga.training.notifications import send_outcome_to_director

    send_outcome_to_director(Enrolment.objects.get(pk=enrolment_pk), note=note)
