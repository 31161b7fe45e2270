"""Public results at /<lang>/impact/: aggregates of published waves only, with their
intervals and flags; each indicator across waves with its gaps."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pazanga.impact import access, queries
from pazanga.impact.enums import Gap
from pazanga.impact.models import Indicator
from pazanga.impact.views.results import (
    GAP_LABELS,
    county_map,
    domain_sections,
    gap_chart,
    hidden,
    trend_chart,
)
from pazanga.programme.permissions import current_programme


def public_home(request: HttpRequest) -> HttpResponse:
    programme = current_programme()
    waves = queries.published_waves(programme)
    indicators = Indicator.objects.filter(programme=programme, is_public=True)
    entries = queries.results(indicators, waves, domains=False)
    cards = [
        {
            "entry": entry,
            "latest": entry.latest,
            "hidden": hidden(entry.latest, entry.latest.wave) if entry.latest else True,
            "change": entry.since_baseline,
            "chart": trend_chart(entry),
        }
        for entry in entries
    ]
    studies = {}
    for wave in waves:
        studies.setdefault(wave.study, []).append(wave)
    return render(request, "impact/public_home.html", {"cards": cards, "studies": studies.items()})


def public_indicator(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = access.public_indicator_for(pk)
    waves = queries.published_waves(current_programme())
    entries = queries.results([indicator], waves)
    if not entries:
        raise Http404
    entry = entries[0]
    latest = entry.latest
    assert latest is not None  # noqa: S101 (results() keeps only indicators with estimates)
    counties = queries.county_names()
    gap_changes = [
        (GAP_LABELS[gap], row)
        for gap, rows in entry.gap_changes.items()
        for row in rows
        if row.base_wave_id == entry.overall[0].wave_id and row.wave_id == latest.wave_id
    ]
    context = {
        "indicator": indicator,
        "entry": entry,
        "latest": latest,
        "trend": trend_chart(entry),
        "gap_chart": gap_chart(entry),
        "gap_changes": gap_changes,
        "grant_gap": Gap.GRANT,
        "grant_label": GAP_LABELS[Gap.GRANT],
        "sections": domain_sections(entry, latest.wave, counties),
        "map": county_map(entry, latest.wave),
        "change": entry.since_baseline,
    }
    return render(request, "impact/public_indicator.html", context)
