from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()
P_FLOOR = 0.001


@register.filter
def cell(value: Any, kind: str) -> str:
    """A report cell as people read it in the active language (see tables.KINDS)."""
    if value is None:
        return "–"
    if kind == "share":
        return f"{number_format(round(float(value) * 100, 1), 1)} %"
    if kind == "percent":
        return f"{number_format(round(float(value), 1), 1)} %"
    if kind == "number":
        return number_format(round(float(value), 2), 2)
    if kind == "p":
        if float(value) < P_FLOOR:
            return f"< {number_format(P_FLOOR, 3)}"
        return number_format(round(float(value), 3), 3)
    if kind == "int":
        return number_format(value, 0, force_grouping=True)
    return str(value)
