"""Replicate designs: construction, errors, and agreement with the Taylor variance."""

from __future__ import annotations

import numpy as np
import pytest

import stats
from stats.errors import ReplicateError
from stats.tests.r_reference import api, clus1, strat


def test_it_draws_the_same_bootstrap_for_the_same_seed() -> None:
    first = stats.bootstrap(strat(), replicates=20, seed=7)
    second = stats.bootstrap(strat(), replicates=20, seed=7)
    np.testing.assert_array_equal(first.factors, second.factors)


def test_it_keeps_bootstrap_weight_totals_within_each_stratum() -> None:
    design = strat()
    replicate = stats.bootstrap(design, replicates=30, seed=1)
    psu_per_stratum = design.stages[0].sampled[design.stages[0].parent]
    drawn = replicate.factors * ((psu_per_stratum - 1) / psu_per_stratum)[:, None]
    per_stratum = np.zeros((design.stages[0].n_groups, 30))
    np.add.at(per_stratum, design.stages[0].parent, drawn)
    np.testing.assert_allclose(
        per_stratum, np.repeat((design.stages[0].sampled - 1)[:, None], 30, axis=1)
    )


def test_it_gives_a_bootstrap_variance_close_to_the_taylor_variance() -> None:
    design = stats.Design.build(api("strat").numeric("pw"), strata=api("strat").labels("stype"))
    y = api("strat").numeric("api00")
    taylor = stats.mean(design, y).se[0]
    boot = stats.mean(stats.bootstrap(design, replicates=2000, seed=3), y).se[0]
    assert boot == pytest.approx(taylor, rel=0.05)


def test_it_refuses_jk1_for_a_stratified_design() -> None:
    with pytest.raises(ReplicateError, match="unstratified"):
        stats.jackknife_jk1(strat())


def test_it_refuses_the_bootstrap_with_a_single_psu_in_a_stratum() -> None:
    design = stats.Design.build([1.0, 1.0, 1.0], strata=["a", "a", "b"], lonely_psu="remove")
    with pytest.raises(ReplicateError, match="two PSUs"):
        stats.bootstrap(design)


def test_it_rejects_replicate_weights_of_the_wrong_shape() -> None:
    with pytest.raises(ReplicateError, match="shape"):
        stats.from_replicate_weights([1.0, 2.0], np.ones((3, 4)), kind="JK1")


def test_it_rejects_negative_replicate_weights() -> None:
    with pytest.raises(ReplicateError, match="negative"):
        stats.from_replicate_weights([1.0, 2.0], [[1.0, -1.0], [1.0, 1.0]], kind="JK1")


def test_it_needs_scales_for_jkn_and_other_replicates() -> None:
    with pytest.raises(ReplicateError, match="rscales"):
        stats.from_replicate_weights([1.0, 2.0], np.ones((2, 2)), kind="JKn")
    with pytest.raises(ReplicateError, match="explicit scale"):
        stats.from_replicate_weights([1.0, 2.0], np.ones((2, 2)), kind="other")


def test_it_reports_a_domain_without_weight_in_a_replicate() -> None:
    replicate = stats.jackknife_jk1(clus1())
    table = api("clus1")
    alone = (table.labels("dnum") == table.labels("dnum")[0]).astype(int)
    with pytest.raises(ReplicateError, match="no weight in replicate"):
        stats.mean(replicate, table.numeric("api00"), by={"alone": alone})


def test_it_returns_replicate_weights_as_respondents_by_replicates() -> None:
    replicate = stats.jackknife_jk1(clus1())
    table = replicate.replicate_weights()
    assert table.shape == (replicate.n_rows, replicate.n_replicates)
    n = replicate.n_replicates
    np.testing.assert_allclose(table.sum(axis=1) / replicate.weights, np.full(replicate.n_rows, n))
    assert (table == 0).sum() == replicate.n_rows


def rank_by_svd(factors: np.ndarray, unit: np.ndarray, rows: np.ndarray) -> int:
    table = factors[np.unique(unit[rows])]
    if not table.any():
        return 0
    return int(np.linalg.matrix_rank(table, rtol=1e-5)) - 1


@pytest.mark.parametrize("inner_rank", [3, 12, 40])
def test_it_gives_each_domain_the_rank_of_its_replicate_weights_minus_one(
    inner_rank: int,
) -> None:
    rng = np.random.default_rng(inner_rank)
    n_rows, n_replicates = 600, 30
    # Factors of rank inner_rank (below, near and above the number of replicates).
    factors = rng.random((n_rows, inner_rank)) @ rng.random((inner_rank, n_replicates))
    weights = 1 + rng.random(n_rows)
    design = stats.from_replicate_weights(weights, weights[:, None] * factors, kind="bootstrap")
    codes = rng.integers(0, 6, n_rows)
    codes[codes == 5] = np.where(np.arange(np.sum(codes == 5)) < 2, 5, -1)  # a tiny domain
    expected = [rank_by_svd(design.factors, design.unit, codes == d) for d in range(6)]
    np.testing.assert_array_equal(design.domain_degrees_of_freedom(codes, 6), expected)
    assert expected[5] == 1
    assert design.degrees_of_freedom() == min(inner_rank, n_replicates) - 1


def test_it_gives_a_domain_without_replicate_weight_no_degrees_of_freedom() -> None:
    factors = np.ones((4, 3))
    factors[2:] = 0.0
    design = stats.from_replicate_weights([1.0] * 4, factors, kind="bootstrap")
    df = design.domain_degrees_of_freedom(np.array([0, 0, 1, 1]), 2)
    np.testing.assert_array_equal(df, [0, 0])


def test_it_works_out_the_domain_degrees_of_freedom_once_per_design() -> None:
    replicate = stats.jackknife_jk1(clus1())
    table = api("clus1")
    by = {"stype": table.labels("stype")}
    first = stats.mean(replicate, table.numeric("api00"), by=by)
    second = stats.total(replicate, table.numeric("enroll"), by=by)
    np.testing.assert_array_equal(first.df, second.df)
    # One entry for the whole design, one for the domains: the second estimate reused both.
    assert len(replicate.known_df) == 2
    codes = np.unique(table.labels("stype"), return_inverse=True)[1].astype(np.int64)
    df = replicate.domain_degrees_of_freedom(codes, 3)
    np.testing.assert_array_equal(df, first.df)
    assert replicate.domain_degrees_of_freedom(codes.copy(), 3) is df
    assert len(replicate.known_df) == 2
