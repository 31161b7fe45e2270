"""The sampling design: weights, strata, clusters per stage, finite population corrections.

A :class:`Design` is built once from per-respondent arrays and is immutable afterwards; the
estimators only read it. Everything the Taylor variance needs (which units belong to which
stratum, how many were sampled, the finite population correction, the lonely-PSU rule) is
worked out here, so that a wrong design fails when it is built rather than half-way through
an analysis.

Cluster ids are treated as nested: PSU ``7`` in stratum ``A`` and PSU ``7`` in stratum ``B``
are different PSUs (R's ``svydesign(..., nest = TRUE)``), and a second-stage unit is always
nested in its PSU.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, cast, get_args

import numpy as np
import numpy.typing as npt

from stats.errors import DataError, DesignError, LonelyPSUError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Label = str | int | float

LonelyPSU = Literal["fail", "remove", "certainty", "adjust", "average"]
LONELY_PSU_RULES: tuple[str, ...] = get_args(LonelyPSU)

# R's survey package treats a stratum as sampled with certainty below this correction.
CERTAINTY_TOLERANCE = 1e-7
# Lonely strata named in an error message.
NAMES_SHOWN = 5


def frozen_array(values: npt.NDArray[np.generic]) -> npt.NDArray[np.generic]:
    """Mark an array read-only so a frozen dataclass really cannot change."""
    values.setflags(write=False)
    return values


def is_missing(values: npt.NDArray[np.generic]) -> BoolArray:
    """Missing entries: NaN for floats, None or '' for objects and strings."""
    if values.dtype.kind == "f":
        return cast(BoolArray, np.isnan(values))
    if values.dtype.kind in "OUS":
        text = values.astype(str)
        return cast(BoolArray, (text == "") | (text == "None") | (text == "nan"))
    return np.zeros(values.shape, dtype=bool)


def encode(values: npt.ArrayLike, name: str) -> tuple[IntArray, tuple[Label, ...]]:
    """Codes 0..k-1 (in sorted order of the labels) and the labels themselves."""
    array = np.asarray(values)
    if array.ndim != 1:
        raise DataError(f"{name} must be one-dimensional")
    missing = is_missing(array)
    if missing.any():
        raise DataError(f"{name} has {int(missing.sum())} missing value(s)")
    if array.dtype.kind in "iub" and array.size:
        codes, uniques = dense_codes(array.astype(np.int64))
        return codes, tuple(int(value) for value in uniques)
    labels, codes = np.unique(array, return_inverse=True)
    return codes.astype(np.int64), tuple(python_scalar(label) for label in labels)


# Integer keys spanning at most this many values (times the row count) are coded by
# counting instead of sorting.
DENSE_SPAN_FACTOR = 4


def dense_codes(keys: IntArray) -> tuple[IntArray, IntArray]:
    """Codes 0..k-1 in sorted order of integer ``keys``, and the distinct keys.

    Counting (linear time) when the keys span a small range, sorting otherwise.
    """
    low, high = int(keys.min()), int(keys.max())
    span = high - low + 1
    if span <= DENSE_SPAN_FACTOR * keys.size + 1024:
        shifted = keys - low if low else keys.copy()
        present = np.bincount(shifted, minlength=span) > 0
        if present.all():
            # Every value of the range occurs (codes already, usually): no lookup needed.
            return shifted.astype(np.int64, copy=False), np.arange(low, high + 1, dtype=np.int64)
        position = np.cumsum(present) - 1
        return position[shifted].astype(np.int64), np.flatnonzero(present) + low
    uniques, codes = np.unique(keys, return_inverse=True)
    return codes.astype(np.int64), uniques.astype(np.int64)


def python_scalar(value: object) -> Label:
    """A numpy scalar as the plain Python value (labels are compared and printed)."""
    return cast(Label, value.item() if isinstance(value, np.generic) else value)


def combine_codes(*codes: IntArray) -> IntArray:
    """One code per distinct combination of several code arrays (dense, 0..k-1)."""
    combined = np.zeros(codes[0].shape, dtype=np.int64)
    for code in codes:
        width = int(code.max()) + 1 if code.size else 1
        combined = dense_codes(combined * width + code)[0]
    return combined


def distinct(keys: IntArray) -> IntArray:
    """Sorted distinct values of integer keys."""
    if keys.size == 0:
        return keys
    return dense_codes(keys)[1]


def group_count(codes: IntArray, n_groups: int) -> IntArray:
    """How many entries fall in each group."""
    return np.bincount(codes, minlength=n_groups).astype(np.int64)


@dataclass(frozen=True, eq=False)
class Stage:
    """One sampling stage.

    ``unit`` gives, per respondent, the sampled unit at this stage (unique in the whole
    sample); ``parent`` gives, per unit, its group: the stratum at the first stage and the
    unit of the previous stage below it. ``population`` is the number of units in the
    population per group (``inf`` when sampled with replacement), or ``None`` without fpc.
    """

    unit: IntArray
    parent: IntArray
    sampled: IntArray
    population: FloatArray | None

    @property
    def n_units(self) -> int:
        return int(self.parent.shape[0])

    @property
    def n_groups(self) -> int:
        return int(self.sampled.shape[0])

    def unsampled_share(self) -> FloatArray:
        """R's ``f = (N - n) / N`` per group: 1 without fpc, 0 for a census."""
        if self.population is None:
            return np.ones(self.n_groups)
        population = self.population
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(np.isinf(population), 1.0, (population - self.sampled) / population)
        return cast(FloatArray, share)

    def sampling_fraction(self) -> FloatArray:
        """``n / N`` per group (0 when sampled with replacement)."""
        if self.population is None:
            return np.zeros(self.n_groups)
        return self.sampled / self.population

    def lonely_groups(self) -> BoolArray:
        """Groups with a single sampled unit that are not taken with certainty."""
        certain = self.unsampled_share() < CERTAINTY_TOLERANCE
        return cast(BoolArray, (self.sampled == 1) & ~certain)


