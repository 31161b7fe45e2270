"""Studies, waves and indicator definitions."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from pazanga.common.audit import log_action
from pazanga.common.tasks import run_later
from pazanga.impact import analysis
from pazanga.impact.enums import WaveStatus
from pazanga.impact.models import Indicator, Study, Wave

DEFINITION_FIELDS = ("numerator", "population_filter", "unit")


def create_study(study: Study, *, actor: Any) -> Study:
    """Save a new study. Side effects: writes `impact.study.created`."""
    with transaction.atomic():
        study.save()
        log_action(study, "impact.study.created", actor=actor)
    return study


def known_questions(programme: Any) -> set[str]:
    """Every question name the programme's waves know (questionnaires and data)."""
    names: set[str] = set()
    for wave in Wave.objects.filter(study__programme=programme).select_related("questionnaire"):
        names |= analysis.known_names(wave) or set()
    return names


def save_indicator(indicator: Indicator, *, actor: Any) -> Indicator:
    """Save an indicator's definition after checking its expressions.

    Refuses an expression that does not parse or that names a question no wave knows.
    A changed definition (what is counted, among whom, the unit) gets the next version;
    the estimates of weighted waves are recomputed after commit, while published waves keep
    the version they were published with until they are weighted again, and are not compared
    with waves of another version. Side effects: writes `impact.indicator.saved`; queues
    `estimate_wave` for every weighted wave of the programme when the definition changed.
    """
    known = known_questions(indicator.programme)
    analysis.compile_indicator(indicator, known or None)
    with transaction.atomic():
        changed = False
        if indicator.pk:
            before = Indicator.objects.select_for_update().get(pk=indicator.pk)
            changed = any(getattr(before, f) != getattr(indicator, f) for f in DEFINITION_FIELDS)
            if changed:
                indicator.version = before.version + 1
        indicator.save()
        log_action(
            indicator,
            "impact.indicator.saved",
            actor=actor,
            data={"version": indicator.version, "changed": changed},
        )
        if changed:
            waves = Wave.objects.filter(
                study__programme=indicator.programme, status=WaveStatus.WEIGHTED
            )
            for pk in waves.values_list("pk", flat=True):
                run_later("pazanga.impact.services.estimation.estimate_wave", pk)
    return indicator
