"""Taylor-linearised covariance of estimates under a stratified multistage design.

An estimator is described by its linearisation: per respondent, a vector ``x_i`` (one entry
per estimate) whose design-based total has the same variance as the estimate, to first
order. ``x_i`` is stored in factored form, as a sum of terms ``value_i * C[group_i, :]``,
because with domains and categories most entries are zero: a respondent only touches the
estimates of its own domain. Totals by PSU are then one sparse product, and nothing of size
respondents x estimates is ever formed.

The formulas follow R's ``survey::svyrecvar``: within each stratum the PSU totals are
centred and scaled by ``(1 - n/N) * n / (n - 1)``; with finite population corrections the
later stages add their own within-unit variance, scaled by the earlier sampling fractions;
calibration first replaces ``x`` by its residual from the calibration groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import scipy.sparse as sp

from stats.design import (
    CERTAINTY_TOLERANCE,
    BoolArray,
    Calibration,
    Design,
    FloatArray,
    IntArray,
    Stage,
)

# Above this many cells (units x estimates) the PSU totals stay sparse.
DENSE_CELL_LIMIT = 20_000_000
# R's rake() variance removes each margin's mean ten times, cycling over the margins.
RAKING_SWEEPS = 10

SparseMatrix = Any  # scipy.sparse has no type information


@dataclass(frozen=True, eq=False)
class Term:
    """``values_i * coefficients[groups_i, :]``: one additive part of the linearisation."""

    values: FloatArray
    groups: IntArray
    coefficients: SparseMatrix

    @property
    def n_groups(self) -> int:
        return int(self.coefficients.shape[0])


@dataclass(frozen=True, eq=False)
class Linearisation:
    """The linearised values ``x_i`` of all estimates, as a sum of terms."""

    terms: tuple[Term, ...]
    n_columns: int

    def plus(self, *terms: Term) -> Linearisation:
        return Linearisation(terms=(*self.terms, *terms), n_columns=self.n_columns)


def sums_by(
    keys: IntArray, n_keys: int, linearisation: Linearisation, scale: FloatArray | None = None
) -> SparseMatrix:
    """Totals of ``x_i`` (times ``scale_i``) within each key: a sparse keys x estimates matrix."""
    total: SparseMatrix = sp.csr_matrix((n_keys, linearisation.n_columns))
    for term in linearisation.terms:
        values = term.values if scale is None else term.values * scale
        table = group_table(keys, n_keys, term.groups, term.n_groups, values)
        total = total + table @ term.coefficients
    return sp.csr_matrix(total)


def group_table(
    keys: IntArray, n_keys: int, groups: IntArray, n_groups: int, values: FloatArray
) -> SparseMatrix:
    """Sums of ``values`` by (key, group): by counting when the table is small enough."""
    cells = n_keys * n_groups
    if cells <= DENSE_CELL_LIMIT:
        dense = np.bincount(keys * n_groups + groups, weights=values, minlength=cells)
        return sp.csr_matrix(dense.reshape(n_keys, n_groups))
    return sp.csr_matrix((values, (keys, groups)), shape=(n_keys, n_groups))


def indicator(groups: IntArray, n_groups: int, values: FloatArray | None = None) -> SparseMatrix:
    """Sparse rows x groups matrix with ``values`` (default 1) at each row's group."""
    data = np.ones(groups.shape[0]) if values is None else values
    rows = np.arange(groups.shape[0])
    return sp.csr_matrix((data, (rows, groups)), shape=(groups.shape[0], n_groups))


def calibrated(design: Design, linearisation: Linearisation) -> Linearisation:
    """Residuals of the linearisation after each calibration step, in order (as R does)."""
    for step in design.calibrations:
        if step.kind == "poststratify":
            linearisation = poststratification_residual(step, linearisation)
        else:
            linearisation = raking_residual(step, linearisation)
    return linearisation


def poststratification_residual(step: Calibration, linearisation: Linearisation) -> Linearisation:
    """``x_i - w_i * (sum of x in the post-stratum) / (sum of w in the post-stratum)``."""
    groups = step.groups[0]
    n_groups = int(groups.max()) + 1
    group_sums = sums_by(groups, n_groups, linearisation).toarray()
    group_weights = np.bincount(groups, weights=step.weights, minlength=n_groups)
    means = group_sums / group_weights[:, None]
    return linearisation.plus(Term(-step.weights, groups, sp.csr_matrix(means)))


