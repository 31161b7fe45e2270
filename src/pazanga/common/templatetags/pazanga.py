from typing import Any

from django import template
from django.urls import translate_url
from django.utils.module_loading import import_string

from pazanga.common import formats
from pazanga.common.audit import describe

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context: dict[str, Any], language: str) -> str:
    """The current page's address in another language (for the language switcher)."""
    request = context["request"]
    url = translate_url(request.get_full_path(), language)
    return url


@register.filter
def money(value: Any, currency: str = "EUR") -> str:
    """`{{ grant.amount_money|money }}`, or a bare amount: `{{ line.requested|money:"LTL" }}`."""
    return formats.money(value, currency)


@register.filter
def number(value: Any, decimals: int = 0) -> str:
    return formats.number(value, int(decimals))


@register.filter
def percent(value: Any, decimals: int = 1) -> str:
    return formats.percent(value, int(decimals))


@register.filter
def day(value: Any) -> str:
    return formats.day(value)


@register.filter
def moment(value: Any) -> str:
    return formats.moment(value)


@register.filter
def action_label(action: str) -> str:
    """An audit action ("events.registration.confirmed") as a sentence people read."""
    return describe(action)


@register.filter
def label(value: Any, choices: str) -> str:
    """An enum value as its label in the page's language, never its code.

    `{{ line.category|label:"grants.BudgetCategory" }}` reads `pazanga.grants.enums`; a list
    (`themes`) reads as its labels joined by commas. A value the enum no longer knows is shown
    as stored rather than hidden.
    """
    app, _dot, name = choices.rpartition(".")
    enum = import_string(f"pazanga.{app}.enums.{name}" if app else choices)
    labels = dict(enum.choices)
    if isinstance(value, list | tuple):
        return ", ".join(str(labels.get(item, item)) for item in value)
    return "" if value in (None, "") else str(labels.get(value, value))
