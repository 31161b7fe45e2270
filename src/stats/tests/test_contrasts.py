"""Contrasts between domain estimates: gaps, changes and the change of a gap."""

from __future__ import annotations

import numpy as np
import pytest

import stats
from stats.errors import EstimationError
from stats.tests.r_reference import CASES, reference


def wave_table() -> stats.EstimateTable:
    return CASES["waves_mean_by"]().table


def positions(table: stats.EstimateTable) -> dict[tuple[int, int], int]:
    return {
        (wave, urban): table.index({"wave": wave, "urban": urban})
        for wave in (1, 2)
        for urban in (0, 1)
    }


def r_contrast(name: str) -> dict[str, float]:
    found: dict[str, float] = next(
        c for c in reference()["waves_mean_by"]["contrasts"] if c["name"] == name
    )
    return found


def test_it_estimates_the_urban_rural_gap_like_r() -> None:
    table = wave_table()
    at = positions(table)
    gap = stats.difference(table, at[(2, 1)], at[(2, 0)])
    assert gap.estimate == pytest.approx(r_contrast("gap_wave2")["estimate"], rel=1e-9)
    assert gap.se == pytest.approx(r_contrast("gap_wave2")["se"], rel=1e-9)
    assert gap.ci_low is not None
    assert gap.ci_high is not None
    assert gap.ci_low < gap.estimate < gap.ci_high


def test_it_estimates_the_change_of_the_gap_like_r() -> None:
    table = wave_table()
    at = positions(table)
    change = stats.difference_in_differences(
        table, (at[(2, 1)], at[(2, 0)]), (at[(1, 1)], at[(1, 0)])
    )
    expected = r_contrast("gap_change")
    assert change.estimate == pytest.approx(expected["estimate"], rel=1e-9)
    assert change.se == pytest.approx(expected["se"], rel=1e-9)
    assert change.df == table.design_df


def test_it_treats_stacked_waves_as_independent() -> None:
    table = wave_table()
    at = positions(table)
    for first in (at[(1, 0)], at[(1, 1)]):
        for second in (at[(2, 0)], at[(2, 1)]):
            assert table.covariance[first, second] == 0.0


def test_it_accepts_a_full_coefficient_vector() -> None:
    table = wave_table()
    vector = np.zeros(len(table))
    vector[0] = 1.0
    result = stats.contrast(table, vector)
    assert result.estimate == table.estimates[0]
    assert result.se == pytest.approx(table.se[0])


def test_it_rejects_coefficients_that_do_not_fit() -> None:
    table = wave_table()
    with pytest.raises(EstimationError, match="one coefficient per estimate"):
        stats.contrast(table, [1.0, -1.0])
    with pytest.raises(EstimationError, match="no estimate at position 9"):
        stats.contrast(table, {9: 1.0})
