from decimal import Decimal

from django import template

from pazanga.common.money import Money, format_money

register = template.Library()


@register.filter
def in_currency(amount: Decimal | None, currency: str) -> str:
    """ "12 500,00 EUR" in the active language; empty for no amount."""
    if amount is None or amount == "":
        return ""
    return format_money(Money(Decimal(amount), currency))


@register.filter
def number(value: Decimal | str | None) -> str:
    """A count or measure without trailing zeros: 120, 4.35."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value).normalize():f}"


@register.filter
def get(mapping: dict, key: object) -> object:  # type: ignore[type-arg]
    return mapping.get(key) if mapping else None
