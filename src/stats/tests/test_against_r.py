"""Every case of the R reference script, recomputed and compared number by number.

Estimates, standard errors, design effects and covariances must agree with R's survey
package to a relative difference of 1e-9; degrees of freedom and counts exactly.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import stats
from stats.estimate import EstimateRow
from stats.replicates import ReplicateDesign
from stats.tests.r_reference import CASES, reference, row_positions

RELATIVE = 1e-9


def assert_close(ours: float | None, theirs: float | None, what: str) -> None:
    if theirs is None:
        assert ours is None, f"{what}: R has no value, we have {ours}"
        return
    assert ours is not None, f"{what}: R has {theirs}, we have none"
    assert ours == pytest.approx(theirs, rel=RELATIVE, abs=1e-300), what


def assert_row(row: EstimateRow, expected: dict[str, Any], name: str) -> None:
    label = f"{name} {expected['domain']} {expected['category']}"
    assert_close(row.estimate, expected["estimate"], f"{label} estimate")
    assert_close(row.se, expected["se"], f"{label} se")
    assert_close(row.deff, expected["deff"], f"{label} deff")
    assert row.df == expected["df"], f"{label} df"
    assert row.n == expected["n"], f"{label} n"
    assert_close(row.ci_low, expected["ci_low"], f"{label} ci_low")
    assert_close(row.ci_high, expected["ci_high"], f"{label} ci_high")


@pytest.mark.parametrize("name", sorted(CASES))
def test_it_matches_r_survey(name: str) -> None:
    expected = reference()[name]
    case = CASES[name]()
    rows = case.table.rows(method=case.method)
    positions = row_positions(case.table, expected["rows"])
    assert sorted(positions) == list(range(len(case.table)))
    for position, expected_row in zip(positions, expected["rows"], strict=True):
        assert_row(rows[position], expected_row, name)
    if "covariance" in expected:
        theirs = np.array(expected["covariance"])
        ours = case.table.covariance[np.ix_(positions, positions)]
        scale = float(np.max(np.abs(np.diag(theirs))))
        np.testing.assert_allclose(ours, theirs, rtol=RELATIVE, atol=RELATIVE * scale)
    if "weights" in expected:
        assert case.design is not None
        np.testing.assert_allclose(case.design.weights, expected["weights"], rtol=RELATIVE)
    if "degf" in expected:
        assert isinstance(case.design, ReplicateDesign)
        assert case.design.degrees_of_freedom() == expected["degf"]


def test_it_matches_r_contrasts_between_waves_and_groups() -> None:
    expected = reference()["waves_mean_by"]
    table = CASES["waves_mean_by"]().table
    order = [
        table.index({"wave": wave, "urban": urban})
        for wave, urban in ((1, 0), (1, 1), (2, 0), (2, 1))
    ]
    for contrast in expected["contrasts"]:
        coefficients = dict(zip(order, contrast["coefficients"], strict=True))
        result = stats.contrast(table, coefficients)
        assert result.estimate == pytest.approx(contrast["estimate"], rel=RELATIVE)
        assert result.se == pytest.approx(contrast["se"], rel=RELATIVE)
        assert result.df == contrast["df"]