@dataclass(frozen=True, eq=False)
class Calibration:
    """A calibration step applied to the weights, kept for the variance.

    ``kind`` is ``"poststratify"`` (one grouping) or ``"rake"`` (one grouping per margin);
    ``weights`` are the weights right after this step, which the linearised variance uses
    to take out the part of the variation that the calibration fixed.
    """

    kind: Literal["poststratify", "rake"]
    groups: tuple[IntArray, ...]
    weights: FloatArray


@dataclass(frozen=True, eq=False)
class Design:
    """A complex sampling design, ready for estimation.

    Build it with :meth:`Design.build`; the fields are the encoded form.
    """

    weights: FloatArray
    strata: IntArray
    strata_labels: tuple[Label, ...]
    stages: tuple[Stage, ...]
    has_fpc: bool
    lonely_psu: LonelyPSU
    calibrations: tuple[Calibration, ...] = field(default=())

    @classmethod
    def build(
        cls,
        weights: npt.ArrayLike,
        *,
        strata: npt.ArrayLike | None = None,
        clusters: Sequence[npt.ArrayLike] = (),
        fpc: Sequence[npt.ArrayLike] = (),
        lonely_psu: str = "fail",
    ) -> Design:
        """Check and encode a design.

        ``weights`` are sampling weights (positive, finite). ``strata`` are first-stage
        strata. ``clusters`` are the sampled unit ids per stage, first stage (PSU) first;
        without clusters every respondent is its own PSU. ``fpc`` gives, per stage, either
        the number of population units in the stratum (or in the parent unit at later
        stages) or the sampling fraction (all values <= 1), like R's ``fpc=``. With fpc the
        variance includes every stage; without, only the first (ultimate clusters).
        """
        weight_values = numeric_column(weights, "weights")
        check_weights(weight_values)
        n_rows = weight_values.shape[0]
        rule = check_lonely_rule(lonely_psu)
        strata_codes, strata_labels = stratum_codes(strata, n_rows)
        cluster_codes = [
            check_length(encode(ids, "cluster ids")[0], n_rows, "cluster ids") for ids in clusters
        ] or [np.arange(n_rows, dtype=np.int64)]
        if fpc and len(fpc) != len(cluster_codes):
            raise DesignError(
                f"fpc is given for {len(fpc)} stage(s) but the design has "
                f"{len(cluster_codes)}; give it for every stage or for none"
            )
        stages = build_stages(strata_codes, cluster_codes)
        if fpc:
            stages = with_population_sizes(stages, [numeric_column(f, "fpc") for f in fpc])
        design = cls(
            weights=cast(FloatArray, frozen_array(weight_values)),
            strata=cast(IntArray, frozen_array(strata_codes)),
            strata_labels=strata_labels,
            stages=tuple(stages),
            has_fpc=bool(fpc),
            lonely_psu=rule,
        )
        check_lonely_units(design)
        return design

    @property
    def n_rows(self) -> int:
        return int(self.weights.shape[0])

    @property
    def psu(self) -> IntArray:
        """First-stage unit of each respondent."""
        return self.stages[0].unit

    @property
    def variance_stages(self) -> tuple[Stage, ...]:
        """Stages that enter the variance: all with fpc, only the first without (R)."""
        return self.stages if self.has_fpc else self.stages[:1]

    def degrees_of_freedom(self, rows: BoolArray | None = None) -> int:
        """Number of PSUs minus number of strata, among ``rows`` (R's ``degf``)."""
        psu = self.psu if rows is None else self.psu[rows]
        units = distinct(psu)
        strata = distinct(self.stages[0].parent[units])
        return int(units.size - strata.size)

    def with_weights(self, weights: FloatArray, calibration: Calibration | None = None) -> Design:
        """The same design with new weights (and one more calibration step, if given)."""
        new_weights = np.array(weights, dtype=np.float64)
        check_weights(new_weights)
        steps = self.calibrations if calibration is None else (*self.calibrations, calibration)
        frozen = cast(FloatArray, frozen_array(new_weights))
        return replace(self, weights=frozen, calibrations=steps)


