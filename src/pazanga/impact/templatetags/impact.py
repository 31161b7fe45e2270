"""Numbers on impact pages, through Django's locale-aware formatter (a decimal comma in
Lithuanian)."""

from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value: Any, digits: int = 1) -> str:
    """A share (0..1) as percent, e.g. 0.279 -> "27,9" in Lithuanian."""
    if value is None or value == "":
        return "—"
    return number_format(100 * float(value), digits)


@register.filter
def points(value: Any, digits: int = 1) -> str:
    """A difference of shares in percentage points, signed: -0.023 -> "−2,3"."""
    if value is None or value == "":
        return "—"
    number = 100 * float(value)
    text = number_format(abs(number), digits)
    return f"−{text}" if number < 0 and text.strip("0,.") else f"+{text}" if number > 0 else text


@register.filter
def decimal(value: Any, digits: int = 2) -> str:
    if value is None or value == "":
        return "—"
    return number_format(float(value), digits)


@register.filter
def category_label(category: str, variable: str) -> str:
    """A category of a domain or calibration variable as people read it ("female" ->
    "moterys"); a county by its name."""
    from pazanga.directory.models import County
    from pazanga.impact.enums import CATEGORY_LABELS

    if variable == "county":
        county = County.objects.filter(code=category).first()
        return str(county.name) if county else category
    return str(CATEGORY_LABELS.get(variable, {}).get(category, category))


@register.filter
def variable_label(variable: str) -> str:
    from pazanga.impact.enums import CalibrationVariable

    try:
        return str(CalibrationVariable(variable).label)
    except ValueError:
        return variable
