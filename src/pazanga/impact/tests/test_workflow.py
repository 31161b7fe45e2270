"""Every move of a wave, allowed and forbidden, from the TRANSITIONS table."""

import numpy as np
import pytest

from pazanga.common.models import AuditEntry
from pazanga.common.refusals import Refusal, TransitionNotAllowed
from pazanga.impact import store, workflow
from pazanga.impact.enums import WaveStatus
from pazanga.impact.models import Dataset, Estimate, Wave
from pazanga.impact.services.weighting import weight_wave
from pazanga.impact.tests.factories import IndicatorFactory, WaveFactory, small_columns, with_data

pytestmark = pytest.mark.django_db
MOVES = [(a, b) for a in WaveStatus.values for b in WaveStatus.values if a != b]


def wave_at(status: str, programme) -> Wave:  # type: ignore[no-untyped-def]
    """A wave brought to `status` the way the platform gets there."""
    wave = WaveFactory(study__programme=programme)
    if status == WaveStatus.FIELDWORK:
        workflow.transition(wave, WaveStatus.FIELDWORK, actor=None)
    if status in (WaveStatus.DATA_IN, WaveStatus.WEIGHTED, WaveStatus.PUBLISHED):
        with_data(wave)
    if status in (WaveStatus.WEIGHTED, WaveStatus.PUBLISHED):
        weight_wave(wave, actor=None)
    if status == WaveStatus.PUBLISHED:
        workflow.transition(wave, WaveStatus.PUBLISHED, actor=None)
    wave.refresh_from_db()
    assert wave.status == status
    return wave


def meet_the_conditions(wave: Wave, to: str) -> None:
    """What a move needs besides the table: a data version, or weights on it."""
    columns = small_columns()
    if to == WaveStatus.DATA_IN and not wave.datasets.exists():
        Dataset.objects.create(
            wave=wave, version=1, source_kind="csv", rows=40, columns=store.pack(columns)
        )
    if to == WaveStatus.WEIGHTED:
        dataset = wave.datasets.get(is_current=True)
        dataset.weights = store.pack_weights(np.ones(40))
        dataset.save()


@pytest.mark.parametrize(("start", "to"), MOVES)
def test_it_allows_exactly_the_moves_of_the_table(programme, start, to):
    wave = wave_at(start, programme)
    if to in workflow.TRANSITIONS[start]:
        meet_the_conditions(wave, to)
        workflow.transition(wave, to, actor=None)
        assert wave.status == to
        entries = AuditEntry.objects.filter(action=f"impact.wave.{to}", object_id=str(wave.pk))
        assert entries.exists()
    else:
        with pytest.raises(TransitionNotAllowed):
            workflow.transition(wave, to, actor=None)
        wave.refresh_from_db()
        assert wave.status == start


def test_data_must_exist_before_data_in(programme):
    wave = WaveFactory(study__programme=programme)
    with pytest.raises(Refusal) as caught:
        workflow.transition(wave, WaveStatus.DATA_IN, actor=None)
    assert caught.value.code == "impact.no_data"


def test_publishing_stamps_and_withdrawing_clears(programme):
    wave = wave_at(WaveStatus.PUBLISHED, programme)
    assert wave.published_at is not None
    workflow.transition(wave, WaveStatus.WEIGHTED, actor=None)
    assert wave.published_at is None


def test_weighting_queues_the_estimates_and_new_data_clear_them(
    programme, django_capture_on_commit_callbacks
):
    wave = WaveFactory(study__programme=programme)
    with_data(wave)
    IndicatorFactory(programme=programme, code="offline")
    with django_capture_on_commit_callbacks(execute=True):
        weight_wave(wave, actor=None)
    assert Estimate.objects.filter(wave=wave, domain="").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(wave, WaveStatus.DATA_IN, actor=None)
    assert not Estimate.objects.filter(wave=wave).exists()
    wave.refresh_from_db()
    assert wave.estimated_at is None
