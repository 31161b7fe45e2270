"""The demo surveys: marked, deterministic, loaded once, and their weighted estimates hit
the real figures they were drawn for."""

import random
import time

import pytest

from pazanga.impact import demo
from pazanga.impact.models import Contrast, Estimate, Study, Wave

pytestmark = pytest.mark.django_db

REAL_NONUSE = {"POP-2014": 27.9, "POP-2015": 28.6, "POP-2016": 25.6}


def test_it_loads_marked_waves_whose_shares_hit_the_real_figures(
    programme, grant_areas, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(random.Random("impact"))  # noqa: S311 (the demo's generator)
    assert time.monotonic() - started < 30  # a few seconds on a quiet machine
    assert set(Study.objects.values_list("is_demo", flat=True)) == {True}
    assert Wave.objects.filter(status="published").count() == 6
    for code, real in REAL_NONUSE.items():
        row = Estimate.objects.get(wave__code=code, indicator__code="internet_nonuse_3m", domain="")
        assert abs(100 * row.estimate - real) < 1.0, (code, row.estimate)
        assert row.ci_low < row.estimate < row.ci_high
        assert 1400 <= row.n <= 1600
    users = Estimate.objects.get(wave__code="LIB-2016", indicator__code="users_egov", domain="")
    assert 900 <= users.n <= 1100
    assert Contrast.objects.filter(kind="gap_change", gap="grant").exists()
    before = Estimate.objects.count()
    demo.load(random.Random("impact"))  # noqa: S311
    assert Wave.objects.count() == 6 and Estimate.objects.count() == before


def test_it_stores_gaps_and_changes_that_add_up(population_waves):
    def share(code, domain="", category=""):  # type: ignore[no-untyped-def]
        return Estimate.objects.get(
            wave__code=code, indicator__code="internet_nonuse_3m", domain=domain, category=category
        ).estimate

    gap = Contrast.objects.get(
        wave__code="POP-2014", indicator__code="internet_nonuse_3m", kind="gap", gap="urban_rural"
    )
    assert gap.estimate == pytest.approx(
        share("POP-2014", "urban_rural", "urban") - share("POP-2014", "urban_rural", "rural")
    )
    change = Contrast.objects.get(
        wave__code="POP-2016",
        base_wave__code="POP-2014",
        indicator__code="internet_nonuse_3m",
        kind="change",
    )
    assert change.estimate == pytest.approx(share("POP-2016") - share("POP-2014"))
    assert change.ci_low < change.estimate < change.ci_high
    did = Contrast.objects.get(
        wave__code="POP-2016",
        base_wave__code="POP-2014",
        indicator__code="internet_nonuse_3m",
        kind="gap_change",
        gap="grant",
    )
    grant_gap = {
        c.wave.code: c.estimate
        for c in Contrast.objects.filter(
            indicator__code="internet_nonuse_3m", kind="gap", gap="grant"
        ).select_related("wave")
    }
    assert did.estimate == pytest.approx(grant_gap["POP-2016"] - grant_gap["POP-2014"])
