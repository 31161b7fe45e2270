"""The demo surveys: marked, deterministic, and their weighted estimates hit the real
figures they were drawn for."""

import random
import time

import pytest

from pazanga.directory import reference as directory_reference
from pazanga.directory.models import Municipality
from pazanga.directory.tests.factories import LibraryFactory
from pazanga.impact import demo
from pazanga.impact.models import Contrast, Estimate, Study, Wave
from pazanga.projects.tests.factories import awarded_grant, call_for

pytestmark = pytest.mark.django_db

REAL_NONUSE = {"POP-2014": 27.9, "POP-2015": 28.6, "POP-2016": 25.6}


@pytest.fixture
def loaded(programme, django_capture_on_commit_callbacks):
    directory_reference.load_geography()
    call = call_for(programme)
    for number, municipality in enumerate(Municipality.objects.order_by("code")[:20:2], 1):
        awarded_grant(call, LibraryFactory(municipality=municipality), number=number)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(random.Random("impact"))  # noqa: S311 (the demo's generator)
    return time.monotonic() - started


def test_it_lands_within_a_point_of_the_real_shares(loaded):
    for code, real in REAL_NONUSE.items():
        row = Estimate.objects.get(wave__code=code, indicator__code="internet_nonuse_3m", domain="")
        assert abs(100 * row.estimate - real) < 1.0, (code, row.estimate)
        assert row.ci_low < row.estimate < row.ci_high
        assert 1300 <= row.n <= 1700


def test_it_marks_the_demo_and_loads_once_quickly(loaded):
    assert loaded < 20
    assert set(Study.objects.values_list("is_demo", flat=True)) == {True}
    waves = Wave.objects.count()
    demo.load(random.Random("impact"))  # noqa: S311
    assert Wave.objects.count() == waves == 6


def test_it_stores_domains_changes_and_gaps(loaded):
    rural = Estimate.objects.get(
        wave__code="POP-2014",
        indicator__code="internet_nonuse_3m",
        domain="urban_rural",
        category="rural",
    )
    urban = Estimate.objects.get(
        wave__code="POP-2014",
        indicator__code="internet_nonuse_3m",
        domain="urban_rural",
        category="urban",
    )
    gap = Contrast.objects.get(
        wave__code="POP-2014",
        indicator__code="internet_nonuse_3m",
        kind="gap",
        gap="urban_rural",
    )
    assert gap.estimate == pytest.approx(urban.estimate - rural.estimate)
    change = Contrast.objects.get(
        wave__code="POP-2016",
        base_wave__code="POP-2014",
        indicator__code="internet_nonuse_3m",
        kind="change",
    )
    assert change.estimate == pytest.approx((25.6 - 27.9) / 100, abs=0.01)
    assert Contrast.objects.filter(kind="gap_change", gap="grant").exists()