def numeric_column(values: npt.ArrayLike, name: str) -> FloatArray:
    """A float array, or a DataError naming the column."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise DataError(f"{name} must be numeric") from error
    if array.ndim != 1:
        raise DataError(f"{name} must be one-dimensional")
    return array


def check_length(codes: IntArray, n_rows: int, name: str) -> IntArray:
    if codes.shape[0] != n_rows:
        raise DataError(f"{name} have {codes.shape[0]} values for {n_rows} weights")
    return codes


def check_weights(weights: FloatArray) -> None:
    """Weights must be positive and finite: zero or negative weights are not a design."""
    if weights.size == 0:
        raise DataError("the data have no rows")
    bad = ~np.isfinite(weights)
    if bad.any():
        raise DesignError(f"weights have {int(bad.sum())} missing or infinite value(s)")
    not_positive = weights <= 0
    if not_positive.any():
        first = int(np.flatnonzero(not_positive)[0])
        raise DesignError(
            f"weights must be positive: {int(not_positive.sum())} row(s) have zero or "
            f"negative weight (first: row {first + 1}, weight {weights[first]:g})"
        )


def check_lonely_rule(rule: str) -> LonelyPSU:
    if rule not in LONELY_PSU_RULES:
        raise DesignError(
            f"unknown lonely-PSU rule {rule!r}; use one of {', '.join(LONELY_PSU_RULES)}"
        )
    return cast(LonelyPSU, rule)


def stratum_codes(strata: npt.ArrayLike | None, n_rows: int) -> tuple[IntArray, tuple[Label, ...]]:
    if strata is None:
        return np.zeros(n_rows, dtype=np.int64), (1,)
    codes, labels = encode(strata, "strata")
    return check_length(codes, n_rows, "strata"), labels


def build_stages(strata: IntArray, clusters: Sequence[IntArray]) -> list[Stage]:
    """Nest each stage's ids in the strata and in the previous stage's units."""
    stages: list[Stage] = []
    group = strata
    n_groups = int(strata.max()) + 1
    for ids in clusters:
        unit = combine_codes(group, ids)
        n_units = int(unit.max()) + 1
        parent = np.zeros(n_units, dtype=np.int64)
        parent[unit] = group
        stages.append(
            Stage(
                unit=cast(IntArray, frozen_array(unit)),
                parent=cast(IntArray, frozen_array(parent)),
                sampled=cast(IntArray, frozen_array(group_count(parent, n_groups))),
                population=None,
            )
        )
        group, n_groups = unit, n_units
    return stages


def with_population_sizes(stages: list[Stage], fpc: list[FloatArray]) -> list[Stage]:
    """Attach population sizes per group, read from fpc given as sizes or fractions."""
    for values, stage in zip(fpc, stages, strict=True):
        if values.shape[0] != stage.unit.shape[0]:
            raise DataError("fpc must have one value per respondent")
        if np.isnan(values).any():
            raise DesignError("fpc has missing values")
        if (values < 0).any():
            raise DesignError("fpc must not be negative")
    as_sizes = any(bool((values > 1).any()) for values in fpc)
    if as_sizes and any(bool((values < 1).any()) for values in fpc):
        raise DesignError(
            "fpc mixes population sizes (> 1) and sampling fractions (< 1); use one kind"
        )
    result = []
    for number, (values, stage) in enumerate(zip(fpc, stages, strict=True), start=1):
        group_of_row = stage.parent[stage.unit]
        per_group = np.full(stage.n_groups, np.nan)
        per_group[group_of_row] = values
        if not np.array_equal(per_group[group_of_row], values):
            raise DesignError(f"fpc varies within a stratum (or cluster) at stage {number}")
        with np.errstate(divide="ignore"):
            population = per_group if as_sizes else stage.sampled / per_group
        if (population < stage.sampled).any():
            raise DesignError(
                f"fpc at stage {number} is smaller than the number of sampled units "
                "(more than 100% sampled)"
            )
        result.append(replace(stage, population=cast(FloatArray, frozen_array(population))))
    return result


def check_lonely_units(design: Design) -> None:
    """Apply the lonely-PSU rule's preconditions when the design is built."""
    for number, stage in enumerate(design.variance_stages, start=1):
        lonely = stage.lonely_groups()
        if not lonely.any():
            continue
        if design.lonely_psu == "fail":
            where = describe_lonely(design, number, np.flatnonzero(lonely))
            raise LonelyPSUError(
                f"{where} only one sampled unit at stage {number}; choose a lonely-PSU rule "
                "(remove, certainty, adjust or average) or merge strata"
            )
        if design.lonely_psu == "average" and number == 1 and lonely.all():
            raise DesignError("every stratum has a single PSU; the average rule needs others")
        if design.lonely_psu == "average" and number > 1:
            raise DesignError(
                "lonely_psu='average' cannot replace the variance of a single unit below "
                f"the first stage (stage {number}); use adjust, certainty or remove"
            )


def describe_lonely(design: Design, stage: int, groups: IntArray) -> str:
    if stage == 1:
        names = ", ".join(str(design.strata_labels[g]) for g in groups[:NAMES_SHOWN])
        more = f" and {groups.size - NAMES_SHOWN} more" if groups.size > NAMES_SHOWN else ""
        return f"stratum {names}{more} has" if groups.size == 1 else f"strata {names}{more} have"
    return f"{groups.size} unit(s) at stage {stage - 1} have"
