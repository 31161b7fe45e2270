"""Means, totals, ratios and proportions, overall or by domain, with their covariance.

Every function takes a :class:`~stats.design.Design` (Taylor linearisation) or a
:class:`~stats.replicates.ReplicateDesign` (replicate variance) and returns an
:class:`EstimateTable`: one row per domain (and category, for proportions) with the full
covariance matrix between rows, which contrasts need.

Missing values: by default a missing value (NaN, ``None`` or empty) in an analysed
variable is an error. With ``na_rm=True`` those respondents are left out of the estimate
but stay in the design, exactly like R's ``na.rm = TRUE`` (they count as outside the
domain). Missing values in the domain variables are always an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt

from stats.design import (
    BoolArray,
    Design,
    FloatArray,
    IntArray,
    Label,
    distinct,
    encode,
    is_missing,
    numeric_column,
)
from stats.domains import Domains, make_domains
from stats.errors import DataError, EstimationError
from stats.estimators import (
    Estimator,
    MeanEstimator,
    ProportionEstimator,
    RatioEstimator,
    TotalEstimator,
)
from stats.intervals import INTERVAL_METHODS, Interval, logit_interval, wald_interval
from stats.replicates import ReplicateDesign, replicate_covariance
from stats.threads import single_threaded_blas
from stats.variance import taylor_covariance

AnyDesign = Design | ReplicateDesign
By = Mapping[str, npt.ArrayLike] | None


@dataclass(frozen=True)
class EstimateRow:
    """One estimate, ready to print: ``domain`` is empty without ``by``; ``category`` is
    set for proportions only; ``deff`` and ``cv`` are ``None`` where undefined; the
    interval bounds are ``None`` when ``df < 1``."""

    domain: Mapping[str, Label]
    category: Label | None
    estimate: float
    se: float
    ci_low: float | None
    ci_high: float | None
    df: int
    deff: float | None
    cv: float | None
    n: int


@dataclass(frozen=True, eq=False)
class EstimateTable:
    """Estimates of one statistic with their covariance matrix.

    ``df`` is per row: PSUs minus strata among the respondents the row is based on (R's
    ``degf`` of the domain subset, as ``svyciprop`` uses inside ``svyby``); ``design_df``
    is the whole design's.
    """

    statistic: str
    domain_names: tuple[str, ...]
    domains: tuple[tuple[Label, ...], ...]
    categories: tuple[Label | None, ...]
    estimates: FloatArray
    covariance: FloatArray
    df: IntArray
    deff: tuple[float | None, ...]
    n: IntArray
    design_df: int

    @property
    def se(self) -> FloatArray:
        return np.sqrt(np.maximum(np.diag(self.covariance), 0.0))

    def __len__(self) -> int:
        return int(self.estimates.shape[0])

    def index(
        self, domain: Mapping[str, Label] | None = None, category: Label | None = None
    ) -> int:
        """Position of the row for ``domain`` (name -> value) and ``category``."""
        wanted = dict(domain or {})
        if set(wanted) != set(self.domain_names):
            raise EstimationError(
                f"give a value for each domain variable: {', '.join(self.domain_names)}"
            )
        key = tuple(wanted[name] for name in self.domain_names)
        for position, (labels, row_category) in enumerate(
            zip(self.domains, self.categories, strict=True)
        ):
            if labels == key and row_category == category:
                return position
        raise EstimationError(f"no estimate for domain {wanted} and category {category!r}")

    def rows(self, level: float = 0.95, method: str = "wald") -> tuple[EstimateRow, ...]:
        """The table as rows, with confidence intervals at ``level``."""
        if method not in INTERVAL_METHODS:
            raise EstimationError(f"unknown interval method {method!r}; use wald or logit")
        if method == "logit" and self.statistic != "proportion":
            raise EstimationError("the logit interval is for proportions only")
        rows = []
        for position, (estimate, se) in enumerate(zip(self.estimates, self.se, strict=True)):
            df = int(self.df[position])
            value, error = float(estimate), float(se)
            interval: Interval = (
                logit_interval(value, error, df, level)
                if method == "logit"
                else wald_interval(value, error, df, level)
            )
            rows.append(
                EstimateRow(
                    domain=dict(zip(self.domain_names, self.domains[position], strict=True)),
                    category=self.categories[position],
                    estimate=value,
                    se=error,
                    ci_low=interval[0],
                    ci_high=interval[1],
                    df=df,
                    deff=self.deff[position],
                    cv=error / value if value != 0 else None,
                    n=int(self.n[position]),
                )
            )
        return tuple(rows)


def mean(
    design: AnyDesign, y: npt.ArrayLike, *, by: By = None, na_rm: bool = False, name: str = "y"
) -> EstimateTable:
    """Weighted mean of ``y`` (overall or per domain)."""
    values = analysed_numeric(design, y, name)
    domains = analysis_domains(design, by, [(name, is_missing(values))], na_rm)
    return estimate(design, MeanEstimator("mean", domains, np.nan_to_num(values)))


def total(
    design: AnyDesign, y: npt.ArrayLike, *, by: By = None, na_rm: bool = False, name: str = "y"
) -> EstimateTable:
    """Estimated population total of ``y`` (overall or per domain)."""
    values = analysed_numeric(design, y, name)
    domains = analysis_domains(design, by, [(name, is_missing(values))], na_rm)
    return estimate(design, TotalEstimator("total", domains, np.nan_to_num(values)))


def ratio(
    design: AnyDesign,
    numerator: npt.ArrayLike,
    denominator: npt.ArrayLike,
    *,
    by: By = None,
    na_rm: bool = False,
    names: tuple[str, str] = ("y", "x"),
) -> EstimateTable:
    """Ratio of the totals of ``numerator`` and ``denominator`` (overall or per domain)."""
    top = analysed_numeric(design, numerator, names[0])
    bottom = analysed_numeric(design, denominator, names[1])
    missing = [(names[0], is_missing(top)), (names[1], is_missing(bottom))]
    domains = analysis_domains(design, by, missing, na_rm)
    return estimate(
        design, RatioEstimator("ratio", domains, np.nan_to_num(top), np.nan_to_num(bottom))
    )


def proportion(
    design: AnyDesign, y: npt.ArrayLike, *, by: By = None, na_rm: bool = False, name: str = "y"
) -> EstimateTable:
    """Share of each category of ``y`` (overall or per domain).

    Categories are all values of ``y`` seen in the analysed respondents, sorted; a domain
    where a category does not occur gets a share of 0 with standard error 0.
    """
    values = np.asarray(y)
    check_rows(design, values, name)
    missing = is_missing(values)
    domains = analysis_domains(design, by, [(name, missing)], na_rm)
    analysed = domains.codes >= 0
    codes = np.zeros(values.shape[0], dtype=np.int64)
    category_codes, labels = encode(values[analysed], name)
    codes[analysed] = category_codes
    return estimate(design, ProportionEstimator("proportion", domains, codes, labels))


def analysed_numeric(design: AnyDesign, values: npt.ArrayLike, name: str) -> FloatArray:
    array = numeric_column(values, name)
    check_rows(design, array, name)
    return array


def check_rows(design: AnyDesign, values: npt.NDArray[np.generic], name: str) -> None:
    if values.ndim != 1 or values.shape[0] != design.n_rows:
        raise DataError(f"{name} has {values.shape[0]} values for {design.n_rows} respondents")


def analysis_domains(
    design: AnyDesign, by: By, missing: Sequence[tuple[str, BoolArray]], na_rm: bool
) -> Domains:
    """Domains of the analysed respondents: missing values are an error unless ``na_rm``."""
    domains = make_domains(by, design.n_rows)
    any_missing = np.zeros(design.n_rows, dtype=bool)
    for name, flags in missing:
        if flags.any() and not na_rm:
            raise DataError(
                f"{name} has {int(flags.sum())} missing value(s); remove them or ask to "
                "leave those respondents out (na_rm)"
            )
        any_missing |= flags
    if any_missing.any():
        return domains.restricted_to(~any_missing, "after leaving out missing values")
    return domains


def estimate(design: AnyDesign, estimator: Estimator) -> EstimateTable:
    """Point estimates, covariance, design effects, df and counts for one estimator."""
    with single_threaded_blas():
        return estimate_table(design, estimator)


def estimate_table(design: AnyDesign, estimator: Estimator) -> EstimateTable:
    weights = design.weights
    totals = [spec.totals(weights) for spec in estimator.specs]
    with np.errstate(divide="ignore", invalid="ignore"):
        estimates = estimator.combine(totals)
    if not np.isfinite(estimates).all():
        column = int(np.flatnonzero(~np.isfinite(estimates))[0])
        domain = estimator.domains.describe(int(estimator.column_domain[column]))
        raise EstimationError(f"the estimate is undefined in {domain} (zero denominator)")
    if isinstance(design, Design):
        factors = average_rule_factors(design, estimator.domains)
        covariance = taylor_covariance(
            design,
            estimator.linearise(weights, totals),
            None if factors is None else factors[estimator.column_domain],
        )
    else:
        covariance = replicate_covariance(design, estimator, estimates)
    domain_df = domain_degrees_of_freedom(design, estimator.domains)
    columns = estimator.column_domain
    domains = estimator.domains
    return EstimateTable(
        statistic=estimator.statistic,
        domain_names=domains.names,
        domains=tuple(domains.labels[d] for d in columns),
        categories=estimator.column_category,
        estimates=estimates,
        covariance=covariance,
        df=domain_df[columns],
        deff=design_effects(covariance, estimator.srs_variance(weights, totals)),
        n=estimator.domain_counts()[columns],
        design_df=design.degrees_of_freedom(),
    )


def average_rule_factors(design: Design, domains: Domains) -> FloatArray | None:
    """Per domain, strata present / strata present with more than one PSU.

    R applies the ``average`` rule to the subset a domain estimate is computed on, so only
    strata with respondents in the domain count.
    """
    lonely = design.stages[0].lonely_groups()
    if design.lonely_psu != "average" or not lonely.any():
        return None
    inside = domains.codes >= 0
    n_strata = design.stages[0].n_groups
    pairs = distinct(domains.codes[inside] * n_strata + design.strata[inside])
    pair_domain, pair_stratum = pairs // n_strata, pairs % n_strata
    present = np.bincount(pair_domain, minlength=domains.n_domains)
    alone = np.bincount(pair_domain, weights=lonely[pair_stratum], minlength=domains.n_domains)
    if (present == alone).any():
        domain = domains.describe(int(np.flatnonzero(present == alone)[0]))
        raise EstimationError(
            f"every stratum of {domain} has a single PSU; the average rule has nothing to average"
        )
    return cast(FloatArray, present / (present - alone))


def design_effects(covariance: FloatArray, srs_variance: FloatArray) -> tuple[float | None, ...]:
    """Design variance over SRS variance; ``None`` where the SRS variance is 0 or undefined."""
    variance = np.diag(covariance)
    return tuple(
        float(v / s) if np.isfinite(s) and s > 0 else None
        for v, s in zip(variance, srs_variance, strict=True)
    )


def domain_degrees_of_freedom(design: AnyDesign, domains: Domains) -> IntArray:
    """Per domain: PSUs minus strata among its analysed respondents (R's ``degf``)."""
    if isinstance(design, ReplicateDesign):
        return design.domain_degrees_of_freedom(domains.codes, domains.n_domains)
    inside = domains.codes >= 0
    n_units = design.stages[0].n_units
    n_strata = design.stages[0].n_groups
    pairs = distinct(domains.codes[inside] * n_units + design.psu[inside])
    pair_domain, pair_unit = pairs // n_units, pairs % n_units
    psus = np.bincount(pair_domain, minlength=domains.n_domains)
    strata_pairs = distinct(pair_domain * n_strata + design.stages[0].parent[pair_unit])
    strata = np.bincount(strata_pairs // n_strata, minlength=domains.n_domains)
    return (psus - strata).astype(np.int64)
