"""Bad or awkward input to the estimators: clear errors or documented results, never NaN."""

from __future__ import annotations

import math

import numpy as np
import pytest

import stats
from stats.design import Design
from stats.errors import DataError, EstimationError
from stats.tests.r_reference import api, clus2, reference

WEIGHTS = [1.0, 2.0, 1.0, 2.0, 1.0, 2.0]
STRATA = ["a", "a", "a", "b", "b", "b"]


def design() -> Design:
    return Design.build(WEIGHTS, strata=STRATA)


def test_it_refuses_missing_values_unless_asked_to_leave_them_out() -> None:
    y = [1.0, np.nan, 3.0, 4.0, 5.0, 6.0]
    with pytest.raises(DataError, match="1 missing value"):
        stats.mean(design(), y)
    kept = stats.mean(design(), y, na_rm=True)
    assert kept.n[0] == 5
    assert kept.estimates[0] == pytest.approx((1 + 3 + 8 + 5 + 12) / 7)


def test_it_leaves_out_missing_values_like_r_na_rm() -> None:
    table = api("clus2")
    result = stats.total(clus2(), table.numeric("enroll"), na_rm=True)
    expected = reference()["clus2_total_narm"]["rows"][0]
    assert result.estimates[0] == pytest.approx(expected["estimate"], rel=1e-9)
    assert result.se[0] == pytest.approx(expected["se"], rel=1e-9)


def test_it_rejects_non_numeric_values() -> None:
    with pytest.raises(DataError, match="numeric"):
        stats.mean(design(), ["1", "2", "x", "4", "5", "6"])


def test_it_rejects_a_variable_of_the_wrong_length() -> None:
    with pytest.raises(DataError, match="5 values for 6"):
        stats.mean(design(), [1.0, 2.0, 3.0, 4.0, 5.0])


def test_it_rejects_a_domain_left_without_observations() -> None:
    y = [1.0, 2.0, 3.0, np.nan, np.nan, np.nan]
    with pytest.raises(EstimationError, match="domain g=2 has no observations"):
        stats.mean(design(), y, by={"g": [1, 1, 1, 2, 2, 2]}, na_rm=True)


def test_it_rejects_missing_domain_labels() -> None:
    with pytest.raises(DataError, match="missing"):
        labels = np.array(["x", "y", None, "x", "y", "x"], dtype=object)
        stats.mean(design(), [1.0] * 6, by={"g": labels})


def test_it_rejects_a_ratio_with_a_zero_denominator() -> None:
    with pytest.raises(EstimationError, match="zero"):
        stats.ratio(design(), [1.0] * 6, [0.0] * 6)


def test_it_offers_the_logit_interval_for_proportions_only() -> None:
    with pytest.raises(EstimationError, match="proportions only"):
        stats.mean(design(), [1.0] * 6).rows(method="logit")


def test_it_rejects_an_impossible_confidence_level() -> None:
    with pytest.raises(EstimationError, match="between 0 and 1"):
        stats.mean(design(), [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]).rows(level=95)


def test_it_gives_no_interval_without_degrees_of_freedom() -> None:
    one_psu_each = Design.build(
        [1.0, 1.0, 1.0, 1.0], strata=["a", "a", "b", "b"], clusters=[[1, 2, 1, 2]]
    )
    row = stats.mean(one_psu_each, [1.0, 2.0, 3.0, 5.0], by={"g": [1, 2, 2, 2]}).rows()[0]
    assert row.df == 0
    assert row.ci_low is None
    assert row.ci_high is None


def test_it_reports_an_absent_category_as_zero_with_no_design_effect() -> None:
    rows = stats.proportion(
        design(), ["x", "y", "x", "x", "x", "x"], by={"g": [1, 1, 1, 2, 2, 2]}
    ).rows(method="logit")
    absent = next(row for row in rows if row.domain == {"g": 2} and row.category == "y")
    assert absent.estimate == 0.0
    assert absent.se == 0.0
    assert absent.deff is None
    assert (absent.ci_low, absent.ci_high) == (0.0, 0.0)


def test_it_gives_no_design_effect_when_weights_sum_below_the_sample_size() -> None:
    unit_weights = Design.build([0.5] * 6, strata=STRATA)
    row = stats.mean(unit_weights, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]).rows()[0]
    assert row.deff is None
    assert math.isfinite(row.se)


def test_it_finds_rows_by_domain_and_category() -> None:
    table = stats.proportion(design(), ["x", "y", "x", "x", "y", "x"], by={"g": [1, 1, 1, 2, 2, 2]})
    assert table.index({"g": 2}, "y") == 3
    with pytest.raises(EstimationError, match="no estimate"):
        table.index({"g": 3}, "y")
    with pytest.raises(EstimationError, match="each domain variable"):
        table.index({}, "y")
