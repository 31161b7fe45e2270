"""The one place that changes a Registration's or an Event's status.

Registration:
unverified -> confirmed | pending | waitlisted | lapsed | cancelled
pending    -> confirmed | rejected | cancelled
waitlisted -> offered | cancelled
offered    -> confirmed | pending | lapsed | cancelled
confirmed  -> cancelled

An accepted offer in a category that needs approval goes to pending (it keeps its seat
while the organisers decide), elsewhere to confirmed (services.accept_offer).

Event: draft -> published | cancelled; published -> cancelled.

A registration made for an e-mail address nobody has proven is created `unverified`: it
holds no seat until the link sent to that address is opened (services.confirm_address),
which moves it to where a new registration would start; unconfirmed ones lapse silently
(services.expire_unverified). Other registrations are created in pending, confirmed or
waitlisted (services.register);
attendance is recorded separately, per day (services.record_attendance).

Side effects of a registration's move (through the workflow core): the event row is locked
(the seat lock), then the registration's; a move that would take a seat nobody has freed is
refused (Refusal "events.no_seat"); the status and the time of the decision are saved; an
offer gets its expiry time (now + the event's offer_hours) and loses it when it leaves
`offered`; the audit entry `events.registration.<to>` is written with the event; after commit
the registrant is e-mailed in their language when `notify` (the confirmation carries the
event's .ics file); when the move frees a seat, the waiting list is offered the free seats
(offer_free_seats), in the same transaction.

An event's move locks the event row, saves the status and writes `events.event.<to>`.
Cancelling an event's registrations (and telling the people) is services.cancel_event.
"""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from pazanga.common.refusals import Refusal, TransitionNotAllowed
from pazanga.common.tasks import run_later
from pazanga.common.workflow import Workflow
from pazanga.events.capacity import has_free_seat, lock_event, seats_held
from pazanga.events.enums import SEAT_HOLDING_STATUSES, EventStatus, RegistrationStatus
from pazanga.events.models import Event, Registration

__all__ = ["TRANSITIONS", "TransitionNotAllowed", "change_event_status", "transition"]

S = RegistrationStatus
TRANSITIONS: dict[str, set[str]] = {
    S.UNVERIFIED: {S.CONFIRMED, S.PENDING, S.WAITLISTED, S.LAPSED, S.CANCELLED},
    S.PENDING: {S.CONFIRMED, S.REJECTED, S.CANCELLED},
    S.WAITLISTED: {S.OFFERED, S.CANCELLED},
    S.OFFERED: {S.CONFIRMED, S.PENDING, S.LAPSED, S.CANCELLED},
    S.CONFIRMED: {S.CANCELLED},
    S.REJECTED: set(),
    S.LAPSED: set(),
    S.CANCELLED: set(),
}
# States a person is told about by e-mail when their registration enters them.
NOTIFIED = {S.PENDING, S.CONFIRMED, S.WAITLISTED, S.REJECTED, S.OFFERED, S.LAPSED, S.CANCELLED}
# An address nobody confirmed is not written to again when its registration ends.
SILENT_FROM_UNVERIFIED = {S.LAPSED, S.CANCELLED}


EVENT_TRANSITIONS: dict[str, set[str]] = {
    EventStatus.DRAFT: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
    EventStatus.PUBLISHED: {EventStatus.CANCELLED},
    EventStatus.CANCELLED: set(),
}


class RegistrationWorkflow(Workflow[Registration]):
    model = Registration
    transitions = TRANSITIONS
    statuses = RegistrationStatus
    action = "events.registration"

    def lock(self, obj: Registration) -> Registration:
        # The event first, always: every seat decision takes the same lock in the same order.
        event = lock_event(obj.event)
        locked = Registration.objects.select_for_update().get(pk=obj.pk)
        locked.event = event
        return locked

    def check(self, locked: Registration, previous: str, to: str, **context: Any) -> None:
        takes_seat = to in SEAT_HOLDING_STATUSES and previous not in SEAT_HOLDING_STATUSES
        event = locked.event
        if takes_seat and not has_free_seat(event, locked.category, seats_held(event)):
            raise Refusal("events.no_seat")

    def apply(self, locked: Registration, previous: str, to: str, **context: Any) -> list[str]:
        now = timezone.now()
        locked.decided_at = now
        offer_hours = locked.event.offer_hours
        locked.offer_expires_at = now + timedelta(hours=offer_hours) if to == S.OFFERED else None
        return ["decided_at", "offer_expires_at"]

    def audit_data(self, locked: Registration, previous: str, to: str) -> dict[str, Any]:
        return {"event": locked.event_id}

    def after(
        self,
        locked: Registration,
        previous: str,
        to: str,
        *,
        actor: Any,
        note: str,
        notify: bool = True,
        **context: Any,
    ) -> None:
        silent = previous == S.UNVERIFIED and to in SILENT_FROM_UNVERIFIED
        if notify and to in NOTIFIED and not silent:
            notify_registrant(locked, note, status=to)
        if previous in SEAT_HOLDING_STATUSES and to not in SEAT_HOLDING_STATUSES:
            offer_free_seats(locked.event, actor=None)


class EventWorkflow(Workflow[Event]):
    model = Event
    transitions = EVENT_TRANSITIONS
    statuses = EventStatus
    action = "events.event"

    def lock(self, obj: Event) -> Event:
        return lock_event(obj)


transition = RegistrationWorkflow().transition
change_event_status = EventWorkflow().transition


def notify_registrant(registration: Registration, note: str = "", *, status: str = "") -> None:
    """After commit, e-mail the registrant about `status` (by default the one it has now);
    a message whose status has since been left is not sent: the later move sends its own."""
    run_later(
        "pazanga.events.notifications.send_registration_status_to",
        registration.pk,
        note,
        status or registration.status,
    )


def offer_free_seats(event: Event, *, actor: Any) -> list[Registration]:
    """Offer the free seats to the waiting list, first come first served.

    Side effects: locks the event row; moves each waiting registration whose category
    still has a seat to `offered` through `transition` (audit entry and offer e-mail).
    Nothing happens for an event that is not published or is over.
    """
    offered: list[Registration] = []
    with transaction.atomic():
        event = lock_event(event)
        if event.status != EventStatus.PUBLISHED or event.is_past:
            return offered
        held = seats_held(event)
        waiting = event.registrations.filter(status=S.WAITLISTED).select_related("category")
        for registration in waiting.order_by("created_at", "pk"):
            if event.capacity is not None and held[None] >= event.capacity:
                break
            if not has_free_seat(event, registration.category, held):
                continue
            offered.append(transition(registration, S.OFFERED, actor=actor))
            held[None] += 1
            held[registration.category_id] = held.get(registration.category_id, 0) + 1
    return offered
