"""Replicate-weight designs: jackknife and bootstrap replicates, or given replicate weights.

The variance of an estimate is the spread of the estimates recomputed with each set of
replicate weights (R's ``svrepdesign``):
``scale * sum_r rscale_r (theta_r - centre)^2``, where the centre is the mean of the
replicate estimates (R's default, ``mse = FALSE``) or the full-sample estimate
(``mse = True``).

Replicate weights are stored as factors per replicate unit, ``weight_i * factors[unit_i, r]``,
so that replicates built from PSUs take PSUs x replicates memory, not respondents x
replicates, and every replicate estimate is one matrix product.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from stats.design import (
    BoolArray,
    Design,
    FloatArray,
    IntArray,
    check_weights,
    distinct,
    frozen_array,
)
from stats.errors import ReplicateError

if TYPE_CHECKING:
    from stats.estimators import Estimator

# R's degf() for replicate designs: rank of the replicate weights (QR tolerance 1e-5) - 1.
RANK_TOLERANCE = 1e-5
# Largest jackknife factor table (units x replicates) we are willing to build.
JACKKNIFE_CELL_LIMIT = 50_000_000
# Fewest replicates, and fewest PSUs per stratum, that give a variance.
MIN_REPLICATES = 2
MIN_PSUS = 2
# Replicate weights come as a respondents x replicates table.
TABLE_DIMENSIONS = 2
REPLICATE_KINDS = ("JK1", "JKn", "bootstrap", "BRR", "Fay", "other")


@dataclass(frozen=True, eq=False)
class ReplicateDesign:
    """Full-sample weights plus replicate weights ``weights * factors[unit]``.

    Degrees of freedom are worked out once per set of domains and kept with the design,
    so estimating many variables over the same domains computes them once.
    """

    weights: FloatArray
    unit: IntArray
    factors: FloatArray
    scale: float
    rscales: FloatArray
    mse: bool
    kind: str
    known_df: dict[bytes, IntArray] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def n_rows(self) -> int:
        return int(self.weights.shape[0])

    @property
    def n_replicates(self) -> int:
        return int(self.factors.shape[1])

    def replicate_weights(self) -> FloatArray:
        """Respondents x replicates matrix of replicate weights (as R's ``svrepdesign``)."""
        return self.weights[:, None] * self.factors[self.unit]

    def degrees_of_freedom(self, rows: BoolArray | None = None) -> int:
        """Rank of the replicate weights of ``rows`` minus one (R's ``degf``)."""
        if rows is None:
            codes = np.zeros(self.n_rows, dtype=np.int64)
        else:
            codes = np.where(np.asarray(rows, dtype=bool), 0, -1).astype(np.int64)
        return int(self.domain_degrees_of_freedom(codes, 1)[0])

    def domain_degrees_of_freedom(self, codes: IntArray, n_domains: int) -> IntArray:
        """Per domain (``codes`` 0..n_domains-1 per respondent, -1 outside every domain):
        the rank of the replicate weights of its respondents minus one."""
        key = hashlib.blake2b(codes.tobytes(), digest_size=16).digest() + bytes(
            str(n_domains), "ascii"
        )
        if key not in self.known_df:
            self.known_df[key] = cast(
                IntArray, frozen_array(self.compute_domain_df(codes, n_domains))
            )
        return self.known_df[key]

    def compute_domain_df(self, codes: IntArray, n_domains: int) -> IntArray:
        n_units = self.factors.shape[0]
        inside = codes >= 0
        pairs = distinct(codes[inside] * n_units + self.unit[inside])
        pair_domain, pair_unit = pairs // n_units, pairs % n_units
        starts = np.searchsorted(pair_domain, np.arange(n_domains + 1))
        df = np.zeros(n_domains, dtype=np.int64)
        for domain in range(n_domains):
            units = pair_unit[starts[domain] : starts[domain + 1]]
            # Every unit, in order (the whole design): no need to copy the table.
            table = self.factors if units.size == n_units else self.factors[units]
            df[domain] = replicate_rank(table) - 1 if table.any() else 0
        return df


def replicate_rank(table: FloatArray) -> int:
    """Numerical rank of a replicate factor table, as ``matrix_rank(table, rtol=1e-5)``.

    The singular values of ``table`` are the square roots of the eigenvalues of its Gram
    matrix (the smaller of ``table.T @ table`` and ``table @ table.T``): a singular value
    above ``1e-5`` times the largest is an eigenvalue above ``1e-10`` times the largest.
    One product and a symmetric eigenvalue problem of replicates x replicates cost a
    fraction of a singular value decomposition of the whole table.
    """
    gram = table.T @ table if table.shape[0] >= table.shape[1] else table @ table.T
    eigenvalues = np.linalg.eigvalsh(gram)
    largest = eigenvalues[-1]
    if largest <= 0:
        return 0
    return int(np.count_nonzero(eigenvalues > largest * RANK_TOLERANCE**2))


def from_replicate_weights(
    weights: npt.ArrayLike,
    replicate_weights: npt.ArrayLike,
    *,
    kind: str,
    scale: float | None = None,
    rscales: npt.ArrayLike | None = None,
    rho: float | None = None,
    mse: bool = False,
    combined_weights: bool = True,
) -> ReplicateDesign:
    """A design from given replicate weights (respondents x replicates), like ``svrepdesign``.

    ``kind`` fixes the default ``scale`` as R does: ``JK1`` ``(R-1)/R``, ``bootstrap``
    ``1/(R-1)``, ``BRR`` ``1/R``, ``Fay`` ``1/(R (1-rho)^2)``, ``JKn`` 1 (with
    ``rscales`` required); ``other`` needs ``scale``. With ``combined_weights`` (default)
    the replicate weights already include the sampling weights; otherwise they are
    multiplied by them.
    """
    full = np.asarray(weights, dtype=np.float64)
    check_weights(full)
    table = np.asarray(replicate_weights, dtype=np.float64)
    well_formed = table.ndim == TABLE_DIMENSIONS and table.shape[0] == full.shape[0]
    if not well_formed or table.shape[1] < MIN_REPLICATES:
        raise ReplicateError(
            "replicate weights must be a respondents x replicates table with at least two "
            f"replicates and {full.shape[0]} rows; got shape {table.shape}"
        )
    if not np.isfinite(table).all():
        raise ReplicateError("replicate weights have missing or infinite values")
    if (table < 0).any():
        raise ReplicateError("replicate weights must not be negative")
    factors = table / full[:, None] if combined_weights else table
    n_replicates = table.shape[1]
    return ReplicateDesign(
        weights=cast(FloatArray, frozen_array(full)),
        unit=np.arange(full.shape[0], dtype=np.int64),
        factors=cast(FloatArray, frozen_array(factors)),
        scale=default_scale(kind, n_replicates, scale, rho),
        rscales=replicate_scales(kind, n_replicates, rscales),
        mse=mse,
        kind=kind,
    )


def default_scale(kind: str, n_replicates: int, scale: float | None, rho: float | None) -> float:
    if kind not in REPLICATE_KINDS:
        raise ReplicateError(f"unknown replicate kind {kind!r}; use one of {REPLICATE_KINDS}")
    if scale is not None:
        return float(scale)
    if kind == "JK1":
        return (n_replicates - 1) / n_replicates
    if kind == "bootstrap":
        return 1 / (n_replicates - 1)
    if kind == "BRR":
        return 1 / n_replicates
    if kind == "JKn":
        return 1.0
    if kind == "Fay":
        if rho is None or not 0 <= rho < 1:
            raise ReplicateError("Fay replicates need rho in [0, 1)")
        return 1 / (n_replicates * (1 - rho) ** 2)
    raise ReplicateError(f"replicate kind {kind!r} needs an explicit scale")


def replicate_scales(kind: str, n_replicates: int, rscales: npt.ArrayLike | None) -> FloatArray:
    if rscales is None:
        if kind == "JKn":
            raise ReplicateError("JKn replicate weights need rscales ((n_h - 1) / n_h)")
        return np.ones(n_replicates)
    values = np.asarray(rscales, dtype=np.float64).reshape(-1)
    if values.size == 1:
        values = np.full(n_replicates, values[0])
    if values.size != n_replicates or not np.isfinite(values).all() or (values < 0).any():
        raise ReplicateError(f"rscales must be {n_replicates} non-negative numbers")
    return values


def first_stage_share(design: Design) -> FloatArray:
    """``(N - n) / N`` per stratum at the first stage (1 without fpc)."""
    return design.stages[0].unsampled_share()


def jackknife_jk1(design: Design) -> ReplicateDesign:
    """Delete-one-PSU jackknife of an unstratified design (R's ``as.svrepdesign(type="JK1")``)."""
    stage = design.stages[0]
    if stage.n_groups > 1:
        raise ReplicateError("JK1 needs an unstratified design; use jackknife_jkn for strata")
    n = stage.n_units
    check_jackknife_size(n, n)
    if n < MIN_PSUS:
        raise ReplicateError("the jackknife needs at least two PSUs")
    factors = np.full((n, n), n / (n - 1))
    np.fill_diagonal(factors, 0.0)
    return ReplicateDesign(
        weights=design.weights,
        unit=design.psu,
        factors=cast(FloatArray, frozen_array(factors)),
        scale=float(first_stage_share(design)[0]) * (n - 1) / n,
        rscales=np.ones(n),
        mse=False,
        kind="JK1",
    )


def jackknife_jkn(design: Design) -> ReplicateDesign:
    """Stratified delete-one-PSU jackknife (R's ``as.svrepdesign(type="JKn")``).

    Dropping PSU ``j`` of stratum ``h`` multiplies the other PSUs of ``h`` by
    ``n_h / (n_h - 1)``; the replicate gets ``rscale = (n_h - 1) / n_h * (1 - f_h)``.
    """
    stage = design.stages[0]
    n_units = stage.n_units
    check_jackknife_size(n_units, n_units)
    sampled = stage.sampled[stage.parent].astype(np.float64)
    if (sampled < MIN_PSUS).any():
        raise ReplicateError("the jackknife needs at least two PSUs in every stratum")
    same_stratum = stage.parent[:, None] == stage.parent[None, :]
    factors = np.where(same_stratum, (sampled / (sampled - 1))[None, :], 1.0)
    np.fill_diagonal(factors, 0.0)
    share = first_stage_share(design)[stage.parent]
    return ReplicateDesign(
        weights=design.weights,
        unit=design.psu,
        factors=cast(FloatArray, frozen_array(factors)),
        scale=1.0,
        rscales=(sampled - 1) / sampled * share,
        mse=False,
        kind="JKn",
    )


def check_jackknife_size(n_units: int, n_replicates: int) -> None:
    if n_units * n_replicates > JACKKNIFE_CELL_LIMIT:
        raise ReplicateError(
            f"a jackknife with {n_replicates} replicates over {n_units} units is too large; "
            "use bootstrap replicates"
        )


def bootstrap(design: Design, replicates: int = 50, seed: int | None = None) -> ReplicateDesign:
    """Rao-Wu rescaled bootstrap of PSUs within strata (R's ``subbootstrap``).

    Each replicate draws ``n_h - 1`` PSUs with replacement in every stratum and multiplies
    a PSU's weights by ``n_h / (n_h - 1)`` times the number of times it was drawn;
    ``scale = 1 / (replicates - 1)``. Like R's, it ignores finite population corrections.
    """
    if replicates < MIN_REPLICATES:
        raise ReplicateError("the bootstrap needs at least two replicates")
    stage = design.stages[0]
    sampled = stage.sampled
    if (sampled < MIN_PSUS).any():
        raise ReplicateError("the bootstrap needs at least two PSUs in every stratum")
    generator = np.random.default_rng(seed)
    order = np.argsort(stage.parent, kind="stable")
    first_unit = np.concatenate(([0], np.cumsum(sampled)[:-1]))
    draws_per_stratum = sampled - 1
    draw_stratum = np.repeat(np.arange(stage.n_groups), draws_per_stratum)
    picks = generator.random((replicates, draw_stratum.size))
    position = first_unit[draw_stratum] + np.floor(picks * sampled[draw_stratum]).astype(np.int64)
    unit = order[position]
    counts = np.zeros((stage.n_units, replicates))
    np.add.at(counts, (unit, np.arange(replicates)[:, None]), 1.0)
    rescale = (sampled / (sampled - 1))[stage.parent]
    return ReplicateDesign(
        weights=design.weights,
        unit=design.psu,
        factors=cast(FloatArray, frozen_array(counts * rescale[:, None])),
        scale=1 / (replicates - 1),
        rscales=np.ones(replicates),
        mse=False,
        kind="bootstrap",
    )


def replicate_estimates(design: ReplicateDesign, estimator: Estimator) -> FloatArray:
    """Estimates x replicates: every replicate at once, one sparse product per total."""
    n_units = design.factors.shape[0]
    totals = []
    for spec in estimator.specs:
        by_unit = sp.csr_matrix(
            (design.weights * spec.values, (design.unit, spec.groups)),
            shape=(n_units, spec.n_groups),
        )
        totals.append(np.asarray(by_unit.T @ design.factors))
    with np.errstate(divide="ignore", invalid="ignore"):
        return estimator.combine(totals)


def replicate_covariance(
    design: ReplicateDesign, estimator: Estimator, estimates: FloatArray
) -> FloatArray:
    thetas = replicate_estimates(design, estimator)
    bad = ~np.isfinite(thetas)
    if bad.any():
        column, replicate = (int(i[0]) for i in np.nonzero(bad))
        domain = estimator.domains.describe(int(estimator.column_domain[column]))
        raise ReplicateError(f"{domain} has no weight in replicate {replicate + 1}")
    centre = estimates if design.mse else thetas[:, design.rscales > 0].mean(axis=1)
    deviations = thetas - centre[:, None]
    return design.scale * (deviations * design.rscales) @ deviations.T