def raking_residual(step: Calibration, linearisation: Linearisation) -> Linearisation:
    """R's backfitting of ``u = x / w`` on the raking margins, ``RAKING_SWEEPS`` rounds.

    Each sweep subtracts, within every category of one margin, the plain (unweighted)
    mean of ``u``; the work is done on per-category sums and cross-tabulated counts, so it
    costs nothing per respondent after the first pass.
    """
    margins = step.groups
    sizes = [int(groups.max()) + 1 for groups in margins]
    start = [
        sums_by(groups, size, linearisation, 1.0 / step.weights).toarray()
        for groups, size in zip(margins, sizes, strict=True)
    ]
    counts = [
        [cross_counts(a, size_a, b, size_b) for b, size_b in zip(margins, sizes, strict=True)]
        for a, size_a in zip(margins, sizes, strict=True)
    ]
    shifts = [np.zeros((size, linearisation.n_columns)) for size in sizes]
    for _ in range(RAKING_SWEEPS):
        for k in range(len(margins)):
            current = start[k] - sum(
                (counts[k][j] @ shifts[j] for j in range(len(margins))),
                start=np.zeros_like(start[k]),
            )
            shifts[k] = shifts[k] + current / counts[k][k].diagonal()[:, None]
    terms = [
        Term(-step.weights, groups, sp.csr_matrix(shift))
        for groups, shift in zip(margins, shifts, strict=True)
    ]
    return linearisation.plus(*terms)


def cross_counts(a: IntArray, size_a: int, b: IntArray, size_b: int) -> FloatArray:
    """Number of respondents in each pair of categories of two groupings."""
    counts = np.bincount(a * size_b + b, minlength=size_a * size_b)
    return cast(FloatArray, counts.reshape(size_a, size_b).astype(np.float64))


def taylor_covariance(
    design: Design, linearisation: Linearisation, average_factors: FloatArray | None = None
) -> FloatArray:
    """Design-based covariance matrix of the estimates (R's ``svyrecvar``).

    ``average_factors`` (one per estimate) replaces the whole-design factor of the
    ``average`` lonely-PSU rule, for estimates based on part of the strata (domains).
    """
    linearisation = calibrated(design, linearisation)
    stages = design.variance_stages
    finest = stages[-1]
    totals = [sums_by(finest.unit, finest.n_units, linearisation)]
    for stage in reversed(stages[1:]):
        totals.insert(0, parent_totals(stage, totals[0]))
    covariance = np.zeros((linearisation.n_columns, linearisation.n_columns))
    multiplier = np.ones(stages[0].n_groups)
    for number, (stage, unit_totals) in enumerate(zip(stages, totals, strict=True), start=1):
        part = stage_covariance(stage, unit_totals, multiplier, design.lonely_psu)
        if number == 1 and design.lonely_psu == "average":
            if average_factors is None:
                part = part * average_correction(stage)
            else:
                root = np.sqrt(average_factors)
                part = part * np.outer(root, root)
        covariance += part
        multiplier = (multiplier * stage.sampling_fraction())[stage.parent]
    return covariance


def parent_totals(stage: Stage, unit_totals: SparseMatrix) -> SparseMatrix:
    """Totals of the previous stage's units, summing this stage's unit totals."""
    to_parent = indicator(stage.parent, stage.n_groups).T
    return sp.csr_matrix(to_parent @ unit_totals)


def stage_scale(stage: Stage, multiplier: FloatArray, rule: str) -> tuple[FloatArray, BoolArray]:
    """Per-group variance factor and whether the group's units are centred."""
    share = stage.unsampled_share()
    sampled = stage.sampled.astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(sampled > 1, share * sampled / (sampled - 1), share) * multiplier
    scale = np.where(share < CERTAINTY_TOLERANCE, 0.0, scale)
    lonely = stage.lonely_groups()
    centred = np.ones(stage.n_groups, dtype=bool)
    if rule == "adjust":
        centred = ~lonely
    else:
        scale = np.where(lonely, 0.0, scale)
    return scale, cast(BoolArray, centred)


def stage_covariance(
    stage: Stage, unit_totals: SparseMatrix, multiplier: FloatArray, rule: str
) -> FloatArray:
    """Between-unit covariance within the groups of one stage."""
    scale, centred = stage_scale(stage, multiplier, rule)
    unit_scale = scale[stage.parent]
    n_units, n_columns = unit_totals.shape
    group_means = (indicator(stage.parent, stage.n_groups).T @ unit_totals).toarray()
    group_means = group_means / np.maximum(stage.sampled, 1)[:, None]
    group_means[~centred] = 0.0
    if n_units * n_columns <= DENSE_CELL_LIMIT:
        deviations = unit_totals.toarray() - group_means[stage.parent]
        return cast(FloatArray, (deviations * unit_scale[:, None]).T @ deviations)
    scaled = sp.diags(unit_scale) @ unit_totals
    second_moment = (unit_totals.T @ scaled).toarray()
    correction = (group_means * (scale * stage.sampled)[:, None]).T @ group_means
    return cast(FloatArray, second_moment - correction)


def average_correction(stage: Stage) -> float:
    """R's ``average`` rule: scale up by strata / strata with more than one PSU."""
    lonely = int(stage.lonely_groups().sum())
    return stage.n_groups / (stage.n_groups - lonely)
