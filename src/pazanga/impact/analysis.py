"""From a wave's stored data to what `stats` needs: the design arrays, the domain variables,
the calibration margins and one column per indicator. All statistics are `stats`'s; this
module only arranges the data (the adapter from the ORM to `stats`).

The same frame feeds the stored estimates, the `impact_estimates` command and the microdata
export, so that a figure on a page can be rebuilt from the exported file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

import stats
from pazanga.common.refusals import Refusal
from pazanga.impact import store
from pazanga.impact.enums import Domain, LonelyPSU, Unit
from pazanga.impact.models import Dataset, Indicator, Wave
from pazanga.projects.queries import funded_municipality_codes
from pazanga.questionnaires import expressions

FloatArray = npt.NDArray[np.float64]

# The fixed names of the design and respondent columns in every dataset.
DESIGN_COLUMNS = ("respondent", "stratum", "psu", "fpc", "base_weight")
PERSON_COLUMNS = ("county", "municipality", "urban_rural", "age_group", "sex", "education")
CALIBRATION_METHOD = "rake"
FINAL_WEIGHT = "final_weight"
RAKING_TOLERANCE = 1e-10
RAKING_ITERATIONS = 200


@dataclass
class Frame:
    """One wave's respondents, ready for `stats`."""

    wave: Wave
    dataset: Dataset
    columns: store.Columns
    domains: dict[str, list[str]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def numeric(self, name: str) -> FloatArray:
        return np.array(
            [np.nan if v is None or isinstance(v, str) else float(v) for v in self.columns[name]],
            dtype=np.float64,
        )

    def text(self, name: str) -> list[str]:
        return ["" if v is None else str(v) for v in self.columns[name]]


def frame_of(wave: Wave, dataset: Dataset | None = None) -> Frame:
    """The wave's current data (or `dataset`) with its domain variables."""
    dataset = dataset or wave.current_dataset
    if dataset is None:
        raise Refusal("impact.no_data")
    frame = Frame(wave, dataset, store.unpack(dataset.columns))
    add_domains(frame)
    return frame


def add_domains(frame: Frame) -> None:
    for name in (Domain.URBAN_RURAL, Domain.AGE_GROUP, Domain.SEX, Domain.EDUCATION, Domain.COUNTY):
        if name in frame.columns:
            frame.domains[name] = frame.text(name)
    if "age_group" in frame.domains:
        frame.domains["age_60"] = [
            "60_plus" if g == "60-74" else "under_60" for g in frame.domains["age_group"]
        ]
    if "municipality" in frame.columns:
        funded = funded_municipality_codes(frame.wave.study.programme)
        frame.domains[Domain.GRANT_AREA] = [
            "grant" if code in funded else "non_grant" for code in frame.text("municipality")
        ]


# Designs -----------------------------------------------------------------------------


def base_design(frame: Frame, *, strata: Sequence[str] | None = None) -> stats.Design:
    """The design before calibration: base weights, strata, clusters, fpc and the wave's
    lonely-PSU rule. Errors from `stats` become a refusal naming the problem."""
    wave = frame.wave
    fpc = [frame.numeric("fpc")] if wave.uses_fpc and "fpc" in frame.columns else None
    try:
        return stats.Design.build(
            frame.numeric("base_weight"),
            strata=list(strata) if strata is not None else frame.text("stratum"),
            clusters=[frame.text("psu")],
            fpc=fpc,
            lonely_psu=wave.lonely_psu,
        )
    except stats.errors.StatsError as error:
        raise Refusal("impact.design", reason=str(error)) from None


def margins_of(wave: Wave) -> dict[str, dict[str, float]]:
    """variable -> category -> population, from the wave's margins."""
    margins: dict[str, dict[str, float]] = {}
    for target in wave.targets.all():
        margins.setdefault(target.variable, {})[target.category] = float(target.population)
    return margins


def calibrated(
    frame: Frame, design: stats.Design, margins: dict[str, dict[str, float]]
) -> stats.RakingResult:
    """`design` raked to `margins` (R's `rake`), or a refusal saying which margin fails."""
    if not margins:
        raise Refusal("impact.no_targets")
    missing = [name for name in margins if name not in frame.columns]
    if missing:
        reason = f"the data have no column {', '.join(missing)}"
        raise Refusal("impact.calibration", reason=reason)
    parts = [stats.Margin(name, frame.text(name), totals) for name, totals in margins.items()]
    try:
        return stats.rake(
            design, parts, tolerance=RAKING_TOLERANCE, max_iterations=RAKING_ITERATIONS
        )
    except stats.errors.StatsError as error:
        raise Refusal("impact.calibration", reason=str(error)) from None


def weighted_design(frame: Frame) -> tuple[stats.Design, dict[str, Any]]:
    """The wave's design as its estimates use it, and the raking report: raked to the
    wave's margins (the base design when it has none: a sample of library users has no
    population counts), then, when the wave caps weights, trimmed at that multiple of the
    mean weight with the excess spread over the others (R's `trimWeights`; the raking stays
    part of the variance)."""
    design = base_design(frame)
    margins = margins_of(frame.wave)
    report: dict[str, Any] = {}
    if margins:
        result = calibrated(frame, design, margins)
        design, report = result.design, result.report.as_dict()
    if frame.wave.trim_ratio:
        cap = float(frame.wave.trim_ratio) * float(np.mean(design.weights))
        report["trimmed"] = int((np.asarray(design.weights) > cap).sum())
        try:
            design = stats.trim_weights(design, upper=cap, strict=True)
        except stats.errors.StatsError as error:
            raise Refusal("impact.calibration", reason=str(error)) from None
    return design, report


def final_design(frame: Frame) -> stats.Design:
    return weighted_design(frame)[0]


# Indicators --------------------------------------------------------------------------


@dataclass(frozen=True)
class Compiled:
    indicator: Indicator
    numerator: Any
    among: Any | None
    names: tuple[str, ...]


def compile_indicator(indicator: Indicator, known: Iterable[str] | None = None) -> Compiled:
    """Parse an indicator's expressions; refuse one naming a question `known` lacks."""
    try:
        numerator = expressions.parse(indicator.numerator)
        among = (
            expressions.parse(indicator.population_filter) if indicator.population_filter else None
        )
    except expressions.ExpressionError as error:
        raise Refusal("impact.bad_expression", reason=error.message) from None
    names = expressions.references(numerator) | (
        expressions.references(among) if among is not None else set()
    )
    if known is not None:
        unknown = sorted(names - set(known))
        if unknown:
            raise Refusal("impact.unknown_question", names=", ".join(unknown))
    return Compiled(indicator, numerator, among, tuple(sorted(names)))


def indicator_column(frame: Frame, compiled: Compiled) -> FloatArray:
    """Per respondent: 1/0 (a share) or the value (an average); NaN outside the indicator's
    population or where it cannot be evaluated. Evaluated once per distinct combination of
    the answers it reads, which keeps a large wave fast."""
    share = compiled.indicator.unit == Unit.PERCENT
    missing = [name for name in compiled.names if name not in frame.columns]
    if missing:
        raise Refusal("impact.unknown_question", names=", ".join(missing))
    seen: dict[tuple[Any, ...], float] = {}
    columns = [frame.columns[name] for name in compiled.names]
    out = np.empty(frame.n, dtype=np.float64)
    for i, key in enumerate(zip(*columns, strict=True) if columns else ([()] * frame.n)):
        value = seen.get(key)
        if value is None:
            value = evaluate(compiled, dict(zip(compiled.names, key, strict=True)), share=share)
            seen[key] = value
        out[i] = value
    return out


def evaluate(compiled: Compiled, answers: dict[str, Any], *, share: bool) -> float:
    context = expressions.Context(answers=answers)
    if compiled.among is not None and not expressions.holds(compiled.among, context):
        return np.nan
    if share:
        return 1.0 if expressions.holds(compiled.numerator, context) else 0.0
    number = expressions.as_number(expressions.value_of(compiled.numerator, context))
    return np.nan if number is None else float(number)


def known_names(wave: Wave) -> set[str] | None:
    """The question names a wave's indicators may use: its questionnaire's and its current
    data's columns; None when neither is known yet."""
    names: set[str] = set()
    if wave.questionnaire_id:
        names |= set(wave.questionnaire.questions.values_list("name", flat=True))
    dataset = wave.current_dataset
    if dataset is not None:
        names |= set(dataset.mapping.get("questions", []))
    return names or None


LONELY_RULES = {rule.value for rule in LonelyPSU}
