from typing import Any

from django import template
from django.urls import translate_url

from pazanga.common.audit import describe
from pazanga.common.money import Money

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context: dict[str, Any], language: str) -> str:
    """The current page's address in another language (for the language switcher)."""
    request = context["request"]
    url = translate_url(request.get_full_path(), language)
    return url


@register.filter
def money(value: Money | None) -> str:
    return "" if value is None else str(value)


@register.filter
def action_label(action: str) -> str:
    """An audit action ("events.registration.confirmed") as a sentence people read."""
    return describe(action)
