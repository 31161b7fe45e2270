"""Properties that hold for any data: invariances and internal consistency."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import stats
from stats import variance

SAMPLES = st.integers(min_value=0, max_value=2**32 - 1)


def sample(seed: int, n: int = 60) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    strata = rng.integers(0, 3, n)
    return {
        "weights": rng.uniform(1, 5, n),
        "strata": strata,
        "psu": strata * 10 + rng.integers(0, 4, n),
        "y": rng.normal(10, 3, n),
        "category": rng.integers(0, 3, n),
        "domain": rng.integers(0, 2, n),
    }


def design_of(data: dict[str, np.ndarray], weights: np.ndarray | None = None) -> stats.Design:
    return stats.Design.build(
        data["weights"] if weights is None else weights,
        strata=data["strata"],
        clusters=[data["psu"]],
        lonely_psu="adjust",
    )


@settings(max_examples=25, deadline=None)
@given(SAMPLES, st.floats(min_value=0.01, max_value=100))
def test_it_is_unchanged_by_rescaling_the_weights(seed: int, factor: float) -> None:
    data = sample(seed)
    by = {"d": data["domain"]}
    base = stats.mean(design_of(data), data["y"], by=by)
    scaled = stats.mean(design_of(data, data["weights"] * factor), data["y"], by=by)
    np.testing.assert_allclose(scaled.estimates, base.estimates, rtol=1e-10)
    np.testing.assert_allclose(scaled.se, base.se, rtol=1e-8)
    totals = stats.total(design_of(data, data["weights"] * factor), data["y"], by=by)
    np.testing.assert_allclose(
        totals.estimates,
        factor * stats.total(design_of(data), data["y"], by=by).estimates,
        rtol=1e-10,
    )


@settings(max_examples=25, deadline=None)
@given(SAMPLES)
def test_it_gives_shares_that_add_up_within_each_domain(seed: int) -> None:
    data = sample(seed)
    table = stats.proportion(design_of(data), data["category"], by={"d": data["domain"]})
    per_domain = table.estimates.reshape(-1, 3)
    np.testing.assert_allclose(per_domain.sum(axis=1), 1.0, rtol=1e-12)
    blocks = table.covariance.reshape(len(per_domain), 3, len(per_domain), 3)
    scale = np.abs(table.covariance).max()
    np.testing.assert_allclose(blocks.sum(axis=3), 0.0, atol=1e-12 * scale)


@settings(max_examples=25, deadline=None)
@given(SAMPLES)
def test_it_does_not_depend_on_the_order_of_respondents(seed: int) -> None:
    data = sample(seed)
    order = np.random.default_rng(seed + 1).permutation(data["y"].size)
    shuffled = {name: values[order] for name, values in data.items()}
    first = stats.proportion(design_of(data), data["category"], by={"d": data["domain"]})
    second = stats.proportion(
        design_of(shuffled), shuffled["category"], by={"d": shuffled["domain"]}
    )
    np.testing.assert_allclose(second.estimates, first.estimates, rtol=1e-12)
    np.testing.assert_allclose(second.covariance, first.covariance, rtol=1e-9, atol=1e-15)


@settings(max_examples=15, deadline=None)
@given(SAMPLES)
def test_it_computes_the_same_variance_with_sparse_psu_totals(seed: int) -> None:
    data = sample(seed)
    dense = stats.proportion(design_of(data), data["category"], by={"d": data["domain"]})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(variance, "DENSE_CELL_LIMIT", 0)
        sparse = stats.proportion(design_of(data), data["category"], by={"d": data["domain"]})
    scale = np.abs(dense.covariance).max()
    np.testing.assert_allclose(sparse.covariance, dense.covariance, atol=1e-10 * scale)


def test_it_gives_zero_standard_error_for_a_constant() -> None:
    data = sample(1)
    table = stats.mean(design_of(data), np.full(data["y"].size, 7.0), by={"d": data["domain"]})
    np.testing.assert_allclose(table.estimates, 7.0)
    np.testing.assert_allclose(table.se, 0.0, atol=1e-12)
