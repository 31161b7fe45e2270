import re

from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
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


# "[text](/site/path/)" in an event's text: a link within the site (the launch conference's
# "čia »" to the workplan). Only site paths of plain characters; the text is escaped first.
SITE_LINK = re.compile(r"\[([^\]\n<>]{1,80})\]\((/[A-Za-z0-9/_.-]{0,200})\)")


@register.filter(needs_autoescape=True)
def event_text(text: str, autoescape: bool = True) -> str:
    """Paragraphs of the text, escaped, with its site links as links."""
    html = linebreaks(text, autoescape=autoescape)
    return mark_safe(SITE_LINK.sub(r'<a href="\2">\1</a>', html))  # noqa: S308 (escaped above)
