"""Calibration of weights to known population counts: post-stratification, raking and
weight trimming.

Calibrated designs remember each step, so that the Taylor variance removes the part of the
variation the calibration fixed, as R's ``postStratify`` and ``rake`` do (for raking, R's
ten rounds of backfitting the linearised values on the margins).

Raking is iterative proportional fitting on the cells of the margins' cross-classification
(respondents in the same cell always get the same adjustment), which makes each iteration
cost the number of cells instead of the number of respondents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from stats.design import (
    Calibration,
    Design,
    FloatArray,
    IntArray,
    combine_codes,
    encode,
)
from stats.errors import CalibrationError

# Margins for different variables must describe the same population.
MARGIN_TOTAL_TOLERANCE = 1e-6
TRIM_ROUND_LIMIT = 1000


@dataclass(frozen=True)
class Margin:
    """Population count per category of one variable; ``values`` has one entry per
    respondent."""

    name: str
    values: npt.ArrayLike
    totals: Mapping[Any, float]


@dataclass(frozen=True)
class RakingReport:
    """How raking went. ``max_error`` is the largest relative difference between a
    weighted margin count and its target after the last iteration."""

    converged: bool
    iterations: int
    max_error: float
    tolerance: float
    max_iterations: int
    weight_total: float

    def as_dict(self) -> dict[str, bool | int | float]:
        return {
            "converged": self.converged,
            "iterations": self.iterations,
            "max_error": self.max_error,
            "tolerance": self.tolerance,
            "max_iterations": self.max_iterations,
            "weight_total": self.weight_total,
        }


@dataclass(frozen=True, eq=False)
class RakingResult:
    design: Design
    report: RakingReport


def match_targets(margin: Margin, n_rows: int) -> tuple[IntArray, FloatArray]:
    """Category codes per respondent and the target per category, or a clear error.

    Categories are matched on their text, so ``1`` in the data matches ``"1"`` in a file.
    """
    codes, labels = encode(margin.values, f"margin variable {margin.name!r}")
    if codes.shape[0] != n_rows:
        raise CalibrationError(
            f"margin variable {margin.name!r} has {codes.shape[0]} values for {n_rows} rows"
        )
    targets = {str(key): float(value) for key, value in margin.totals.items()}
    in_data = {str(label) for label in labels}
    unknown = sorted(in_data - set(targets))
    unused = sorted(set(targets) - in_data)
    if unknown or unused:
        parts = []
        if unknown:
            parts.append(f"categories in the data without a population count: {unknown}")
        if unused:
            parts.append(f"population counts for categories absent from the data: {unused}")
        raise CalibrationError(f"margin {margin.name!r} does not fit: " + "; ".join(parts))
    totals = np.array([targets[str(label)] for label in labels])
    if not np.isfinite(totals).all() or (totals <= 0).any():
        raise CalibrationError(f"population counts for {margin.name!r} must be positive")
    return codes, totals


def poststratify(design: Design, margin: Margin) -> Design:
    """Scale the weights within each post-stratum to its population count."""
    codes, targets = match_targets(margin, design.n_rows)
    current = weighted_count(codes, design.weights, targets.size)
    weights = design.weights * (targets / current)[codes]
    return design.with_weights(weights, Calibration("poststratify", (codes,), weights))


def rake(
    design: Design,
    margins: Sequence[Margin],
    *,
    tolerance: float = 1e-10,
    max_iterations: int = 100,
    strict: bool = True,
) -> RakingResult:
    """Iterative proportional fitting to several margins.

    Stops when every weighted margin count is within ``tolerance`` (relative) of its target.
    With ``strict`` (default) not converging within ``max_iterations`` is a
    :class:`CalibrationError`; otherwise the report says so.
    """
    if not margins:
        raise CalibrationError("raking needs at least one margin")
    if tolerance <= 0 or max_iterations < 1:
        raise CalibrationError("tolerance must be positive and max_iterations at least 1")
    matched = [match_targets(margin, design.n_rows) for margin in margins]
    check_margin_totals(margins, [targets for _, targets in matched])
    cell = combine_codes(*(codes for codes, _ in matched))
    n_cells = int(cell.max()) + 1
    cell_margin = [np.zeros(n_cells, dtype=np.int64) for _ in matched]
    for per_cell, (codes, _) in zip(cell_margin, matched, strict=True):
        per_cell[cell] = codes
    start = weighted_count(cell, design.weights, n_cells)
    cell_weight = start.copy()
    iterations, error = 0, relative_error(cell_weight, cell_margin, matched)
    while error > tolerance and iterations < max_iterations:
        for per_cell, (_, targets) in zip(cell_margin, matched, strict=True):
            current = weighted_count(per_cell, cell_weight, targets.size)
            cell_weight = cell_weight * (targets / current)[per_cell]
        iterations += 1
        error = relative_error(cell_weight, cell_margin, matched)
    report = RakingReport(
        converged=error <= tolerance,
        iterations=iterations,
        max_error=error,
        tolerance=tolerance,
        max_iterations=max_iterations,
        weight_total=float(cell_weight.sum()),
    )
    if strict and not report.converged:
        raise CalibrationError(
            f"raking did not converge in {max_iterations} iterations (largest relative "
            f"margin error {error:.3g}, tolerance {tolerance:g})"
        )
    weights = design.weights * (cell_weight / start)[cell]
    groups = tuple(codes for codes, _ in matched)
    return RakingResult(design.with_weights(weights, Calibration("rake", groups, weights)), report)


def weighted_count(codes: IntArray, weights: FloatArray, size: int) -> FloatArray:
    """Sum of ``weights`` per code."""
    return np.bincount(codes, weights=weights, minlength=size).astype(np.float64)


def check_margin_totals(margins: Sequence[Margin], targets: Sequence[FloatArray]) -> None:
    sums = [float(t.sum()) for t in targets]
    for margin, value in zip(margins[1:], sums[1:], strict=True):
        if abs(value - sums[0]) > MARGIN_TOTAL_TOLERANCE * sums[0]:
            raise CalibrationError(
                f"margins do not describe the same population: {margins[0].name!r} sums to "
                f"{sums[0]:g} but {margin.name!r} sums to {value:g}"
            )


def relative_error(
    cell_weight: FloatArray,
    cell_margin: Sequence[IntArray],
    matched: Sequence[tuple[IntArray, FloatArray]],
) -> float:
    worst = 0.0
    for per_cell, (_, targets) in zip(cell_margin, matched, strict=True):
        current = weighted_count(per_cell, cell_weight, targets.size)
        worst = max(worst, float(np.max(np.abs(current - targets) / targets)))
    return worst


def trim_weights(
    design: Design, *, lower: float = -np.inf, upper: float = np.inf, strict: bool = False
) -> Design:
    """Cap weights to ``[lower, upper]``, spreading what was cut equally over the others.

    This is R's ``trimWeights``: the total weight is unchanged; the amount cut is added in
    equal parts to the weights that were inside the bounds, which may push some of them
    out again; ``strict`` repeats until none is.
    """
    if lower > upper:
        raise CalibrationError(f"lower bound {lower:g} is above upper bound {upper:g}")
    weights = np.array(design.weights)
    for _ in range(TRIM_ROUND_LIMIT):
        outside = (weights < lower) | (weights > upper)
        if not outside.any():
            break
        if outside.all():
            raise CalibrationError("every weight is outside the trimming bounds")
        clipped = np.clip(weights, lower, upper)
        clipped[~outside] += float((weights - clipped).sum()) / int((~outside).sum())
        weights = clipped
        if not strict:
            break
    else:
        raise CalibrationError(f"trimming did not settle in {TRIM_ROUND_LIMIT} rounds")
    return design.with_weights(weights)
