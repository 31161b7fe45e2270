from django import template
from django.utils.translation import get_language

from pazanga.events import dates
from pazanga.events.models import Event

register = template.Library()


@register.simple_tag
def event_when(event: Event) -> str:
    return dates.event_when(event, get_language() or "lt")


@register.simple_tag
def venue_line(event: Event) -> str:
    return dates.venue_line(event, get_language() or "lt")


@register.simple_tag
def time_of_day(moment: object) -> str:
    return dates.time_of_day(moment, get_language() or "lt")  # type: ignore[arg-type]
