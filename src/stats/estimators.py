"""Estimators as smooth functions of weighted totals by group.

Each estimator says which weighted totals it needs (``specs``: a value and a group per
respondent), how the estimates follow from those totals (``combine``, which also works on
a stack of replicate totals), its linearisation for the Taylor variance and the variance
that simple random sampling would give (for the design effect).

The linearised values and the simple-random-sampling variances follow R's ``survey``
package: ``svymean``, ``svytotal``, ``svyratio`` and ``svymean`` of a factor, each on the
domain subset as ``svyby`` does; ``deff`` is R's default (``deff = TRUE``), the design
variance over ``s^2 / n * (N - n) / N`` with ``s^2`` the weighted variance with divisor
``n - 1`` and ``N`` the sum of the weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from stats.design import FloatArray, IntArray, Label
from stats.domains import Domains
from stats.errors import EstimationError
from stats.variance import Linearisation, Term


@dataclass(frozen=True, eq=False)
class TotalsSpec:
    """A weighted total ``sum(w_i * values_i)`` within each of ``n_groups`` groups."""

    values: FloatArray
    groups: IntArray
    n_groups: int

    def totals(self, weights: FloatArray) -> FloatArray:
        sums = np.bincount(self.groups, weights=weights * self.values, minlength=self.n_groups)
        return sums.astype(np.float64)


@dataclass(frozen=True, eq=False)
class Estimator:
    """Shared parts: domains, which rows are analysed, per-domain counts and sums."""

    statistic: str
    domains: Domains

    @property
    def inside(self) -> FloatArray:
        """1.0 for analysed respondents, 0.0 otherwise."""
        return (self.domains.codes >= 0).astype(np.float64)

    @property
    def domain(self) -> IntArray:
        """Domain code with excluded respondents parked in domain 0 (their values are 0)."""
        return np.maximum(self.domains.codes, 0)

    @property
    def n_domains(self) -> int:
        return self.domains.n_domains

    @property
    def specs(self) -> tuple[TotalsSpec, ...]:
        raise NotImplementedError

    @property
    def column_domain(self) -> IntArray:
        return np.arange(self.n_domains, dtype=np.int64)

    @property
    def column_category(self) -> tuple[Label | None, ...]:
        return (None,) * self.n_domains

    def combine(self, totals: Sequence[FloatArray]) -> FloatArray:
        raise NotImplementedError

    def linearise(self, weights: FloatArray, totals: Sequence[FloatArray]) -> Linearisation:
        raise NotImplementedError

    def srs_variance(self, weights: FloatArray, totals: Sequence[FloatArray]) -> FloatArray:
        raise NotImplementedError

    def domain_counts(self) -> IntArray:
        codes = self.domains.codes
        return np.bincount(codes[codes >= 0], minlength=self.n_domains).astype(np.int64)

    def domain_weights(self, weights: FloatArray) -> FloatArray:
        return self.by_domain(weights, self.inside)

    def by_domain(self, weights: FloatArray, values: FloatArray) -> FloatArray:
        sums = np.bincount(self.domain, weights=weights * values, minlength=self.n_domains)
        return sums.astype(np.float64)

    def identity_term(self, values: FloatArray) -> Term:
        return Term(values * self.inside, self.domain, sp.identity(self.n_domains, format="csr"))

    def srs_factor(self, weights: FloatArray) -> FloatArray:
        """``n / (n - 1) / W * (W - n) / (W n)``: turns a weighted sum of squares into R's
        SRS variance of a mean; NaN where undefined (one respondent, or W <= n)."""
        n = self.domain_counts().astype(np.float64)
        total_weight = self.domain_weights(weights)
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = n / (n - 1) / total_weight * (total_weight - n) / (total_weight * n)
        return np.where((n > 1) & (total_weight > n), factor, np.nan)


@dataclass(frozen=True, eq=False)
class MeanEstimator(Estimator):
    y: FloatArray

    @property
    def specs(self) -> tuple[TotalsSpec, ...]:
        d = self.domain
        return (
            TotalsSpec(self.y * self.inside, d, self.n_domains),
            TotalsSpec(self.inside, d, self.n_domains),
        )

    def combine(self, totals: Sequence[FloatArray]) -> FloatArray:
        numerator, weight = totals
        return numerator / weight

    def linearise(self, weights: FloatArray, totals: Sequence[FloatArray]) -> Linearisation:
        numerator, weight = totals
        mean = numerator / weight
        d = self.domain
        values = weights * (self.y - mean[d]) / weight[d]
        return Linearisation((self.identity_term(values),), self.n_domains)

    def srs_variance(self, weights: FloatArray, totals: Sequence[FloatArray]) -> FloatArray:
        numerator, weight = totals
        mean = numerator / weight
        squares = self.by_domain(weights, (self.y - mean[self.domain]) ** 2 * self.inside)
        return squares * self.srs_factor(weights)


@dataclass(frozen=True, eq=False)
class TotalEstimator(Estimator):
    y: FloatArray

    @property
    def specs(self) -> tuple[TotalsSpec, ...]:
        return (TotalsSpec(self.y * self.inside, self.domain, self.n_domains),)

    def combine(self, totals: Sequence[FloatArray]) -> FloatArray:
        return totals[0]

    def linearise(self, weights: FloatArray, totals: Sequence[FloatArray]) -> Linearisation:
        return Linearisation((self.identity_term(weights * self.y),), self.n_domains)

    def srs_variance(self, weights: FloatArray, totals: Sequence[FloatArray]) -> FloatArray:
        weight = self.domain_weights(weights)
        mean = totals[0] / weight
        squares = self.by_domain(weights, (self.y - mean[self.domain]) ** 2 * self.inside)
        return squares * self.srs_factor(weights) * weight**2


@dataclass(frozen=True, eq=False)
class RatioEstimator(Estimator):
    y: FloatArray
    x: FloatArray

    @property
    def specs(self) -> tuple[TotalsSpec, ...]:
        d = self.domain
        return (
            TotalsSpec(self.y * self.inside, d, self.n_domains),
            TotalsSpec(self.x * self.inside, d, self.n_domains),
        )

    def combine(self, totals: Sequence[FloatArray]) -> FloatArray:
        numerator, denominator = totals
        return numerator / denominator

    def linearise(self, weights: FloatArray, totals: Sequence[FloatArray]) -> Linearisation:
        numerator, denominator = totals
        check_denominator(denominator, self.domains)
        d = self.domain
        values = weights * (self.y - (numerator / denominator)[d] * self.x) / denominator[d]
        return Linearisation((self.identity_term(values),), self.n_domains)

    def srs_variance(self, weights: FloatArray, totals: Sequence[FloatArray]) -> FloatArray:
        numerator, denominator = totals
        d = self.domain
        residual = (self.y - (numerator / denominator)[d] * self.x) / denominator[d]
        weight = self.domain_weights(weights)
        squares = self.by_domain(weights, residual**2 * self.inside)
        return squares * self.srs_factor(weights) * weight**2


def check_denominator(denominator: FloatArray, domains: Domains) -> None:
    zero = np.flatnonzero(denominator == 0)
    if zero.size:
        raise EstimationError(
            f"the denominator of the ratio sums to zero in {domains.describe(int(zero[0]))}"
        )


@dataclass(frozen=True, eq=False)
class ProportionEstimator(Estimator):
    """Share of each category of a categorical variable, within each domain.

    Columns are ordered domain by domain, categories within a domain.
    """

    category: IntArray
    category_labels: tuple[Label, ...]

    @property
    def n_categories(self) -> int:
        return len(self.category_labels)

    @property
    def cell(self) -> IntArray:
        return self.domain * self.n_categories + np.where(self.domains.codes >= 0, self.category, 0)

    @property
    def specs(self) -> tuple[TotalsSpec, ...]:
        n_cells = self.n_domains * self.n_categories
        return (
            TotalsSpec(self.inside, self.cell, n_cells),
            TotalsSpec(self.inside, self.domain, self.n_domains),
        )

    @property
    def column_domain(self) -> IntArray:
        return np.repeat(np.arange(self.n_domains, dtype=np.int64), self.n_categories)

    @property
    def column_category(self) -> tuple[Label | None, ...]:
        return self.category_labels * self.n_domains

    def combine(self, totals: Sequence[FloatArray]) -> FloatArray:
        cells, weight = totals
        return cells / np.repeat(weight, self.n_categories, axis=0)

    def linearise(self, weights: FloatArray, totals: Sequence[FloatArray]) -> Linearisation:
        """``x_(d,c) = w (1[y = c] - p_dc) / W_d`` for respondents of domain ``d``."""
        shares = self.combine(totals)
        n_cells = shares.shape[0]
        n_categories = self.n_categories
        rows = np.repeat(np.arange(n_cells), n_categories)
        columns = (rows // n_categories) * n_categories + np.tile(np.arange(n_categories), n_cells)
        own = (rows == columns).astype(np.float64)
        coefficients = sp.csr_matrix(
            (own - shares[columns], (rows, columns)), shape=(n_cells, n_cells)
        )
        weight = totals[1]
        values = weights * self.inside / weight[self.domain]
        return Linearisation((Term(values, self.cell, coefficients),), n_cells)

    def srs_variance(self, weights: FloatArray, totals: Sequence[FloatArray]) -> FloatArray:
        shares = self.combine(totals)
        factor = np.repeat(self.srs_factor(weights) * totals[1], self.n_categories)
        return shares * (1 - shares) * factor
