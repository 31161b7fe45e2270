"""Results laid out for pages: tables and SVG charts of one wave (staff) or of one
indicator across the published waves (public). Small cells are hidden or flagged as the
wave's rule says; only aggregates are ever shown."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from pazanga.impact import charts, queries
from pazanga.impact.enums import Domain, Gap, Unit
from pazanga.impact.models import Estimate, Indicator, Wave
from pazanga.training.coverage_map import ATTRIBUTION, map_areas, shapes

DOMAIN_LABELS = dict(Domain.choices)
GAP_LABELS = dict(Gap.choices)


def hidden(estimate: Estimate, wave: Wave) -> bool:
    return estimate.small and wave.suppress


def bar_of(label: str, estimate: Estimate, wave: Wave) -> charts.Bar:
    if hidden(estimate, wave):
        return charts.Bar(label, None)
    return charts.Bar(label, estimate.estimate, estimate.ci_low, estimate.ci_high, estimate.small)


def domain_sections(
    entry: queries.IndicatorResults, wave: Wave, counties: dict[str, str]
) -> list[dict[str, Any]]:
    """Per domain variable of `wave`: the rows and a bar chart."""
    percent = entry.indicator.unit == Unit.PERCENT
    sections = []
    for domain in Domain.values:
        rows = entry.by_domain.get((wave.pk, domain), [])
        if not rows:
            continue
        labelled = [(queries.category_label(domain, r.category, counties), r) for r in rows]
        title = f"{entry.indicator.name}: {DOMAIN_LABELS[domain]}, {wave.year}"
        sections.append(
            {
                "label": DOMAIN_LABELS[domain],
                "rows": [(label, row, hidden(row, wave)) for label, row in labelled],
                "chart": charts.bars(
                    title, [bar_of(label, row, wave) for label, row in labelled], percent=percent
                ),
            }
        )
    return sections


def trend_chart(entry: queries.IndicatorResults) -> Any:
    percent = entry.indicator.unit == Unit.PERCENT
    points = [
        charts.Point(str(e.wave.year), e.estimate, e.ci_low, e.ci_high)
        for e in entry.overall
        if not hidden(e, e.wave)
    ]
    return charts.lines(
        str(entry.indicator.name), [charts.Series(_("everyone"), points)], percent=percent
    )


def gap_chart(entry: queries.IndicatorResults) -> Any:
    series = [
        charts.Series(
            str(GAP_LABELS[gap]),
            [charts.Point(str(c.wave.year), c.estimate, c.ci_low, c.ci_high) for c in rows],
        )
        for gap, rows in entry.gaps.items()
        if gap != Gap.GRANT
    ]
    if not series:
        return None
    title = _("%(indicator)s: gaps between groups") % {"indicator": entry.indicator.name}
    return charts.lines(title, series, percent=True, zero_line=True)


def county_map(entry: queries.IndicatorResults, wave: Wave) -> dict[str, Any] | None:
    """Municipalities shaded by their county's estimate, for counties with enough sample."""
    from pazanga.directory.models import Municipality

    rows = {r.category: r for r in entry.by_domain.get((wave.pk, Domain.COUNTY), []) if not r.small}
    if not rows:
        return None
    values = [r.estimate for r in rows.values()]
    low, high = min(values), max(values)
    county_of = dict(Municipality.objects.values_list("short_name_lt", "county__code"))
    shaded: dict[str, tuple[float | None, str]] = {}
    for shape in shapes()[0]:
        row = rows.get(county_of.get(shape.name, ""))
        if row is None:
            shaded[shape.name] = (None, shape.name)
        else:
            share = (row.estimate - low) / (high - low) if high > low else 0.5
            shaded[shape.name] = (share, f"{shape.name}: {100 * row.estimate:.1f} %")
    areas, height = map_areas(shaded)
    return {"areas": areas, "height": height, "attribution": ATTRIBUTION}


def results_context(wave: Wave, *, public: bool) -> dict[str, Any]:
    """A wave's results for every indicator it has: overall, domains, gaps, changes."""
    indicators = Indicator.objects.filter(programme=wave.study.programme)
    if public:
        indicators = indicators.filter(is_public=True)
    waves = Wave.objects.filter(study=wave.study, year__lte=wave.year).order_by("year", "pk")
    entries = queries.results(indicators, waves)
    counties = queries.county_names()
    blocks = []
    for entry in entries:
        current = next((e for e in entry.overall if e.wave_id == wave.pk), None)
        if current is None:
            continue
        blocks.append(
            {
                "entry": entry,
                "current": current,
                "hidden": hidden(current, wave),
                "sections": domain_sections(entry, wave, counties),
                "gaps": [c for rows in entry.gaps.values() for c in rows if c.wave_id == wave.pk],
                "changes": [c for c in entry.changes if c.wave_id == wave.pk],
                "gap_changes": [
                    c for rows in entry.gap_changes.values() for c in rows if c.wave_id == wave.pk
                ],
            }
        )
    return {"wave": wave, "blocks": blocks, "gap_labels": GAP_LABELS}
