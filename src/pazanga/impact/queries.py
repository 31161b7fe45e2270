"""Reusable reads of the impact app: results laid out for pages, in a fixed number of
queries whatever the number of waves, indicators or domains."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from pazanga.directory.models import County
from pazanga.impact.enums import CATEGORY_LABELS, ContrastKind, Domain, Gap, WaveStatus
from pazanga.impact.models import Contrast, Estimate, Indicator, Wave

MIN_WAVES_FOR_CHANGE = 2


def category_label(domain: str, category: str, counties: dict[str, str]) -> str:
    if domain == Domain.COUNTY:
        return counties.get(category, category)
    return str(CATEGORY_LABELS.get(domain, {}).get(category, category))


def county_names() -> dict[str, str]:
    return {county.code: str(county.name) for county in County.objects.all()}


@dataclass
class IndicatorResults:
    """One indicator across waves: the overall estimates, the estimates by domain, the gaps
    in each wave and the changes (of the indicator and of each gap)."""

    indicator: Indicator
    overall: list[Estimate] = field(default_factory=list)
    by_domain: dict[tuple[int, str], list[Estimate]] = field(default_factory=dict)
    changes: list[Contrast] = field(default_factory=list)
    gaps: dict[str, list[Contrast]] = field(default_factory=dict)
    gap_changes: dict[str, list[Contrast]] = field(default_factory=dict)

    @property
    def latest(self) -> Estimate | None:
        return self.overall[-1] if self.overall else None

    @property
    def since_baseline(self) -> Contrast | None:
        """The change from the first wave to the latest one."""
        if len(self.overall) < MIN_WAVES_FOR_CHANGE:
            return None
        first, last = self.overall[0].wave_id, self.overall[-1].wave_id
        return next(
            (c for c in self.changes if c.wave_id == last and c.base_wave_id == first), None
        )


def results(
    indicators: Iterable[Indicator], waves: QuerySet[Wave], *, domains: bool = True
) -> list[IndicatorResults]:
    """Results of `indicators` over `waves` (in year order): three queries in all."""
    found = {indicator.pk: IndicatorResults(indicator) for indicator in indicators}
    estimates = (
        Estimate.objects.filter(indicator__in=list(found), wave__in=waves)
        .select_related("wave")
        .order_by("wave__year", "wave__pk", "domain", "category")
    )
    if not domains:
        estimates = estimates.filter(domain="")
    for row in estimates:
        entry = found[row.indicator_id]
        if row.domain:
            entry.by_domain.setdefault((row.wave_id, row.domain), []).append(row)
        else:
            entry.overall.append(row)
    contrasts = Contrast.objects.filter(indicator__in=list(found), wave__in=waves)
    waves_by_pk = {wave.pk: wave for wave in waves}
    for row in sorted(contrasts, key=lambda c: (waves_by_pk[c.wave_id].year, c.pk)):
        if row.base_wave_id and row.base_wave_id not in waves_by_pk:
            continue  # compared with a wave the reader may not see
        row.wave = waves_by_pk[row.wave_id]
        if row.base_wave_id:
            row.base_wave = waves_by_pk[row.base_wave_id]
        entry = found[row.indicator_id]
        if row.kind == ContrastKind.CHANGE:
            entry.changes.append(row)
        elif row.kind == ContrastKind.GAP:
            entry.gaps.setdefault(row.gap, []).append(row)
        else:
            entry.gap_changes.setdefault(row.gap, []).append(row)
    return [entry for entry in found.values() if entry.overall]


def published_waves(programme: Any) -> QuerySet[Wave]:
    return (
        Wave.objects.filter(study__programme=programme, status=WaveStatus.PUBLISHED)
        .select_related("study")
        .order_by("year", "pk")
    )


GAP_ORDER = tuple(Gap.values)
