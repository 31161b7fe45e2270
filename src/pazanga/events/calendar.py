"""iCalendar (.ics) files: one event, and the feed of public events.

Times are written in Europe/Vilnius with the zone's VTIMEZONE definition, so calendar
programs anywhere show the event at the right local time.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone, translation

from pazanga.common.i18n import localized
from pazanga.events.enums import EventStatus
from pazanga.events.models import Event

PRODUCT_ID = "-//Pazanga//Events//LT"


def local(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def site_url(path: Callable[[], str], language: str) -> str:
    """The full address of `path()` reversed in `language` (for e-mails and files)."""
    with translation.override(language):
        return f"{settings.SITE_URL}{path()}"


def ics_event(event: Event, language: str) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", f"event-{event.pk}@pazanga")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", local(event.starts_at))
    item.add("dtend", local(event.ends_at))
    item.add("summary", str(localized(event, "title", language)))
    description = str(localized(event, "summary", language))
    url = site_url(event.get_absolute_url, language)
    item.add("description", f"{description}\n\n{url}".strip())
    item.add("url", url)
    if event.venue:
        venue = event.venue
        item.add("location", f"{localized(venue, 'name', language)}, {venue.address}, {venue.city}")
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return item


def calendar_bytes(events: Iterable[Event], language: str, *, name: str = "") -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(ics_event(event, language))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_ics(event: Event, language: str) -> bytes:
    return calendar_bytes([event], language)
