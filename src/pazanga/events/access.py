"""Who may open which event page: the one module the event views ask.

Roles come from pazanga.programme.permissions. Programme staff manage the events of the
current programme; door staff check people in at the events they were given; everyone sees
published events. An event or registration a person may not open does not exist for them
(404).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from pazanga.events.enums import EventStatus
from pazanga.events.models import Certificate, DoorStaff, Event, Registration
from pazanga.programme.permissions import (
    current_programme,
    is_programme_staff,
    programme_staff_required,
)

__all__ = [
    "certificate_of",
    "door_event_for",
    "events_for_check_in",
    "may_check_in",
    "programme_staff_required",
    "registration_of",
    "staff_event_for",
    "visible_event_for",
    "visible_events",
]


def programme_events() -> QuerySet[Event]:
    return Event.objects.filter(programme=current_programme())


def staff_event_for(slug: str) -> Event:
    """An event of the current programme, for programme staff's pages (the role is checked
    by the view's decorator)."""
    return get_object_or_404(programme_events().select_related("venue"), slug=slug)


def visible_events(user: Any) -> QuerySet[Event]:
    """Events whose public page `user` may open: drafts only for programme staff."""
    events = Event.objects.select_related("venue", "organiser")
    if is_programme_staff(user):
        return events
    return events.exclude(status=EventStatus.DRAFT)


def visible_event_for(user: Any, slug: str) -> Event:
    return get_object_or_404(visible_events(user), slug=slug)


def may_check_in(user: Any, event: Event) -> bool:
    """Programme staff of the event's programme, and the event's own door staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_programme_staff(user) and event.programme_id == getattr(current_programme(), "pk", None):
        return True
    return DoorStaff.objects.filter(event=event, user=user).exists()


def door_event_for(user: Any, slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("venue"), slug=slug)
    if not may_check_in(user, event):
        raise Http404
    return event


def events_for_check_in(user: Any) -> QuerySet[Event]:
    events = Event.objects.filter(status=EventStatus.PUBLISHED).order_by("-starts_at")
    if is_programme_staff(user):
        return events.filter(programme=current_programme())
    return events.filter(door_staff__user=user)


def certificate_of(event: Event, pk: int) -> Certificate:
    return get_object_or_404(
        Certificate.objects.select_related("registration"), registration__event=event, pk=pk
    )


def registration_of(event: Event, pk: int | str) -> Registration:
    """One of the event's registrations (404 for another event's or a malformed number)."""
    try:
        number = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(
        event.registrations.select_related("category", "organisation", "response"), pk=number
    )
