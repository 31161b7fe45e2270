"""Pure, Django-free rules of the impact app: sample sizes and their allocation, the
small-cell rule. The formulas are the textbook ones (Cochran, *Sampling Techniques*, 3rd
ed.: 4.2 for a proportion, 5.5 for proportional allocation, 5.9 for Neyman allocation).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from scipy.stats import norm


def z_value(confidence: float) -> float:
    """The normal quantile of a two-sided interval at `confidence` (0.95 -> 1.95996...)."""
    return float(norm.ppf(1 - (1 - confidence) / 2))


def z_power(power: float) -> float:
    return float(norm.ppf(power))


def finite(n: float, population: float | None) -> float:
    """The finite population correction of a sample size: n / (1 + (n - 1) / N)."""
    if not population:
        return n
    return n / (1 + (n - 1) / population)


def sample_for_margin(
    margin: float,
    *,
    share: float = 0.5,
    deff: float = 1.0,
    confidence: float = 0.95,
    population: float | None = None,
) -> int:
    """Respondents needed so that a national share has the margin of error `margin`
    (a fraction: 0.03 for three points): n = z² p(1-p) deff / e², then the fpc."""
    if not 0 < margin < 1 or not 0 < share < 1 or deff <= 0:
        raise ValueError("margin and share must lie between 0 and 1, deff above 0")
    n0 = z_value(confidence) ** 2 * share * (1 - share) * deff / margin**2
    return math.ceil(finite(n0, population))


def gap_change_variance_factor(share: float, deff: float, group_share: float) -> float:
    """n times the variance of the change of a gap between two independent waves of n each:
    each wave's gap has variance p(1-p) deff (1/(n u) + 1/(n (1-u))), two waves twice that."""
    return 2 * share * (1 - share) * deff / (group_share * (1 - group_share))


def sample_for_gap_change(
    change: float,
    *,
    share: float = 0.5,
    deff: float = 1.5,
    group_share: float = 0.33,
    confidence: float = 0.95,
    power: float = 0.8,
) -> int:
    """Respondents per wave needed to detect a change `change` (a fraction) of a gap between
    two groups (one of them `group_share` of the sample) with the given power:
    n = (z_{1-a/2} + z_{power})² · 2 p(1-p) deff / (u (1-u) Δ²)."""
    if not 0 < change < 1 or not 0 < group_share < 1:
        raise ValueError("change and group share must lie between 0 and 1")
    z = z_value(confidence) + z_power(power)
    return math.ceil(z**2 * gap_change_variance_factor(share, deff, group_share) / change**2)


def detectable_change(
    n: int,
    *,
    share: float = 0.5,
    deff: float = 1.5,
    group_share: float | None = None,
    confidence: float = 0.95,
    power: float = 0.8,
) -> float:
    """The smallest change detectable with `n` respondents per wave: of a national share
    (no `group_share`: variance 2 p(1-p) deff / n), or of a gap between two groups."""
    z = z_value(confidence) + z_power(power)
    if group_share is None:
        factor = 2 * share * (1 - share) * deff
    else:
        factor = gap_change_variance_factor(share, deff, group_share)
    return z * math.sqrt(factor / n)


@dataclass(frozen=True)
class Stratum:
    name: str
    population: float
    share: float = 0.5  # expected share in the stratum (its spread is sqrt(p(1-p)))


def allocate(n: int, strata: Sequence[Stratum], method: str = "proportional") -> list[int]:
    """Split `n` respondents over `strata`: proportional to N_h, or Neyman's N_h S_h.

    Rounded by largest remainders, so the parts add up to `n` exactly.
    """
    if not strata:
        raise ValueError("no strata")
    if method == "proportional":
        sizes = [s.population for s in strata]
    elif method == "neyman":
        sizes = [s.population * math.sqrt(s.share * (1 - s.share)) for s in strata]
    else:
        raise ValueError(f"unknown allocation {method!r}")
    total = sum(sizes)
    if total <= 0:
        raise ValueError("the strata have no population")
    exact = [n * size / total for size in sizes]
    parts = [math.floor(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in order[: n - sum(parts)]:
        parts[i] += 1
    return parts


def is_small(n: int, cv: float | None, *, min_n: int, max_cv: float) -> bool:
    """A cell too small to publish as it is: fewer than `min_n` respondents, or a
    coefficient of variation above `max_cv` (a fraction)."""
    return n < min_n or (cv is not None and abs(cv) > max_cv)
