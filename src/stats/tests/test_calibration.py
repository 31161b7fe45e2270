"""Post-stratification, raking and trimming: targets met, reports and errors."""

from __future__ import annotations

import numpy as np
import pytest

import stats
from stats.errors import CalibrationError
from stats.tests.r_reference import POPULATION_SCHWIDE, POPULATION_TYPES, api, clus1, reference


def margins() -> list[stats.Margin]:
    table = api("clus1")
    return [
        stats.Margin("stype", table.labels("stype"), POPULATION_TYPES),
        stats.Margin("sch_wide", table.labels("sch_wide"), POPULATION_SCHWIDE),
    ]


def weighted_counts(weights: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    return {str(label): float(weights[labels == label].sum()) for label in np.unique(labels)}


def test_it_rakes_the_weights_to_every_margin() -> None:
    result = stats.rake(clus1(), margins())
    assert result.report.converged
    assert result.report.max_error <= 1e-10
    for margin in margins():
        counts = weighted_counts(result.design.weights, np.asarray(margin.values))
        assert counts == pytest.approx(dict(margin.totals), rel=1e-9)


def test_it_rakes_to_the_same_weights_as_r() -> None:
    result = stats.rake(clus1(), margins(), tolerance=1e-14, max_iterations=500)
    np.testing.assert_allclose(
        result.design.weights, reference()["rake_mean"]["weights"], rtol=1e-9
    )


def test_it_reports_raking_that_does_not_converge() -> None:
    with pytest.raises(CalibrationError, match="did not converge in 1 iterations"):
        stats.rake(clus1(), margins(), max_iterations=1)
    report = stats.rake(clus1(), margins(), max_iterations=1, strict=False).report
    assert not report.converged
    assert report.iterations == 1
    assert report.max_error > report.tolerance


def test_it_rejects_a_margin_missing_a_category_of_the_data() -> None:
    table = api("clus1")
    partial = stats.Margin("stype", table.labels("stype"), {"E": 4421.0, "H": 755.0})
    with pytest.raises(CalibrationError, match=r"without a population count: \['M'\]"):
        stats.rake(clus1(), [partial])


def test_it_rejects_a_margin_with_a_category_absent_from_the_data() -> None:
    table = api("clus1")
    extra = stats.Margin("stype", table.labels("stype"), {**POPULATION_TYPES, "X": 5.0})
    with pytest.raises(CalibrationError, match=r"absent from the data: \['X'\]"):
        stats.poststratify(clus1(), extra)


def test_it_rejects_margins_of_different_populations() -> None:
    table = api("clus1")
    doubled = {key: 2 * value for key, value in POPULATION_SCHWIDE.items()}
    bad = [margins()[0], stats.Margin("sch_wide", table.labels("sch_wide"), doubled)]
    with pytest.raises(CalibrationError, match="same population"):
        stats.rake(clus1(), bad)


def test_it_rejects_non_positive_population_counts() -> None:
    table = api("clus1")
    zero = stats.Margin("stype", table.labels("stype"), {**POPULATION_TYPES, "H": 0.0})
    with pytest.raises(CalibrationError, match="positive"):
        stats.poststratify(clus1(), zero)


def test_it_post_stratifies_to_the_population_counts() -> None:
    design = stats.poststratify(clus1(), margins()[0])
    counts = weighted_counts(design.weights, np.asarray(margins()[0].values))
    assert counts == pytest.approx(POPULATION_TYPES, rel=1e-12)


def test_it_matches_categories_given_as_text_or_numbers() -> None:
    design = stats.Design.build([1.0, 1.0, 2.0])
    result = stats.poststratify(design, stats.Margin("g", [1, 2, 2], {"1": 10.0, "2": 30.0}))
    np.testing.assert_allclose(result.weights, [10.0, 10.0, 20.0])


def test_it_trims_weights_keeping_their_total() -> None:
    design = stats.Design.build([1.0, 2.0, 3.0, 10.0])
    trimmed = stats.trim_weights(design, upper=6.0, strict=True)
    assert trimmed.weights.max() <= 6.0
    assert trimmed.weights.sum() == pytest.approx(16.0)
    np.testing.assert_allclose(
        trimmed.weights, [2.333333333333333, 3.333333333333333, 4.333333333333333, 6.0]
    )


def test_it_rejects_bounds_that_exclude_every_weight() -> None:
    with pytest.raises(CalibrationError, match="every weight"):
        stats.trim_weights(stats.Design.build([1.0, 2.0]), lower=5.0, upper=6.0)
