"""The one place that decides on an enrolment: programme staff approve, reject or cancel.

An enrolment's status is its registration's (events). The moves open to training are:

pending    -> confirmed | rejected | cancelled
waitlisted -> cancelled
offered    -> cancelled
confirmed  -> cancelled

The waiting list itself (offers, lapses) is the events engine's.

Side effects of a decision (through the workflow core): the session's event row is locked
first (the seat lock, as every seat decision takes it), then the enrolment's; a move this
table does not list is refused (TransitionNotAllowed, a conflict); the registration moves
through events.workflow.transition (which locks it, refuses a seat nobody has freed with
Refusal "events.no_seat", saves the status and the decision time, writes
`events.registration.<to>`, e-mails the applicant in their language after commit and offers
a freed seat to the waiting list); the audit entry `training.enrolment.<to>` is written with
the session; after commit the director of the applicant's library (the branch's own, else
its parent library's) is e-mailed the outcome in the director's language, through the task
queue (notifications.send_outcome_to_director).
"""

from dataclasses import dataclass
from typing import Any

from pazanga.common.refusals import TransitionNotAllowed
from pazanga.common.tasks import run_later
from pazanga.common.workflow import Workflow
from pazanga.events import workflow as events_workflow
from pazanga.events.capacity import lock_event
from pazanga.events.enums import RegistrationStatus
from pazanga.training.models import Enrolment

__all__ = ["DIRECTOR_NOTIFIED", "TRANSITIONS", "TransitionNotAllowed", "transition"]

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


@dataclass(frozen=True)
class Decision:
    """Who decided and what they wrote: the registration's own move records them too."""

    actor: Any
    note: str


class EnrolmentWorkflow(Workflow[Enrolment]):
    model = Enrolment
    transitions = TRANSITIONS
    statuses = RegistrationStatus
    action = "training.enrolment"

    def transition(
        self, obj: Enrolment, to: str, *, actor: Any, note: str = "", **context: Any
    ) -> Enrolment:
        # The core's sequence unchanged; the decision travels with it to `store`.
        decision = Decision(actor, note)
        return super().transition(obj, to, actor=actor, note=note, decision=decision, **context)

    def lock(self, obj: Enrolment) -> Enrolment:
        # The event first, always: the same lock order as every other seat decision.
        lock_event(obj.session.event)
        locked: Enrolment = (
            Enrolment.objects.select_for_update().select_related("registration").get(pk=obj.pk)
        )
        return locked

    def current(self, locked: Enrolment) -> str:
        return str(locked.registration.status)

    def apply(self, locked: Enrolment, previous: str, to: str, **context: Any) -> list[str]:
        locked.decision = context["decision"]  # type: ignore[attr-defined]
        return []

    def store(self, locked: Enrolment, to: str, fields: list[str]) -> None:
        decision: Decision = locked.decision  # type: ignore[attr-defined]
        locked.registration = events_workflow.transition(
            locked.registration, to, actor=decision.actor, note=decision.note
        )

    def audit_data(self, locked: Enrolment, previous: str, to: str) -> dict[str, Any]:
        return {"session": locked.session_id}

    def after(
        self, locked: Enrolment, previous: str, to: str, *, actor: Any, note: str, **context: Any
    ) -> None:
        if to in DIRECTOR_NOTIFIED:
            run_later("pazanga.training.notifications.send_outcome_to_director", locked.pk, note)

    def refresh(self, obj: Enrolment) -> None:
        obj.registration.refresh_from_db()  # the enrolment's own row does not change


transition = EnrolmentWorkflow().transition
