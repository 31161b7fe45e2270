"""The cases of ``reference/make_reference.R``, rebuilt with the engine.

Each case name in ``survey_reference.json`` maps to a function that returns the engine's
estimate table (and the interval method the R case used); the tests compare row by row,
matching rows on their domain and category labels.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

import numpy as np

import stats
from stats.data import DataTable, read_data
from stats.design import Design
from stats.estimate import EstimateTable
from stats.replicates import ReplicateDesign

REFERENCE_DIR = Path(__file__).parent / "reference"
REFERENCE_FILE = REFERENCE_DIR / "survey_reference.json"

POPULATION_TYPES = {"E": 4421.0, "H": 755.0, "M": 1018.0}
POPULATION_SCHWIDE = {"No": 1072.0, "Yes": 5122.0}


@dataclass(frozen=True, eq=False)
class Case:
    table: EstimateTable
    method: str = "wald"
    design: Design | ReplicateDesign | None = None


@cache
def reference() -> dict[str, Any]:
    with REFERENCE_FILE.open() as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def data(name: str) -> DataTable:
    return read_data(REFERENCE_DIR / name)


def strat(fpc: bool = True) -> Design:
    table = data("api_strat.csv")
    return Design.build(
        table.numeric("pw"),
        strata=table.labels("stype"),
        fpc=[table.numeric("fpc")] if fpc else [],
    )


def clus1(fpc: bool = True) -> Design:
    table = data("api_clus1.csv")
    return Design.build(
        table.numeric("pw"),
        clusters=[table.labels("dnum")],
        fpc=[table.numeric("fpc")] if fpc else [],
    )


def clus2(fpc: bool = True) -> Design:
    table = data("api_clus2.csv")
    return Design.build(
        table.numeric("pw"),
        clusters=[table.labels("dnum"), table.labels("snum")],
        fpc=[table.numeric("fpc1"), table.numeric("fpc2")] if fpc else [],
    )


def waves(fpc: bool = False) -> Design:
    table = data("waves.csv")
    return Design.build(
        table.numeric("w"),
        strata=stratum_of(table, "wave", "region"),
        clusters=[table.labels("psu")],
        fpc=[table.numeric("psu_total")] if fpc else [],
    )


def stratum_of(table: DataTable, *names: str) -> np.ndarray[Any, np.dtype[np.str_]]:
    parts = [table.text(name) for name in names]
    joined = parts[0]
    for part in parts[1:]:
        joined = np.char.add(np.char.add(joined, " "), part)
    return joined


def lonely(rule: str, fpc: bool = False) -> Design:
    table = data("lonely.csv")
    return Design.build(
        table.numeric("w"),
        strata=table.labels("stratum"),
        clusters=[table.labels("psu")],
        fpc=[table.numeric("psu_total")] if fpc else [],
        lonely_psu=rule,
    )


def by(table: DataTable, *names: str) -> dict[str, Any]:
    return {name: table.labels(name) for name in names}


def post() -> Design:
    table = data("api_clus1.csv")
    return stats.poststratify(
        clus1(), stats.Margin("stype", table.labels("stype"), POPULATION_TYPES)
    )


def raked() -> Design:
    table = data("api_clus1.csv")
    margins = [
        stats.Margin("stype", table.labels("stype"), POPULATION_TYPES),
        stats.Margin("sch_wide", table.labels("sch_wide"), POPULATION_SCHWIDE),
    ]
    return stats.rake(clus1(), margins, tolerance=1e-14, max_iterations=500).design


def bootstrap_design() -> ReplicateDesign:
    table = data("api_strat.csv")
    replicate_table = data("bootstrap_weights.csv")
    columns = np.column_stack([replicate_table.numeric(name) for name in replicate_table.names])
    return stats.from_replicate_weights(table.numeric("pw"), columns, kind="bootstrap")


def api(name: str) -> DataTable:
    return data(f"api_{name}.csv")


def build_cases() -> dict[str, Callable[[], Case]]:  # noqa: PLR0915 - one line per R case
    cases: dict[str, Callable[[], Case]] = {}
    s, c1, c2, w = api("strat"), api("clus1"), api("clus2"), data("waves.csv")

    def add(name: str, make: Callable[[], Case]) -> None:
        cases[name] = make

    add("strat_mean", lambda: Case(stats.mean(strat(), s.numeric("api00"))))
    add("strat_mean_nofpc", lambda: Case(stats.mean(strat(False), s.numeric("api00"))))
    add("strat_total", lambda: Case(stats.total(strat(), s.numeric("enroll"))))
    add("strat_ratio", lambda: Case(stats.ratio(strat(), s.numeric("api00"), s.numeric("api99"))))
    add("strat_proportion", lambda: Case(stats.proportion(strat(), s.labels("awards")), "logit"))
    add(
        "strat_mean_by", lambda: Case(stats.mean(strat(), s.numeric("api00"), by=by(s, "sch_wide")))
    )

    add("clus1_mean", lambda: Case(stats.mean(clus1(), c1.numeric("api00"))))
    add("clus1_mean_nofpc", lambda: Case(stats.mean(clus1(False), c1.numeric("api00"))))
    add("clus1_mean_by", lambda: Case(stats.mean(clus1(), c1.numeric("api00"), by=by(c1, "stype"))))
    add(
        "clus1_total_by",
        lambda: Case(stats.total(clus1(), c1.numeric("enroll"), by=by(c1, "stype"))),
    )
    add(
        "clus1_ratio_by",
        lambda: Case(
            stats.ratio(clus1(), c1.numeric("api00"), c1.numeric("api99"), by=by(c1, "sch_wide"))
        ),
    )
    add(
        "clus1_proportion_by",
        lambda: Case(stats.proportion(clus1(), c1.labels("awards"), by=by(c1, "stype")), "logit"),
    )
    add(
        "clus1_proportion_by_wald",
        lambda: Case(stats.proportion(clus1(False), c1.labels("awards"), by=by(c1, "stype"))),
    )

    add("clus2_mean", lambda: Case(stats.mean(clus2(), c2.numeric("api00"))))
    add("clus2_mean_nofpc", lambda: Case(stats.mean(clus2(False), c2.numeric("api00"))))
    add("clus2_mean_by", lambda: Case(stats.mean(clus2(), c2.numeric("api00"), by=by(c2, "stype"))))
    add("clus2_total_narm", lambda: Case(stats.total(clus2(), c2.numeric("enroll"), na_rm=True)))
    add(
        "clus2_mean_by_narm",
        lambda: Case(stats.mean(clus2(), c2.numeric("enroll"), by=by(c2, "stype"), na_rm=True)),
    )
    add("clus2_proportion", lambda: Case(stats.proportion(clus2(), c2.labels("awards")), "logit"))

    add(
        "waves_mean_by",
        lambda: Case(stats.mean(waves(), w.numeric("y"), by=by(w, "wave", "urban"))),
    )
    add(
        "waves_fpc_mean_by",
        lambda: Case(stats.mean(waves(True), w.numeric("y"), by=by(w, "wave", "urban"))),
    )
    add(
        "waves_proportion_by",
        lambda: Case(
            stats.proportion(waves(), w.labels("grade"), by=by(w, "wave", "urban")), "logit"
        ),
    )
    add(
        "waves_ratio",
        lambda: Case(stats.ratio(waves(), w.numeric("y"), w.numeric("hours"), by=by(w, "wave"))),
    )

    lonely_data = data("lonely.csv")
    y = lonely_data.numeric("y")

    def lonely_mean(rule: str) -> Case:
        return Case(stats.mean(lonely(rule), y))

    def lonely_total(rule: str) -> Case:
        return Case(stats.total(lonely(rule, True), y))

    def lonely_mean_by(rule: str) -> Case:
        return Case(stats.mean(lonely(rule), y, by=by(lonely_data, "group")))

    for rule in ("remove", "certainty", "adjust", "average"):
        add(f"lonely_{rule}_mean", partial(lonely_mean, rule))
        add(f"lonely_{rule}_total", partial(lonely_total, rule))
        add(f"lonely_{rule}_mean_by", partial(lonely_mean_by, rule))

    add("post_mean", lambda: Case(stats.mean(post(), c1.numeric("api00")), design=post()))
    add("post_total", lambda: Case(stats.total(post(), c1.numeric("enroll"))))
    add(
        "post_mean_by", lambda: Case(stats.mean(post(), c1.numeric("api00"), by=by(c1, "sch_wide")))
    )
    add("rake_mean", lambda: Case(stats.mean(raked(), c1.numeric("api00")), design=raked()))
    add("rake_total", lambda: Case(stats.total(raked(), c1.numeric("enroll"))))
    add("rake_mean_by", lambda: Case(stats.mean(raked(), c1.numeric("api00"), by=by(c1, "stype"))))
    add("rake_proportion", lambda: Case(stats.proportion(raked(), c1.labels("awards"))))

    def trimmed(strict: bool) -> Case:
        design = stats.trim_weights(strat(), lower=18, upper=40, strict=strict)
        return Case(stats.mean(design, s.numeric("api00")), design=design)

    add("trim_mean", lambda: trimmed(False))
    add("trim_strict", lambda: trimmed(True))

    def jk1() -> ReplicateDesign:
        return stats.jackknife_jk1(clus1())

    def jkn() -> ReplicateDesign:
        return stats.jackknife_jkn(strat())

    add("jk1_mean", lambda: Case(stats.mean(jk1(), c1.numeric("api00")), design=jk1()))
    add(
        "jk1_mean_by",
        lambda: Case(stats.mean(jk1(), c1.numeric("api00"), by=by(c1, "stype")), design=jk1()),
    )
    add(
        "jk1_total_by",
        lambda: Case(stats.total(jk1(), c1.numeric("enroll"), by=by(c1, "sch_wide")), design=jk1()),
    )
    add("jk1_proportion", lambda: Case(stats.proportion(jk1(), c1.labels("awards")), design=jk1()))
    add("jkn_mean", lambda: Case(stats.mean(jkn(), s.numeric("api00")), design=jkn()))
    add(
        "jkn_mean_by",
        lambda: Case(stats.mean(jkn(), s.numeric("api00"), by=by(s, "sch_wide")), design=jkn()),
    )
    add(
        "boot_mean",
        lambda: Case(stats.mean(bootstrap_design(), s.numeric("api00")), design=bootstrap_design()),
    )
    add(
        "boot_mean_by",
        lambda: Case(
            stats.mean(bootstrap_design(), s.numeric("api00"), by=by(s, "sch_wide")),
            design=bootstrap_design(),
        ),
    )
    add(
        "boot_proportion",
        lambda: Case(
            stats.proportion(bootstrap_design(), s.labels("awards")), design=bootstrap_design()
        ),
    )
    return cases


CASES = build_cases()


def row_positions(table: EstimateTable, rows: list[dict[str, Any]]) -> list[int]:
    """Position in ``table`` of each reference row, matched on domain and category text."""
    keys = [
        (tuple(str(value) for value in domain), None if category is None else str(category))
        for domain, category in zip(table.domains, table.categories, strict=True)
    ]
    positions = []
    for row in rows:
        wanted = (tuple(row["domain"][name] for name in table.domain_names), row["category"])
        positions.append(keys.index(wanted))
    return positions
