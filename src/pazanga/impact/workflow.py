"""The one place that changes the status of a survey wave.

Wave (TRANSITIONS):
planned   -> fieldwork | data_in
fieldwork -> data_in | planned
data_in   -> weighted
weighted  -> published | data_in
published -> weighted

Every move goes through the workflow core (row lock, table check, save, audit entry
`impact.wave.<to>`).

Side effects, by move:
- -> data_in: only when the wave has a current data version (an import made it); a
  weighted wave moves back here when new data replace the old: its estimates are deleted
  (`estimated_at` cleared) and the study's comparisons recomputed after commit.
- -> weighted: only when the current data version carries final weights (the weighting
  service stores them first); the estimates are recomputed after commit
  (`pazanga.impact.services.estimation.estimate_wave`, through the task queue).
- -> published: stamps `published_at`; the wave's aggregates appear on the public pages.
- published -> weighted: clears `published_at`; the public pages stop showing the wave.
"""

from typing import Any

from django.utils import timezone

from pazanga.common.refusals import Refusal, TransitionNotAllowed
from pazanga.common.tasks import run_later
from pazanga.common.workflow import Workflow
from pazanga.impact.enums import WaveStatus
from pazanga.impact.models import Dataset, Estimate, Wave

__all__ = ["TRANSITIONS", "TransitionNotAllowed", "transition"]

S = WaveStatus
TRANSITIONS: dict[str, set[str]] = {
    S.PLANNED: {S.FIELDWORK, S.DATA_IN},
    S.FIELDWORK: {S.DATA_IN, S.PLANNED},
    S.DATA_IN: {S.WEIGHTED},
    S.WEIGHTED: {S.PUBLISHED, S.DATA_IN},
    S.PUBLISHED: {S.WEIGHTED},
}


class WaveWorkflow(Workflow[Wave]):
    model = Wave
    transitions = TRANSITIONS
    statuses = WaveStatus
    action = "impact.wave"

    def check(self, locked: Wave, previous: str, to: str, **context: Any) -> None:
        current = Dataset.objects.filter(wave=locked, is_current=True).first()
        if to == S.DATA_IN and current is None:
            raise Refusal("impact.no_data")
        if to == S.WEIGHTED and (current is None or current.weights is None):
            raise Refusal("impact.not_weighted")

    def apply(self, locked: Wave, previous: str, to: str, **context: Any) -> list[str]:
        if to == S.PUBLISHED:
            locked.published_at = timezone.now()
            return ["published_at"]
        if previous == S.PUBLISHED:
            locked.published_at = None
            return ["published_at"]
        if to == S.DATA_IN:
            locked.estimated_at = None
            return ["estimated_at"]
        return []

    def after(
        self, locked: Wave, previous: str, to: str, *, actor: Any, note: str, **context: Any
    ) -> None:
        if to == S.WEIGHTED and previous == S.DATA_IN:
            run_later("pazanga.impact.services.estimation.estimate_wave", locked.pk)
        if to == S.DATA_IN and previous == S.WEIGHTED:
            Estimate.objects.filter(wave=locked).delete()
            run_later("pazanga.impact.services.estimation.compare_study", locked.study_id)


WAVES = WaveWorkflow()


def transition(wave: Wave, to: str, *, actor: Any, note: str = "") -> Wave:
    """Move `wave` to status `to` (see the module docstring for what each move does)."""
    return WAVES.transition(wave, to, actor=actor, note=note)
