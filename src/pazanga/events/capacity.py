"""How many seats are left: counted from the registrations that hold one.

Callers that act on the answer must hold the event's row lock (`lock_event`), so that
two requests never both see the last seat.
"""

from django.db.models import Count, Q

from pazanga.events.enums import SEAT_HOLDING_STATUSES
from pazanga.events.models import AudienceCategory, Event


def lock_event(event: Event) -> Event:
    """The event row, locked until the end of the transaction (the seat lock)."""
    return Event.objects.select_for_update().get(pk=event.pk)


def seats_held(event: Event) -> dict[int | None, int]:
    """Seats held per category id, and in all under the key None."""
    rows = (
        event.registrations.filter(status__in=SEAT_HOLDING_STATUSES)
        .values("category_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    held: dict[int | None, int] = {row["category_id"]: row["n"] for row in rows}
    held[None] = sum(held.values())
    return held


def has_free_seat(event: Event, category: AudienceCategory, held: dict[int | None, int]) -> bool:
    if event.capacity is not None and held.get(None, 0) >= event.capacity:
        return False
    return category.quota is None or held.get(category.pk, 0) < category.quota


def free_seats(event: Event) -> int | None:
    """Seats left in the whole event; None when it has no limit."""
    if event.capacity is None:
        return None
    held = event.registrations.filter(status__in=SEAT_HOLDING_STATUSES).aggregate(
        n=Count("pk", filter=Q())
    )["n"]
    return max(event.capacity - held, 0)
