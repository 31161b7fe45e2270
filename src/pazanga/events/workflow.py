"""The one place that changes a Registration's status.

Registration:
pending    -> confirmed | rejected | cancelled
waitlisted -> offered | cancelled
offered    -> confirmed | pending | lapsed | cancelled

An accepted offer in a category that needs approval goes to pending (it keeps its seat
while the organisers decide), elsewhere to confirmed (services.accept_offer).
confirmed  -> cancelled

Event: draft -> published | cancelled; published -> cancelled.

A registration is created in pending, confirmed or waitlisted (services.register);
attendance is recorded separately, per day (services.record_attendance).
"""

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from pazanga.common.audit import log_action
from pazanga.events.capacity import has_free_seat, lock_event, seats_held
from pazanga.events.enums import SEAT_HOLDING_STATUSES, EventStatus, RegistrationStatus
from pazanga.events.models import Event, Registration

S = RegistrationStatus
TRANSITIONS: dict[str, set[str]] = {
    S.PENDING: {S.CONFIRMED, S.REJECTED, S.CANCELLED},
    S.WAITLISTED: {S.OFFERED, S.CANCELLED},
    S.OFFERED: {S.CONFIRMED, S.PENDING, S.LAPSED, S.CANCELLED},
    S.CONFIRMED: {S.CANCELLED},
    S.REJECTED: set(),
    S.LAPSED: set(),
    S.CANCELLED: set(),
}
# States a person is told about by e-mail when their registration enters them.
NOTIFIED = {S.PENDING, S.CONFIRMED, S.REJECTED, S.OFFERED, S.LAPSED, S.CANCELLED}


EVENT_TRANSITIONS: dict[str, set[str]] = {
    EventStatus.DRAFT: {EventStatus.PUBLISHED, EventStatus.CANCELLED},
    EventStatus.PUBLISHED: {EventStatus.CANCELLED},
    EventStatus.CANCELLED: set(),
}


class TransitionNotAllowed(PermissionDenied):
    """The registration's current status does not lead to the requested one."""


class NoSeatLeft(PermissionDenied):
    """The move needs a seat and the event or the category has none left."""


def transition(
    registration: Registration, to: str, *, actor: Any, note: str = "", notify: bool = True
) -> Registration:
    """Move `registration` to status `to`.

    Side effects: locks the event row (the seat lock) and then the registration row;
    refuses a move that would take a seat nobody has freed (NoSeatLeft); saves the status
    and the time of the change; an offer gets its expiry time (now + the event's
    offer_hours) and loses it when it leaves `offered`; writes the audit entry
    `events.registration.<to>`; after commit e-mails the registrant in their language
    when `notify` (the confirmation carries the event's .ics file). When the move frees
    a seat, the waiting list is offered the free seats (offer_free_seats), in the same
    transaction.
    """
    with transaction.atomic():
        event = lock_event(registration.event)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        previous = locked.status
        if to not in TRANSITIONS[previous]:
            raise TransitionNotAllowed(f"{previous} -> {to}")
        takes_seat = to in SEAT_HOLDING_STATUSES and previous not in SEAT_HOLDING_STATUSES
        if takes_seat and not has_free_seat(event, locked.category, seats_held(event)):
            raise NoSeatLeft(f"{previous} -> {to}")
        now = timezone.now()
        locked.status = to
        locked.decided_at = now
        locked.offer_expires_at = (
            now + timedelta(hours=event.offer_hours) if to == S.OFFERED else None
        )
        locked.save(update_fields=["status", "decided_at", "offer_expires_at"])
        log_action(
            locked,
            f"events.registration.{to}",
            actor=actor,
            data={"from": previous, "note": note, "event": event.pk},
        )
        if notify and to in NOTIFIED:
            notify_registrant_after_commit(locked, note)
        if previous in SEAT_HOLDING_STATUSES and to not in SEAT_HOLDING_STATUSES:
            offer_free_seats(event, actor=None)
    registration.refresh_from_db()
    return registration


def change_event_status(event: Event, to: str, *, actor: Any, note: str = "") -> Event:
    """Publish or cancel an event.

    Side effects: locks the event row; saves the status; writes the audit entry
    `events.event.<to>`. Cancelling an event's registrations (and telling the people)
    is services.cancel_event, which calls this.
    """
    with transaction.atomic():
        locked = lock_event(event)
        previous = locked.status
        if to not in EVENT_TRANSITIONS[previous]:
            raise TransitionNotAllowed(f"{previous} -> {to}")
        locked.status = to
        locked.save(update_fields=["status"])
        log_action(locked, f"events.event.{to}", actor=actor, data={"from": previous, "note": note})
    event.refresh_from_db()
    return event


def notify_registrant_after_commit(registration: Registration, note: str = "") -> None:
    from pazanga.events.notifications import send_registration_status

    transaction.on_commit(lambda: send_registration_status(registration, note=note))


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
