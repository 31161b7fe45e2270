"""Estimates through `stats`, stored per wave × indicator × domain, and the comparisons
between waves and groups.

Per wave: every indicator overall and by each domain variable, on the wave's raked design
(R: `svydesign` + `rake` + `svyby(svyciprop, method = "logit")`). Between waves: the waves of
a study are stacked as independent samples (wave-specific strata, clusters and margins), so
the covariance between waves is zero while each wave keeps its own; a change, a gap and
the change of a gap are contrasts of domain estimates (`stats.difference`,
`stats.difference_in_differences`; R: `svycontrast`). For grant and non-grant municipalities
the change of the gap is the difference in differences; selection of grant libraries was
competitive, not random, so it is shown as a description, not as an effect.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

import stats
from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal
from pazanga.impact import analysis, rules
from pazanga.impact.analysis import Compiled, Frame
from pazanga.impact.enums import ContrastKind, Domain, Gap, Unit, WaveStatus
from pazanga.impact.models import Contrast, Estimate, Indicator, Wave

LEVEL = 0.95
# Domain variables estimated for every indicator, in the order pages show them.
DOMAINS = tuple(Domain.values)
# A gap: the domain variable it compares and its two groups, first minus second.
GAPS: dict[str, tuple[str, str, str]] = {
    Gap.URBAN_RURAL: ("urban_rural", "urban", "rural"),
    Gap.AGE: ("age_60", "under_60", "60_plus"),
    Gap.EDUCATION: ("education", "high", "low"),
    Gap.GRANT: ("grant_area", "grant", "non_grant"),
}
# Waves this large show their progress while estimated.
LARGE_WAVE = 20_000
ESTIMATED = (WaveStatus.WEIGHTED, WaveStatus.PUBLISHED)


def table_of(
    design: stats.Design,
    y: np.ndarray[Any, Any],
    unit: str,
    by: dict[str, Sequence[str]] | None,
) -> list[dict[str, Any]]:
    """Rows of one estimate: a share with its logit interval, or a mean with Wald's."""
    if unit == Unit.PERCENT:
        table = stats.proportion(design, y, by=by, na_rm=True)
        rows = [r for r in table.rows(LEVEL, "logit") if r.category == 1]
    else:
        table = stats.mean(design, y, by=by, na_rm=True)
        rows = list(table.rows(LEVEL, "wald"))
    return [
        {
            "domain": {k: str(v) for k, v in r.domain.items()},
            "estimate": r.estimate,
            "se": r.se,
            "ci_low": r.ci_low,
            "ci_high": r.ci_high,
            "df": r.df,
            "deff": r.deff,
            "cv": r.cv,
            "n": r.n,
        }
        for r in rows
    ]


