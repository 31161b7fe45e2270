from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()
P_FLOOR = 0.001


def share_text(value: Any) -> str:
    return f"{number_format(round(float(value) * 100, 1), 1)} %"


def percent_text(value: Any) -> str:
    return f"{number_format(round(float(value), 1), 1)} %"


def p_text(value: Any) -> str:
    if float(value) < P_FLOOR:
        return f"< {number_format(P_FLOOR, 3)}"
    return number_format(round(float(value), 3), 3)


FORMATS = {
    "share": share_text,
    "percent": percent_text,
    "number": lambda value: number_format(round(float(value), 2), 2),
    "p": p_text,
    "int": lambda value: number_format(value, 0, force_grouping=True),
}


@register.filter
def cell(value: Any, kind: str) -> str:
    """A report cell as people read it in the active language (see tables.KINDS)."""
    if value is None:
        return "–"
    return FORMATS.get(kind, str)(value)
