"""The milestones as an iCalendar file: one all-day event per milestone."""

from collections.abc import Iterable
from datetime import timedelta

import icalendar
from django.conf import settings
from django.utils import timezone, translation

from pazanga.common.i18n import localized
from pazanga.workplan.models import Activity

PRODUCT_ID = "-//Pazanga//Workplan//LT"


def milestones_ics(milestones: Iterable[Activity], language: str, name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for milestone in milestones:
        item = icalendar.Event()
        item.add("uid", f"workplan-milestone-{milestone.pk}@pazanga")
        item.add("dtstamp", stamp)
        day = milestone.end
        item.add("dtstart", day)
        item.add("dtend", day + timedelta(days=1))
        item.add("summary", str(localized(milestone, "name", language)))
        with translation.override(language):
            url = f"{settings.SITE_URL}{milestone.get_absolute_url()}"
        item.add("url", url)
        item.add("description", url)
        item.add("transp", "TRANSPARENT")
        calendar.add_component(item)
    return calendar.to_ical()
