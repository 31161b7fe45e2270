from decimal import Decimal

from django import template

from pazanga.common import formats

register = template.Library()


@register.filter
def in_currency(amount: Decimal | None, currency: str) -> str:
    """ "12 500,00 EUR" in the active language; empty for no amount."""
    return formats.money(None if amount in (None, "") else Decimal(amount), currency)


@register.filter
def number(value: Decimal | str | None) -> str:
    """A count or measure without trailing zeros, in the page's language: 120, 4,35."""
    if value is None or value == "":
        return "—"
    exponent = Decimal(value).normalize().as_tuple().exponent
    return formats.number(Decimal(value), max(0, -int(exponent)))


@register.filter
def get(mapping: dict, key: object) -> object:  # type: ignore[type-arg]
    return mapping.get(key) if mapping else None
