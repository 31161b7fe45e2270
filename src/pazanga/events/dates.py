"""When an event happens, written as people write it in each language.

Lithuanian: "2014 m. vasario 25 d., nuo 9 val. iki 16 val." (minutes after a point:
"9.30 val."); English: "25 February 2014, from 9:00 to 16:00".
"""

from datetime import datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pazanga.common.i18n import format_date, localized
from pazanga.events.models import Event


def time_of_day(moment: datetime, language: str) -> str:
    local = timezone.localtime(moment)
    if language.startswith("lt"):
        hours = f"{local.hour}" if local.minute == 0 else f"{local.hour}.{local.minute:02d}"
        return f"{hours} val."
    return f"{local.hour}:{local.minute:02d}"


def event_when(event: Event, language: str) -> str:
    start, end = event.starts_at, event.ends_at
    with translation.override(language):
        if timezone.localtime(start).date() == timezone.localtime(end).date():
            return _("%(date)s, from %(start)s to %(end)s") % {
                "date": format_date(start, language),
                "start": time_of_day(start, language),
                "end": time_of_day(end, language),
            }
        return _("%(start_date)s %(start)s – %(end_date)s %(end)s") % {
            "start_date": format_date(start, language),
            "start": time_of_day(start, language),
            "end_date": format_date(end, language),
            "end": time_of_day(end, language),
        }


def venue_line(event: Event, language: str) -> str:
    if event.venue is None:
        return ""
    venue = event.venue
    # A venue's address may be empty or only repeat its town ("Akmenės, Akmenės"): each
    # part is written once.
    parts: list[str] = []
    for part in (localized(venue, "name", language), venue.address, venue.city):
        if part and part.strip() and part.strip() not in parts:
            parts.append(part.strip())
    return ", ".join(parts)
