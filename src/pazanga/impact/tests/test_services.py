"""Weighting and indicator definitions: diagnostics, and a clear refusal for every margin or
definition that cannot work."""

import numpy as np
import pytest
from django.utils import translation

from pazanga.common.models import AuditEntry
from pazanga.common.refusals import Refusal
from pazanga.impact import store
from pazanga.impact.models import CalibrationTarget, Dataset, Estimate, Indicator
from pazanga.impact.services import estimation, studies
from pazanga.impact.services.weighting import weight_wave
from pazanga.impact.tests.factories import (
    IndicatorFactory,
    WaveFactory,
    small_columns,
    with_data,
    with_margins,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave(programme):
    return with_margins(with_data(WaveFactory(study__programme=programme)))


def test_it_rakes_to_the_margins_and_reports_diagnostics(wave):
    dataset = weight_wave(wave, actor=None)
    weights = store.unpack_weights(dataset.weights)
    columns = small_columns()
    female = np.array([s == "female" for s in columns["sex"]])
    urban = np.array([u == "urban" for u in columns["urban_rural"]])
    assert weights[female].sum() == pytest.approx(4400, rel=1e-9)
    assert weights[urban].sum() == pytest.approx(4800, rel=1e-9)
    report = dataset.weighting
    assert report["report"]["converged"] is True
    assert report["min"] == pytest.approx(weights.min())
    n = weights.size
    assert report["deff_weighting"] == pytest.approx(n * (weights**2).sum() / weights.sum() ** 2)
    before = {(m["variable"], m["category"]): m for m in report["margins"]}
    assert before["sex", "female"]["after"] == pytest.approx(4400)
    assert before["sex", "female"]["before"] == pytest.approx(
        np.array(columns["base_weight"])[female].sum()
    )


def test_margins_whose_totals_differ(wave):
    CalibrationTarget.objects.filter(variable="sex", category="male").update(population=1)
    with pytest.raises(Refusal) as caught:
        weight_wave(wave, actor=None)
    assert caught.value.code == "impact.calibration"
    assert "'sex'" in caught.value.params["reason"]
    assert "'urban_rural'" in caught.value.params["reason"]
    assert wave.datasets.get().weights is None  # nothing saved


def test_a_category_without_a_margin(wave):
    CalibrationTarget.objects.filter(variable="urban_rural", category="rural").delete()
    with pytest.raises(Refusal) as caught:
        weight_wave(wave, actor=None)
    assert "['rural']" in caught.value.params["reason"]


def test_raking_that_does_not_converge(programme):
    """Margins no weighting can meet: every woman is urban in the data, but the population
    has fewer urban people than women."""
    columns = small_columns()
    columns["sex"] = ["female" if u == "urban" else "male" for u in columns["urban_rural"]]
    wave = with_data(WaveFactory(study__programme=programme), columns)
    for variable, category, population in (
        ("sex", "female", 6000),
        ("sex", "male", 2000),
        ("urban_rural", "urban", 3000),
        ("urban_rural", "rural", 5000),
    ):
        CalibrationTarget.objects.create(
            wave=wave,
            variable=variable,
            category=category,
            population=population,
            source="x",
            year=2014,
        )
    with pytest.raises(Refusal) as caught:
        weight_wave(wave, actor=None)
    assert "did not converge" in caught.value.params["reason"]


def test_an_indicator_referring_to_a_question_that_does_not_exist(programme, wave):
    indicator = Indicator(
        programme=programme,
        code="weekly",
        name_lt="Kas savaitę",
        name_en="Weekly",
        area="digital_inclusion",
        numerator="${internet_weekly} = 1",
    )
    with pytest.raises(Refusal) as caught:
        studies.save_indicator(indicator, actor=None)
    assert caught.value.code == "impact.unknown_question"
    assert caught.value.params["names"] == "internet_weekly"
    assert not Indicator.objects.filter(code="weekly").exists()
    indicator.numerator = "${internet_last_use} = 1 and"
    with pytest.raises(Refusal) as caught:
        studies.save_indicator(indicator, actor=None)
    assert caught.value.code == "impact.bad_expression"


def test_a_changed_definition_is_not_compared_with_a_published_wave(
    programme, django_capture_on_commit_callbacks
):
    from pazanga.impact import workflow

    indicator = IndicatorFactory(programme=programme, code="offline")
    first = WaveFactory(study__programme=programme, year=2014)
    second = WaveFactory(study=first.study, year=2016)
    for wave in (first, second):
        with_data(wave)
        with django_capture_on_commit_callbacks(execute=True):
            weight_wave(wave, actor=None)
    workflow.transition(first, "published", actor=None)
    indicator.numerator = "${internet_last_use} = 4"
    with django_capture_on_commit_callbacks(execute=True):
        studies.save_indicator(indicator, actor=None)
    assert indicator.version == 2
    versions = dict(
        Estimate.objects.filter(domain="").values_list("wave__year", "definition_version")
    )
    assert versions == {2014: 1, 2016: 2}
    with pytest.raises(Refusal) as caught:
        estimation.check_comparable(indicator, first, second)
    assert caught.value.code == "impact.definitions_differ"
    with translation.override("en"):
        assert "(version 1, then 2)" in caught.value.message
    assert not indicator.contrasts.filter(kind="change").exists()
    assert AuditEntry.objects.filter(action="impact.indicator.saved").exists()


def test_a_cap_trims_the_raked_weights_and_keeps_their_total(wave):
    wave.trim_ratio = 1.05
    wave.save()
    dataset = weight_wave(wave, actor=None)
    weights = store.unpack_weights(dataset.weights)
    assert weights.sum() == pytest.approx(8000, rel=1e-9)
    assert weights.max() <= 1.05 * 8000 / weights.size + 1e-9
    assert dataset.weighting["report"]["trimmed"] > 0


def test_web_answers_become_the_waves_data(programme, geography):
    """Library staff answer the panel questionnaire on the web; the wave takes their
    submitted answers, each with the county of the person's library."""
    from pazanga.directory.models import Municipality
    from pazanga.directory.tests.factories import LibraryFactory
    from pazanga.impact import demo
    from pazanga.programme.enums import Role
    from pazanga.programme.tests.factories import person_with_role

    municipalities = list(Municipality.objects.order_by("code")[:6])
    for i in range(12):
        person_with_role(
            Role.LIBRARY_STAFF,
            email=f"panel{i}@biblioteka.example",
            organisation=LibraryFactory(municipality=municipalities[i % 6]),
        )
    demo.load_librarian_panel(programme, np.random.default_rng(1))
    dataset = Dataset.objects.get(wave__code="STAFF-2015")
    columns = store.unpack(dataset.columns)
    assert dataset.rows == 12 and dataset.source_kind == "web"
    assert set(columns["county"]) == {m.county.code for m in municipalities}
    assert set(columns["teaches_eservices"]) <= {0, 1}
    wave = dataset.wave
    assert wave.status == "published"
    with pytest.raises(Refusal) as caught:
        from pazanga.impact.services import web

        web.collect_web_answers(wave, actor=None)
    assert caught.value.code in ("impact.confirm_replace", "impact.published")
