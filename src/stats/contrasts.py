"""Linear combinations of estimates: changes between waves, gaps between groups, and the
change of a gap, with standard errors from the full covariance matrix.

Two waves analysed together must be stacked as independent samples: give every wave its
own strata (e.g. strata = wave x region) so that PSUs of different waves never share a
stratum; the covariance between waves is then zero by construction, while estimates within
a wave keep their covariance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from stats.errors import EstimationError
from stats.estimate import EstimateTable
from stats.intervals import wald_interval

# By position (``{0: 1.0, 2: -1.0}``) or one coefficient per estimate.
Coefficients = Mapping[int, float] | Sequence[float] | npt.NDArray[np.float64]


@dataclass(frozen=True)
class ContrastResult:
    """``sum_k c_k * estimate_k`` with its SE, a Wald t interval and its degrees of freedom."""

    estimate: float
    se: float
    df: int
    ci_low: float | None
    ci_high: float | None
    level: float


def coefficient_vector(
    table: EstimateTable, coefficients: Coefficients
) -> np.ndarray[tuple[int], np.dtype[np.float64]]:
    vector = np.zeros(len(table))
    if isinstance(coefficients, Mapping):
        for position, value in coefficients.items():
            if not 0 <= position < len(table):
                raise EstimationError(f"no estimate at position {position}")
            vector[position] += float(value)
        return vector
    values = np.asarray(coefficients, dtype=np.float64)
    if values.shape != (len(table),):
        raise EstimationError(
            f"give one coefficient per estimate ({len(table)}), not {values.shape[0]}"
        )
    return values


def contrast(
    table: EstimateTable,
    coefficients: Coefficients,
    *,
    level: float = 0.95,
    df: int | None = None,
) -> ContrastResult:
    """Any linear combination of the rows of ``table`` (positions from ``table.index``).

    The interval uses Student's t on the design degrees of freedom unless ``df`` is given.
    """
    vector = coefficient_vector(table, coefficients)
    value = float(vector @ table.estimates)
    se = float(np.sqrt(max(float(vector @ table.covariance @ vector), 0.0)))
    degrees = table.design_df if df is None else df
    low, high = wald_interval(value, se, degrees, level)
    return ContrastResult(estimate=value, se=se, df=degrees, ci_low=low, ci_high=high, level=level)


def difference(
    table: EstimateTable, first: int, second: int, *, level: float = 0.95
) -> ContrastResult:
    """``estimate[first] - estimate[second]``: a change or a gap."""
    return contrast(table, {first: 1.0, second: -1.0}, level=level)


def difference_in_differences(
    table: EstimateTable,
    later: tuple[int, int],
    earlier: tuple[int, int],
    *,
    level: float = 0.95,
) -> ContrastResult:
    """``(later[0] - later[1]) - (earlier[0] - earlier[1])``: the change of a gap."""
    weights: dict[int, float] = {}
    for position, sign in (
        (later[0], 1.0),
        (later[1], -1.0),
        (earlier[0], -1.0),
        (earlier[1], 1.0),
    ):
        weights[position] = weights.get(position, 0.0) + sign
    return contrast(table, weights, level=level)
