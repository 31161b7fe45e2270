"""The impact lists take the same number of queries with one item as with three."""

import itertools

import pytest
from django.urls import reverse

from pazanga.impact.enums import WaveStatus
from pazanga.impact.models import Estimate
from pazanga.impact.tests.factories import IndicatorFactory, StudyFactory, WaveFactory

pytestmark = pytest.mark.django_db
counter = itertools.count(1)


def estimate_of(wave, indicator, **fields):  # type: ignore[no-untyped-def]
    values = {"estimate": 0.25, "se": 0.01, "ci_low": 0.23, "ci_high": 0.27, "df": 40, "n": 900}
    return Estimate.objects.create(
        wave=wave, indicator=indicator, definition_version=1, **(values | fields)
    )


def test_public_results(client, programme, query_guard):
    wave = WaveFactory(study__programme=programme, status=WaveStatus.PUBLISHED)

    def add() -> str:
        indicator = IndicatorFactory(programme=programme, name_lt=f"Rodiklis Nr. {next(counter)}")
        estimate_of(wave, indicator)
        return indicator.name_lt

    query_guard(lambda: client.get("/lt/impact/"), add, pinned=5)


def test_indicator_catalogue(client_of, researcher, programme, query_guard):
    client = client_of(researcher)

    def add() -> str:
        name = f"Rodiklis Nr. {next(counter)}"
        return IndicatorFactory(programme=programme, name_lt=name).name_lt

    query_guard(lambda: client.get(reverse("impact:indicators")), add, pinned=5)


def test_studies(client_of, researcher, programme, query_guard):
    client = client_of(researcher)

    def add() -> str:
        study = StudyFactory(programme=programme, name_lt=f"Tyrimas Nr. {next(counter)}")
        WaveFactory(study=study)
        return study.name_lt

    query_guard(lambda: client.get(reverse("impact:home")), add, pinned=6)


def test_a_waves_estimates(client_of, researcher, programme, query_guard):
    client = client_of(researcher)
    wave = WaveFactory(study__programme=programme)

    def add() -> str:
        indicator = IndicatorFactory(programme=programme, name_lt=f"Rodiklis Nr. {next(counter)}")
        estimate_of(wave, indicator)
        return indicator.name_lt

    query_guard(lambda: client.get(reverse("impact:wave", args=[wave.pk])), add, pinned=9)


def test_a_studys_waves(client_of, researcher, programme, query_guard):
    client = client_of(researcher)
    study = StudyFactory(programme=programme)

    def add() -> str:
        return WaveFactory(study=study, code=f"W-{next(counter)}").code

    query_guard(lambda: client.get(reverse("impact:study", args=[study.pk])), add, pinned=6)
