"""Attendance percentage and completion rules: pure, Django-free, typed.

Attendance weights (decision 0051): present 1, late 0.75, excused 0, absent 0, and a day
with nothing recorded counts as absent. The percentage is over every day of the session,
so a person who came on one day of two has 50%.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ATTENDANCE_WEIGHTS: dict[str, Decimal] = {
    "present": Decimal(1),
    "late": Decimal("0.75"),
    "excused": Decimal(0),
    "absent": Decimal(0),
}
ONE_DECIMAL = Decimal("0.1")


def attendance_percent(statuses: Iterable[str], days: int) -> Decimal:
    """Weighted attendance over `days` session days, 0–100 with one decimal."""
    if days <= 0:
        return Decimal(0)
    total = sum((ATTENDANCE_WEIGHTS.get(s, Decimal(0)) for s in statuses), Decimal(0))
    return (total * 100 / days).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def score_percent(points: Decimal | None, maximum: Decimal | None) -> Decimal | None:
    if points is None or not maximum:
        return None
    return (points * 100 / maximum).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rule:
    min_attendance_percent: int
    min_post_test_percent: int | None
    feedback_required: bool


@dataclass(frozen=True)
class Facts:
    """What is known about one enrolment when its completion is evaluated."""

    attendance_percent: Decimal
    post_test_percent: Decimal | None  # None: no post-test submitted (or none set)
    has_post_test: bool  # the session has a post-test at all
    feedback_given: bool
    has_feedback: bool  # the session has a feedback questionnaire at all


@dataclass(frozen=True)
class Reason:
    """One unmet condition: a code and the numbers a message needs."""

    code: str
    needed: Decimal | None = None
    actual: Decimal | None = None


@dataclass(frozen=True)
class Result:
    met: bool
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


def evaluate_completion(facts: Facts, rule: Rule) -> Result:
    """Whether `facts` meet `rule`; every unmet condition is listed, in a fixed order.

    A post-test minimum applies only when the session has a post-test, and feedback is
    required only when it has a feedback questionnaire: a session without one cannot
    hold people to it.
    """
    reasons: list[Reason] = []
    needed = Decimal(rule.min_attendance_percent)
    if facts.attendance_percent < needed:
        reasons.append(Reason("attendance", needed, facts.attendance_percent))
    if rule.min_post_test_percent is not None and facts.has_post_test:
        needed = Decimal(rule.min_post_test_percent)
        if facts.post_test_percent is None:
            reasons.append(Reason("post_test_missing", needed))
        elif facts.post_test_percent < needed:
            reasons.append(Reason("post_test_low", needed, facts.post_test_percent))
    if rule.feedback_required and facts.has_feedback and not facts.feedback_given:
        reasons.append(Reason("feedback_missing"))
    return Result(met=not reasons, reasons=tuple(reasons))
