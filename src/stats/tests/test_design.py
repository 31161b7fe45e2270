"""Building designs: what is accepted, and the errors for what is not."""

from __future__ import annotations

import numpy as np
import pytest

import stats
from stats.design import Design
from stats.errors import DataError, DesignError, LonelyPSUError
from stats.tests.r_reference import data


def small_design(**options: object) -> Design:
    return Design.build(
        [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        strata=["a", "a", "a", "b", "b", "b"],
        clusters=[[1, 1, 2, 1, 2, 3]],
        **options,  # type: ignore[arg-type]
    )


def test_it_counts_psus_minus_strata_as_degrees_of_freedom() -> None:
    assert small_design().degrees_of_freedom() == 5 - 2


def test_it_treats_cluster_ids_as_nested_in_strata() -> None:
    design = small_design()
    assert design.stages[0].n_units == 5


@pytest.mark.parametrize("weight", [0.0, -1.0])
def test_it_rejects_zero_or_negative_weights(weight: float) -> None:
    with pytest.raises(DesignError, match=r"positive.*row 2"):
        Design.build([1.0, weight, 2.0])


def test_it_rejects_missing_weights() -> None:
    with pytest.raises(DesignError, match="missing"):
        Design.build([1.0, np.nan, 2.0])


def test_it_rejects_non_numeric_weights() -> None:
    with pytest.raises(DataError, match="numeric"):
        Design.build(["1", "x"])


def test_it_rejects_strata_of_the_wrong_length() -> None:
    with pytest.raises(DataError, match="2 values for 3"):
        Design.build([1.0, 1.0, 1.0], strata=["a", "b"])


def test_it_rejects_missing_cluster_ids() -> None:
    with pytest.raises(DataError, match="missing"):
        Design.build([1.0, 1.0], clusters=[np.array([1.0, np.nan])])


def test_it_fails_on_a_lonely_psu_by_default_naming_the_stratum() -> None:
    table = data("lonely.csv")
    with pytest.raises(LonelyPSUError, match="stratum 5 has only one sampled unit"):
        Design.build(
            table.numeric("w"), strata=table.labels("stratum"), clusters=[table.labels("psu")]
        )


def test_it_accepts_a_lonely_psu_taken_with_certainty() -> None:
    design = Design.build(
        [1.0, 1.0, 2.0, 2.0],
        strata=["a", "a", "b", "b"],
        clusters=[[1, 2, 1, 1]],
        fpc=[[10, 10, 1, 1]],
    )
    result = stats.mean(design, [1.0, 2.0, 3.0, 5.0])
    assert result.se[0] > 0


def test_it_rejects_an_unknown_lonely_psu_rule() -> None:
    with pytest.raises(DesignError, match="unknown lonely-PSU rule"):
        small_design(lonely_psu="ignore")


def test_it_rejects_the_average_rule_when_every_stratum_is_lonely() -> None:
    with pytest.raises(DesignError, match="every stratum"):
        Design.build([1.0, 1.0], strata=["a", "b"], lonely_psu="average")


def test_it_rejects_fpc_mixing_sizes_and_fractions() -> None:
    with pytest.raises(DesignError, match="mixes"):
        small_design(fpc=[[10, 10, 10, 0.5, 0.5, 0.5]])


def test_it_rejects_fpc_varying_within_a_stratum() -> None:
    with pytest.raises(DesignError, match="varies within"):
        small_design(fpc=[[10, 11, 10, 8, 8, 8]])


def test_it_rejects_fpc_below_the_sample_size() -> None:
    with pytest.raises(DesignError, match="more than 100%"):
        small_design(fpc=[[1, 1, 1, 8, 8, 8]])


def test_it_rejects_fpc_for_only_some_stages() -> None:
    with pytest.raises(DesignError, match="every stage"):
        Design.build([1.0, 1.0, 1.0], clusters=[[1, 1, 2], [1, 2, 1]], fpc=[[5, 5, 5]])


def test_it_reads_fpc_as_fraction_or_population_size_alike() -> None:
    y = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0]
    by_size = stats.mean(small_design(fpc=[[4, 4, 4, 6, 6, 6]]), y)
    by_fraction = stats.mean(small_design(fpc=[[0.5, 0.5, 0.5, 0.5, 0.5, 0.5]]), y)
    assert by_size.se[0] == pytest.approx(by_fraction.se[0], rel=1e-12)
