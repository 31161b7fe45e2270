"""The sample planner against the textbook formulas (Cochran 4.2, 5.5, 5.9) with z and power
quantiles from the normal table."""

import math

import pytest

from pazanga.impact import rules

Z95, Z80 = 1.959964, 0.841621  # normal table: two-sided 95 %, one-sided 80 %


def test_it_sizes_a_national_share_as_cochran_does():
    n0 = Z95**2 * 0.25 / 0.03**2  # 1067.07
    assert rules.sample_for_margin(0.03) == math.ceil(n0) == 1068
    assert rules.sample_for_margin(0.03, deff=1.5) == math.ceil(n0 * 1.5) == 1601
    assert rules.sample_for_margin(0.03, population=10_000) == math.ceil(
        n0 / (1 + (n0 - 1) / 10_000)
    )
    assert rules.sample_for_margin(0.05, share=0.2) == math.ceil(Z95**2 * 0.16 / 0.0025)


def test_it_sizes_the_change_of_a_gap_between_two_waves():
    factor = 2 * 0.25 * 1.5 / (0.33 * 0.67)
    expected = math.ceil((Z95 + Z80) ** 2 * factor / 0.10**2)
    assert rules.sample_for_gap_change(0.10, share=0.5, deff=1.5, group_share=0.33) == expected


def test_it_reproduces_the_rule_of_thumb_for_a_thousand_respondents():
    # With 1,000 per wave: a change of about 8 points, a change of the gap of about 16.
    national = rules.detectable_change(1000, share=0.5, deff=1.5)
    gap = rules.detectable_change(1000, share=0.5, deff=1.5, group_share=0.33)
    assert national == pytest.approx((Z95 + Z80) * math.sqrt(2 * 0.25 * 1.5 / 1000), rel=1e-5)
    assert round(100 * national) == 8
    assert round(100 * gap) == 16


def test_it_allocates_proportionally_and_by_neyman():
    strata = [
        rules.Stratum("a", 100, 0.5),
        rules.Stratum("b", 200, 0.5),
        rules.Stratum("c", 700, 0.1),
    ]
    assert rules.allocate(100, strata, "proportional") == [10, 20, 70]
    # N_h S_h = 50, 100, 210 of 360: 13.9, 27.8, 58.3, largest remainders rounded up
    assert rules.allocate(100, strata, "neyman") == [14, 28, 58]
    assert sum(rules.allocate(1501, strata, "neyman")) == 1501


def test_it_refuses_nonsense():
    with pytest.raises(ValueError, match="between 0 and 1"):
        rules.sample_for_margin(0)
    with pytest.raises(ValueError, match="unknown allocation"):
        rules.allocate(10, [rules.Stratum("a", 1)], "random")


def test_it_calls_a_cell_small_by_n_or_cv():
    assert rules.is_small(49, 0.1, min_n=50, max_cv=0.3)
    assert rules.is_small(500, 0.31, min_n=50, max_cv=0.3)
    assert not rules.is_small(50, 0.3, min_n=50, max_cv=0.3)
    assert not rules.is_small(50, None, min_n=50, max_cv=0.3)
