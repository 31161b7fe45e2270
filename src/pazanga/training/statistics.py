"""Report statistics: pure, Django-free, typed; tested on hand-computable numbers."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy import stats as scipy_stats

CONFIDENCE = 0.95
MIN_PAIRS_FOR_SPREAD = 2


@dataclass(frozen=True)
class PairedGain:
    """Mean post − pre difference of paired scores with a t-based confidence interval."""

    n: int
    mean_pre: float
    mean_post: float
    mean_gain: float
    sd_gain: float | None
    ci_low: float | None
    ci_high: float | None
    t: float | None
    p_value: float | None


def paired_gain(pairs: Sequence[tuple[float, float]], confidence: float = CONFIDENCE) -> PairedGain:
    """The paired t-test of (pre, post) pairs; fewer than two pairs give no interval.

    When every difference is the same the spread is zero: the interval is that single
    value and t and p are left out (they are not defined).
    """
    n = len(pairs)
    if n == 0:
        return PairedGain(0, math.nan, math.nan, math.nan, None, None, None, None, None)
    pre = [p for p, _ in pairs]
    post = [q for _, q in pairs]
    diffs = [q - p for p, q in pairs]
    mean_gain = sum(diffs) / n
    base = PairedGain(n, sum(pre) / n, sum(post) / n, mean_gain, None, None, None, None, None)
    if n < MIN_PAIRS_FOR_SPREAD:
        return base
    sd = math.sqrt(sum((d - mean_gain) ** 2 for d in diffs) / (n - 1))
    if sd == 0:
        return PairedGain(
            n, base.mean_pre, base.mean_post, mean_gain, 0.0, mean_gain, mean_gain, None, None
        )
    se = sd / math.sqrt(n)
    t_crit = float(scipy_stats.t.ppf((1 + confidence) / 2, n - 1))
    t_value = mean_gain / se
    p_value = float(2 * scipy_stats.t.sf(abs(t_value), n - 1))
    return PairedGain(
        n,
        base.mean_pre,
        base.mean_post,
        mean_gain,
        sd,
        mean_gain - t_crit * se,
        mean_gain + t_crit * se,
        t_value,
        p_value,
    )


def share(part: int, whole: int) -> float | None:
    """part / whole as a fraction; None when there is nothing to divide by."""
    return part / whole if whole else None


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None
