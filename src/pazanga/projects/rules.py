"""Rules on numbers typed into reports and amendments, written once for services and forms."""

from decimal import Decimal

from django.utils.translation import gettext as _

from pazanga.common.money import Money, format_money
from pazanga.common.refusals import Refusal
from pazanga.projects.enums import CATEGORIES, Aggregation
from pazanga.projects.models import Indicator

ZERO = Decimal(0)
# The library moves money between its budget lines alone while each line stays within this
# share of what the committee approved for it; beyond it programme staff decide.
TOLERANCE = Decimal("0.10")


def over_line_text(line: str, amount: Decimal, available: Decimal, currency: str) -> str:
    return _("“%(line)s”: %(amount)s spent, but only %(available)s is left on this line.") % {
        "line": line,
        "amount": format_money(Money(amount, currency)),
        "available": format_money(Money(available, currency)),
    }


def check_value(
    indicator: Indicator,
    value: Decimal,
    breakdown: dict[str, dict[str, Decimal]],
    items: list[int],
) -> None:
    """Refuse a negative value, or a breakdown of a summed indicator that misses its total."""
    field = f"value-{indicator.pk}"
    numbers = [value, *(n for counts in breakdown.values() for n in counts.values())]
    if any(number < 0 for number in numbers):
        raise Refusal("projects.negative", field=field)
    if indicator.aggregation != Aggregation.SUM:
        return
    for dimension in indicator.disaggregations:
        counts = breakdown.get(dimension, {})
        known = {code for code, _label in CATEGORIES.get(dimension, ())}
        total = sum((n for code, n in counts.items() if code in known), ZERO)
        if total != value:
            raise Refusal(
                "projects.breakdown",
                field=field,
                indicator=indicator.code,
                dimension=dimension,
                total=str(total),
                value=str(value),
            )


def within_tolerance(original: Decimal, after: Decimal) -> bool:
    """A line amended to `after` stays within the library's own latitude."""
    return abs(after - original) <= original * TOLERANCE
