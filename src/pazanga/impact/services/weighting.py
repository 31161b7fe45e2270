"""Weighting a wave: its base weights raked to the population margins (`stats.rake`, R's
`rake`), with the diagnostics a researcher checks before trusting the weights."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.db import transaction

from pazanga.common.audit import log_action
from pazanga.common.tasks import run_later
from pazanga.impact import analysis, store
from pazanga.impact.enums import WaveStatus
from pazanga.impact.models import CalibrationTarget, Dataset, Wave
from pazanga.impact.workflow import transition


def weight_diagnostics(
    frame: analysis.Frame, base: np.ndarray[Any, Any], final: np.ndarray[Any, Any], report: Any
) -> dict[str, Any]:
    """Convergence, weight range, the design effect due to weighting (Kish: n Σw² / (Σw)²)
    and each margin before and after."""
    n = float(final.size)
    margins = []
    for variable, totals in analysis.margins_of(frame.wave).items():
        values = np.asarray(frame.text(variable))
        for category, population in sorted(totals.items()):
            inside = values == category
            margins.append(
                {
                    "variable": variable,
                    "category": category,
                    "population": population,
                    "before": float(base[inside].sum()),
                    "after": float(final[inside].sum()),
                    "n": int(inside.sum()),
                }
            )
    return {
        "report": report,
        "n": int(n),
        "min": float(final.min()),
        "max": float(final.max()),
        "mean": float(final.mean()),
        "ratio": float(final.max() / final.min()),
        "deff_weighting": float(n * (final**2).sum() / final.sum() ** 2),
        "deff_base": float(n * (base**2).sum() / base.sum() ** 2),
        "margins": margins,
    }


def weight_wave(wave: Wave, *, actor: Any) -> Dataset:
    """Rake the wave's current data to its margins and store the final weights.

    Without margins the final weights are the base weights; a wave with a cap has its
    weights trimmed after raking. Raises a Refusal naming the problem (no data, a margin
    that does not fit the data, margins with different totals, no convergence, a design
    that does not hold) and saves nothing then.

    Side effects: stores the weights and the diagnostics on the current data version; moves
    the wave from `data_in` to `weighted` (which queues the estimates) or, when it was
    weighted already, queues the estimates again; writes `impact.wave.weighted` (through the
    move) or `impact.wave.targets`.
    """
    frame = analysis.frame_of(wave)
    design = analysis.base_design(frame)
    weighted, report = analysis.weighted_design(frame)
    base, final = np.asarray(design.weights), np.asarray(weighted.weights)
    diagnostics = weight_diagnostics(frame, base, final, report)
    with transaction.atomic():
        dataset = frame.dataset
        dataset.weights = store.pack_weights(final)
        dataset.weighting = diagnostics
        dataset.save(update_fields=["weights", "weighting"])
        if wave.status == WaveStatus.DATA_IN:
            transition(wave, WaveStatus.WEIGHTED, actor=actor)
        else:
            log_action(wave, "impact.wave.targets", actor=actor, data={"reweighted": True})
            run_later("pazanga.impact.services.estimation.estimate_wave", wave.pk)
    return dataset


def set_targets(wave: Wave, rows: list[dict[str, Any]], *, actor: Any) -> None:
    """Replace the wave's population margins by `rows` (variable, category, population,
    source, year). Side effects: writes `impact.wave.targets`."""
    with transaction.atomic():
        CalibrationTarget.objects.filter(wave=wave).delete()
        CalibrationTarget.objects.bulk_create(CalibrationTarget(wave=wave, **row) for row in rows)
        log_action(wave, "impact.wave.targets", actor=actor, data={"margins": len(rows)})
