"""Confidence intervals: Wald with Student's t on the design degrees of freedom, and the
logit interval for proportions (R's ``svyciprop(method = "logit")``).

With fewer than one degree of freedom there is no t quantile: the interval is ``None``
rather than an infinite or NaN bound.
"""

from __future__ import annotations

import math
from typing import Literal, cast

from scipy.special import stdtrit

from stats.errors import EstimationError

IntervalMethod = Literal["wald", "logit"]
INTERVAL_METHODS: tuple[str, ...] = ("wald", "logit")

Interval = tuple[float, float] | tuple[None, None]


def check_level(level: float) -> float:
    if not 0 < level < 1:
        raise EstimationError(f"the confidence level must be between 0 and 1, not {level}")
    return level


def t_quantile(level: float, df: int) -> float:
    """Two-sided critical value of Student's t with ``df`` degrees of freedom.

    ``stdtrit`` is the inverse of t's distribution function that ``scipy.stats.t.ppf``
    calls; importing it alone spares the command line loading all of ``scipy.stats``.
    """
    return float(cast(float, stdtrit(df, (1 + check_level(level)) / 2)))


def wald_interval(estimate: float, se: float, df: int, level: float) -> Interval:
    """``estimate -/+ t(df) * se``."""
    if df < 1:
        return (None, None)
    half_width = t_quantile(level, df) * se
    return (estimate - half_width, estimate + half_width)


def logit_interval(share: float, se: float, df: int, level: float) -> Interval:
    """Wald interval on the logit scale, mapped back: stays inside [0, 1].

    At a share of exactly 0 or 1 the logit is infinite and the interval is ``[p, p]``
    (the standard error is zero there too).
    """
    if df < 1:
        return (None, None)
    if share <= 0 or share >= 1:
        return (share, share)
    centre = math.log(share / (1 - share))
    half_width = t_quantile(level, df) * se / (share * (1 - share))
    return (expit(centre - half_width), expit(centre + half_width))


def expit(value: float) -> float:
    return 1 / (1 + math.exp(-value))