def estimate_rows(
    frame: Frame, design: stats.Design, compiled: Compiled, by: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """The indicator overall, then in each category of each variable of `by`."""
    y = analysis.indicator_column(frame, compiled)
    unit = compiled.indicator.unit
    if np.all(np.isnan(y)):
        return []
    found = table_of(design, y, unit, None)
    for name in by:
        if name not in frame.domains:
            continue
        inside = ~np.isnan(y)
        if len(set(np.asarray(frame.domains[name])[inside])) < 1:
            continue
        try:
            found += table_of(design, y, unit, {name: frame.domains[name]})
        except stats.errors.EstimationError:
            continue  # a domain without respondents in the indicator's population
    return found


def estimate_wave(wave_id: int) -> None:
    """Recompute and store every estimate of a weighted wave, then its study's comparisons.

    Side effects: replaces the wave's `Estimate` rows (those of a published wave keep the
    definition version they were published with unless the wave is re-weighted); updates
    the progress (`estimation_progress`) of a large wave while it runs; stamps
    `estimated_at`; writes `impact.wave.estimated`; recomputes the study's `Contrast` rows
    (unless another wave of the study still waits for its first estimates: it will).
    """
    wave = Wave.objects.select_related("study__programme").get(pk=wave_id)
    if wave.status not in ESTIMATED:
        return
    frame = analysis.frame_of(wave)
    design = analysis.final_design(frame)
    indicators = list(Indicator.objects.filter(programme=wave.study.programme))
    large = frame.n >= LARGE_WAVE
    min_n, max_cv = wave.min_n, float(wave.max_cv) / 100
    made: list[Estimate] = []
    for done, indicator in enumerate(indicators):
        if large:
            progress = int(100 * done / max(len(indicators), 1))
            Wave.objects.filter(pk=wave.pk).update(estimation_progress=progress)
        try:
            compiled = analysis.compile_indicator(indicator)
            rows = estimate_rows(frame, design, compiled, DOMAINS)
        except Refusal:
            continue  # an indicator this wave's questions cannot answer
        for row in rows:
            ((domain, category),) = row["domain"].items() or [("", "")]
            made.append(
                Estimate(
                    wave=wave,
                    indicator=indicator,
                    definition_version=indicator.version,
                    domain=domain,
                    category=category,
                    estimate=row["estimate"],
                    se=row["se"],
                    ci_low=row["ci_low"],
                    ci_high=row["ci_high"],
                    df=row["df"],
                    deff=row["deff"],
                    cv=row["cv"],
                    n=row["n"],
                    small=rules.is_small(row["n"], row["cv"], min_n=min_n, max_cv=max_cv),
                )
            )
    with transaction.atomic():
        Estimate.objects.filter(wave=wave).delete()
        Estimate.objects.bulk_create(made)
        Wave.objects.filter(pk=wave.pk).update(
            estimation_progress=None, estimated_at=timezone.now()
        )
        log_action(wave, "impact.wave.estimated", data={"estimates": len(made)})
    waiting = Wave.objects.filter(
        study_id=wave.study_id, status__in=ESTIMATED, estimated_at__isnull=True
    )
    if not waiting.exists():  # the last of several waves queued together compares them
        compare_study(wave.study_id)


# Comparisons -------------------------------------------------------------------------


def stacked(frames: Sequence[Frame]) -> tuple[Frame, stats.Design, list[str]]:
    """The waves as one sample of independent parts: strata, clusters and calibration
    margins made wave-specific, each wave raked to its own margins."""
    codes = [f.wave.code for f in frames]
    columns: dict[str, list[Any]] = {}
    keys = set.intersection(*(set(f.columns) for f in frames))
    for key in keys:
        columns[key] = [v for f in frames for v in f.columns[key]]
    wave_of = [f.wave.code for f in frames for _ in range(f.n)]
    columns["stratum"] = [f"{w}|{s}" for w, s in zip(wave_of, columns["stratum"], strict=True)]
    columns["psu"] = [f"{w}|{p}" for w, p in zip(wave_of, columns["psu"], strict=True)]
    margins: dict[str, dict[str, float]] = {}
    for f in frames:
        for variable, totals in analysis.margins_of(f.wave).items():
            key = f"cal_{variable}"
            margins.setdefault(key, {})
            for category, population in totals.items():
                margins[key][f"{f.wave.code}|{category}"] = population
    for key in margins:
        variable = key.removeprefix("cal_")
        columns[key] = [f"{w}|{v}" for w, v in zip(wave_of, columns[variable], strict=True)]
    first = frames[0]
    frame = Frame(first.wave, first.dataset, columns)
    for name in first.domains:
        if all(name in f.domains for f in frames):
            frame.domains[name] = [v for f in frames for v in f.domains[name]]
    frame.domains["wave"] = wave_of
    design = analysis.base_design(frame)
    if margins:
        design = analysis.calibrated(frame, design, margins).design
    return frame, design, codes


def contrast_row(result: stats.ContrastResult) -> dict[str, Any]:
    return {
        "estimate": result.estimate,
        "se": result.se,
        "ci_low": result.ci_low,
        "ci_high": result.ci_high,
        "df": result.df,
    }


def compare(
    frame: Frame, design: stats.Design, compiled: Compiled, codes: Sequence[str]
) -> list[dict[str, Any]]:
    """Changes between every pair of waves, gaps in each wave and the change of each gap,
    as `{"kind", "gap", "wave", "base_wave", estimate, se, ci_low, ci_high, df}`."""
    y = analysis.indicator_column(frame, compiled)
    unit = compiled.indicator.unit
    wave_of = frame.domains["wave"]
    found: list[dict[str, Any]] = []
    statistic = stats.proportion if unit == Unit.PERCENT else stats.mean
    category = 1 if unit == Unit.PERCENT else None

    def table_by(by: dict[str, Sequence[str]]) -> stats.EstimateTable:
        return statistic(design, y, by=by, na_rm=True)

    overall = table_by({"wave": wave_of})
    at = {code: overall.index({"wave": code}, category) for code in codes}
    for i, base in enumerate(codes):
        for later in codes[i + 1 :]:
            result = stats.difference(overall, at[later], at[base])
            found.append(
                {"kind": ContrastKind.CHANGE, "gap": "", "wave": later, "base_wave": base}
                | contrast_row(result)
            )
    for gap, (variable, first, second) in GAPS.items():
        if variable not in frame.domains:
            continue
        try:
            table = table_by({"wave": wave_of, variable: frame.domains[variable]})
            where = {
                (code, group): table.index({"wave": code, variable: group}, category)
                for code in codes
                for group in (first, second)
            }
        except stats.errors.StatsError:
            continue
        for code in codes:
            result = stats.difference(table, where[code, first], where[code, second])
            found.append(
                {"kind": ContrastKind.GAP, "gap": gap, "wave": code, "base_wave": None}
                | contrast_row(result)
            )
        for i, base in enumerate(codes):
            for later in codes[i + 1 :]:
                result = stats.difference_in_differences(
                    table,
                    (where[later, first], where[later, second]),
                    (where[base, first], where[base, second]),
                )
                found.append(
                    {"kind": ContrastKind.GAP_CHANGE, "gap": gap, "wave": later, "base_wave": base}
                    | contrast_row(result)
                )
    return found


def study_frames(study_id: int) -> list[Frame]:
    waves = (
        Wave.objects.filter(study_id=study_id, status__in=ESTIMATED)
        .select_related("study__programme")
        .order_by("year", "pk")
    )
    return [analysis.frame_of(wave) for wave in waves]


def compare_study(study_id: int, progress: Callable[[int], None] | None = None) -> None:
    """Recompute the study's comparisons. An indicator whose definition version differs
    between two waves' stored estimates is not compared across them.

    Side effects: replaces the study's `Contrast` rows."""
    frames = study_frames(study_id)
    made: list[Contrast] = []
    if frames:
        frame, design, codes = stacked(frames)
        waves = {f.wave.code: f.wave for f in frames}
        programme = frames[0].wave.study.programme
        versions = definition_versions([f.wave for f in frames])
        for indicator in Indicator.objects.filter(programme=programme):
            try:
                compiled = analysis.compile_indicator(indicator)
                rows = compare(frame, design, compiled, codes)
            except (Refusal, stats.errors.StatsError):
                continue
            for row in rows:
                pair = [row["wave"]] + ([row["base_wave"]] if row["base_wave"] else [])
                if len({versions.get((indicator.pk, code)) for code in pair}) > 1:
                    continue
                made.append(
                    Contrast(
                        indicator=indicator,
                        kind=row["kind"],
                        gap=row["gap"],
                        wave=waves[row["wave"]],
                        base_wave=waves[row["base_wave"]] if row["base_wave"] else None,
                        estimate=row["estimate"],
                        se=row["se"],
                        ci_low=row["ci_low"],
                        ci_high=row["ci_high"],
                        df=row["df"],
                    )
                )
    with transaction.atomic():
        Contrast.objects.filter(wave__study_id=study_id).delete()
        Contrast.objects.bulk_create(made)


def definition_versions(waves: Sequence[Wave]) -> dict[tuple[int, str], int]:
    rows = (
        Estimate.objects.filter(wave__in=waves, domain="")
        .values_list("indicator_id", "wave__code", "definition_version")
        .distinct()
    )
    return {(indicator, code): version for indicator, code, version in rows}


def check_comparable(indicator: Indicator, first: Wave, second: Wave) -> None:
    """Refuse comparing an indicator between waves whose stored estimates used different
    definitions (the message names both versions)."""
    if first.study_id != second.study_id:
        raise Refusal("impact.not_comparable")
    versions = definition_versions([first, second])
    a, b = versions.get((indicator.pk, first.code)), versions.get((indicator.pk, second.code))
    if a is not None and b is not None and a != b:
        raise Refusal(
            "impact.definitions_differ",
            indicator=str(indicator.name),
            first=first.code,
            second=second.code,
            first_version=a,
            second_version=b,
        )
