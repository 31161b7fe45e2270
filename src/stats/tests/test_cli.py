"""The command line: JSON estimates equal to R's, raking output, one-line errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from openpyxl import Workbook

from stats.cli import main
from stats.data import read_data
from stats.tests.r_reference import REFERENCE_DIR, reference

WAVES = str(REFERENCE_DIR / "waves.csv")
STRAT = str(REFERENCE_DIR / "api_strat.csv")
CLUS1 = str(REFERENCE_DIR / "api_clus1.csv")
CLUS2 = str(REFERENCE_DIR / "api_clus2.csv")
LONELY = str(REFERENCE_DIR / "lonely.csv")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def estimates(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    code, out, err = run(capsys, "estimate", *args)
    assert code == 0, err
    rows: list[dict[str, Any]] = json.loads(out)["estimates"]
    return rows


def test_it_prints_domain_means_equal_to_r(capsys: pytest.CaptureFixture[str]) -> None:
    rows = estimates(
        capsys,
        WAVES,
        "--weight",
        "w",
        "--strata",
        "wave,region",
        "--psu",
        "psu",
        "--mean",
        "y",
        "--by",
        "wave,urban",
    )
    expected = reference()["waves_mean_by"]["rows"]
    assert len(rows) == len(expected)
    for row in expected:
        domain = {name: int(value) for name, value in row["domain"].items()}
        ours = next(r for r in rows if r["domain"] == domain)
        assert "category" not in ours
        for key in ("estimate", "se", "ci_low", "ci_high", "deff"):
            assert ours[key] == pytest.approx(row[key], rel=1e-9)
        assert ours["df"] == row["df"]
        assert ours["n"] == row["n"]


def test_it_prints_logit_intervals_for_proportions(capsys: pytest.CaptureFixture[str]) -> None:
    rows = estimates(
        capsys,
        CLUS2,
        "--weight",
        "pw",
        "--psu",
        "dnum",
        "--ssu",
        "snum",
        "--fpc",
        "fpc1,fpc2",
        "--proportion",
        "awards",
        "--ci",
        "logit",
    )
    expected = reference()["clus2_proportion"]["rows"]
    assert [r["category"] for r in rows] == ["No", "Yes"]
    for ours, theirs in zip(rows, expected, strict=True):
        assert ours["domain"] == {}
        for key in ("estimate", "se", "ci_low", "ci_high"):
            assert ours[key] == pytest.approx(theirs[key], rel=1e-9)


def test_it_prints_ratios_and_totals(capsys: pytest.CaptureFixture[str]) -> None:
    ratio = estimates(
        capsys,
        STRAT,
        "--weight",
        "pw",
        "--strata",
        "stype",
        "--fpc",
        "fpc",
        "--ratio",
        "api00/api99",
    )[0]
    assert ratio["se"] == pytest.approx(reference()["strat_ratio"]["rows"][0]["se"], rel=1e-9)
    total = estimates(
        capsys,
        CLUS2,
        "--weight",
        "pw",
        "--psu",
        "dnum",
        "--ssu",
        "snum",
        "--fpc",
        "fpc1,fpc2",
        "--total",
        "enroll",
        "--na-rm",
    )[0]
    expected = reference()["clus2_total_narm"]["rows"][0]
    assert total["se"] == pytest.approx(expected["se"], rel=1e-9)


def test_it_applies_the_lonely_psu_rule(capsys: pytest.CaptureFixture[str]) -> None:
    row = estimates(
        capsys,
        LONELY,
        "--weight",
        "w",
        "--strata",
        "stratum",
        "--psu",
        "psu",
        "--mean",
        "y",
        "--lonely-psu",
        "adjust",
    )[0]
    assert row["se"] == pytest.approx(reference()["lonely_adjust_mean"]["rows"][0]["se"], rel=1e-9)


def write(path: Path, text: str) -> str:
    path.write_text(text)
    return str(path)


def test_it_rakes_and_writes_the_new_weights(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    types = write(tmp_path / "types.csv", "category,total\nE,4421\nH,755\nM,1018\n")
    schwide = write(tmp_path / "schwide.csv", "category,total\nNo,1072\nYes,5122\n")
    out = tmp_path / "raked.csv"
    code, printed, err = run(
        capsys,
        "rake",
        CLUS1,
        "--weight",
        "pw",
        "--margin",
        f"stype={types}",
        "--margin",
        f"sch_wide={schwide}",
        "--out",
        str(out),
        "--tolerance",
        "1e-14",
        "--max-iterations",
        "500",
    )
    assert code == 0, err
    report = json.loads(printed)
    assert report["report"]["converged"] is True
    assert report["weight_column"] == "pw_raked"
    written = read_data(out, "text")
    assert written.names[-1] == "pw_raked"
    np.testing.assert_allclose(
        written.numeric("pw_raked"), reference()["rake_mean"]["weights"], rtol=1e-9
    )
    original = read_data(CLUS1, "text")
    assert written.names[:-1] == original.names
    for name in original.names:  # every field copied as written, e.g. ids with a leading 0
        np.testing.assert_array_equal(written.text(name), original.text(name))
    assert written.text("cds")[0] == "01612910137588"


def test_it_rakes_the_weights_of_an_spss_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    frame = pd.read_csv(CLUS1, dtype={"cds": str})
    data = tmp_path / "clus1.sav"
    pyreadstat.write_sav(frame, str(data))
    types = write(tmp_path / "types.csv", "category,total\nE,4421\nH,755\nM,1018\n")
    out = tmp_path / "raked.csv"
    code, _, err = run(
        capsys, "rake", str(data), "--weight", "pw", "--margin", f"stype={types}", "--out", str(out)
    )
    assert code == 0, err
    written = read_data(out)
    totals = {
        stype: written.numeric("pw_raked")[written.labels("stype") == stype].sum()
        for stype in ("E", "H", "M")
    }
    assert totals == pytest.approx({"E": 4421.0, "H": 755.0, "M": 1018.0}, rel=1e-9)
    assert written.labels("cds").tolist() == read_data(CLUS1).labels("cds").tolist()


ERRORS = [
    (["estimate", WAVES, "--weight", "w", "--mean", "nope"], "column 'nope' not found"),
    (["estimate", WAVES, "--weight", "w", "--mean", "grade"], "non-numeric value 'B' on line"),
    (["estimate", CLUS2, "--weight", "pw", "--mean", "enroll"], "6 missing value"),
    (
        ["estimate", LONELY, "--weight", "w", "--strata", "stratum", "--psu", "psu", "--mean", "y"],
        "stratum 5 has only one sampled unit",
    ),
    (["estimate", WAVES, "--weight", "y", "--ratio", "y"], "NUMERATOR/DENOMINATOR"),
    (["estimate", WAVES, "--weight", "w", "--mean", "y", "--ci", "logit"], "proportions only"),
    (["estimate", "/nonexistent.csv", "--weight", "w", "--mean", "y"], "file not found"),
    (["estimate", WAVES, "--weight", "w"], "nothing to estimate"),
    (["estimate", WAVES, "--mean", "y"], "--weight is required"),
    (["estimate", WAVES, "--weight", "w", "--ssu", "psu", "--mean", "y"], "--ssu needs --psu"),
    (["estimate", WAVES, "--weight", "w", "--mean", "y", "--by", "wave,"], "empty column name"),
    (["estimate", WAVES, "--weight", "w", "--mean", "y", "--sheet", "x"], "not a spreadsheet"),
    (["estimate", WAVES, "--weight", "w", "--spec", "/nonexistent.toml"], "spec file not found"),
    (["estimate", WAVES, "--weight", "w", "--mean", "y", "--lonely-psu", "x"], "invalid choice"),
]


@pytest.mark.parametrize(("args", "message"), ERRORS)
def test_it_reports_bad_input_in_one_line_with_status_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert message in err


def test_it_reports_zero_weights(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = write(tmp_path / "d.csv", "w,y\n1,2\n0,3\n2,4\n")
    code, _, err = run(capsys, "estimate", data, "--weight", "w", "--mean", "y")
    assert code == 2
    assert "zero or negative weight (first: row 2" in err


def test_it_reports_margins_that_do_not_fit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    margins = write(tmp_path / "m.csv", "category,total\nE,4421\nH,755\n")
    code, _, err = run(
        capsys,
        "rake",
        CLUS1,
        "--weight",
        "pw",
        "--margin",
        f"stype={margins}",
        "--out",
        str(tmp_path / "o.csv"),
    )
    assert code == 2
    assert "without a population count: ['M']" in err
    assert not (tmp_path / "o.csv").exists()


def matching(rows: list[dict[str, Any]], statistic: str, variable: str) -> list[dict[str, Any]]:
    return [row for row in rows if row["statistic"] == statistic and row["variable"] == variable]


def assert_equal_to_r(ours: list[dict[str, Any]], case: str, keys: tuple[str, ...]) -> None:
    expected = reference()[case]["rows"]
    assert len(ours) == len(expected)
    for theirs in expected:
        row = next(
            r
            for r in ours
            if {k: str(v) for k, v in r["domain"].items()} == theirs["domain"]
            and (theirs["category"] is None or r["category"] == theirs["category"])
        )
        for key in keys:
            assert row[key] == pytest.approx(theirs[key], rel=1e-9), (case, key)


CLUS1_DESIGN = ["--weight", "pw", "--psu", "dnum", "--fpc", "fpc"]


def test_it_estimates_several_statistics_from_one_reading(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = estimates(
        capsys,
        CLUS1,
        *CLUS1_DESIGN,
        "--mean",
        "api00",
        "--total",
        "enroll",
        "--ratio",
        "api00/api99",
        "--by",
        "stype",
    )
    assert [row["statistic"] for row in rows] == ["mean"] * 3 + ["total"] * 3 + ["ratio"] * 3
    assert_equal_to_r(matching(rows, "mean", "api00"), "clus1_mean_by", ("estimate", "se", "df"))
    assert_equal_to_r(matching(rows, "total", "enroll"), "clus1_total_by", ("estimate", "se"))
    assert len(matching(rows, "ratio", "api00/api99")) == 3


def test_it_estimates_each_statistic_for_each_set_of_domains(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = estimates(
        capsys,
        CLUS1,
        *CLUS1_DESIGN,
        "--mean",
        "api00,enroll",
        "--by",
        "stype",
        "--by",
        "sch_wide",
    )
    assert [(row["variable"], *row["domain"]) for row in rows] == (
        [("api00", "stype")] * 3
        + [("api00", "sch_wide")] * 2
        + [("enroll", "stype")] * 3
        + [("enroll", "sch_wide")] * 2
    )
    assert_equal_to_r(matching(rows, "mean", "api00")[:3], "clus1_mean_by", ("estimate", "se"))
    # The same numbers as one estimate at a time.
    alone = estimates(capsys, CLUS1, *CLUS1_DESIGN, "--mean", "enroll", "--by", "sch_wide")
    assert matching(rows, "mean", "enroll")[3:] == alone


SPEC_TOML = """
weight = "pw"
psu = "dnum"
ssu = "snum"
fpc = ["fpc1", "fpc2"]

[[estimate]]
proportion = "awards"
ci = "logit"

[[estimate]]
total = "enroll"
na_rm = true

[[estimate]]
mean = "api00"
by = ["stype"]
"""


def test_it_runs_a_spec_file_of_many_estimates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = write(tmp_path / "spec.toml", SPEC_TOML)
    rows = estimates(capsys, CLUS2, "--spec", spec)
    assert_equal_to_r(
        matching(rows, "proportion", "awards"),
        "clus2_proportion",
        ("estimate", "se", "ci_low", "ci_high"),
    )
    assert_equal_to_r(matching(rows, "total", "enroll"), "clus2_total_narm", ("estimate", "se"))
    assert_equal_to_r(matching(rows, "mean", "api00"), "clus2_mean_by", ("estimate", "se"))
    as_json = write(
        tmp_path / "spec.json",
        json.dumps(
            {
                "weight": "pw",
                "psu": "dnum",
                "ssu": "snum",
                "fpc": "fpc1,fpc2",
                "estimate": [
                    {"proportion": "awards", "ci": "logit"},
                    {"total": "enroll", "na_rm": True},
                    {"mean": "api00", "by": "stype"},
                ],
            }
        ),
    )
    assert estimates(capsys, CLUS2, "--spec", as_json) == rows


def test_it_adds_command_line_estimates_and_design_to_a_spec(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    spec = write(tmp_path / "spec.toml", '[[estimate]]\nmean = "api00"\nby = "stype"\n')
    rows = estimates(capsys, CLUS1, "--spec", spec, *CLUS1_DESIGN, "--total", "enroll")
    assert [row["statistic"] for row in rows] == ["total", "mean", "mean", "mean"]
    assert_equal_to_r(rows[1:], "clus1_mean_by", ("estimate", "se"))


SPEC_ERRORS = [
    ('weight = "w"\n[[estimate]]\nmeen = "y"\n', "estimate 1: unknown key 'meen'"),
    ('weight = "w"\n[[estimate]]\nmean = "y"\ntotal = "y"\n', "give exactly one of"),
    ('weight = "w"\n[[estimate]]\nratio = "y"\n', "NUMERATOR/DENOMINATOR"),
    ('weight = "w"\n[[estimate]]\nmean = "y"\nci = "exact"\n', "ci must be one of"),
    ('weight = "w"\n[[estimate]]\nmean = "y"\nby = 3\n', "by must be a column name"),
    ('weight = "w"\nestimate = "y"\n', "estimate must be a list of tables"),
    ('weight = "w"\nlonely_psu = "drop"\n', "lonely_psu must be one of"),
    ('weight = "w"\nwieght = "w"\n', "unknown key 'wieght'"),
    ('weight = "w"\n[[estimate]\nmean = "y"\n', "cannot read the spec file"),
    ('[[estimate]]\nmean = "y"\n', "--weight is required"),
    ('weight = "w"\n[[estimate]]\nmean = "nope"\n', "column 'nope' not found"),
]


@pytest.mark.parametrize(("text", "message"), SPEC_ERRORS)
def test_it_reports_a_bad_spec_file_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str
) -> None:
    spec = write(tmp_path / "spec.toml", text)
    code, out, err = run(capsys, "estimate", WAVES, "--spec", spec)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


def test_it_estimates_from_a_spreadsheet_sheet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Notes"
    first.append(["not the data"])
    sheet = book.create_sheet("Wave data")
    with Path(WAVES).open(newline="") as handle:
        for number, fields in enumerate(csv.reader(handle)):
            sheet.append(fields if number == 0 else [value_of(field) for field in fields])
    path = tmp_path / "waves.xlsx"
    book.save(path)
    design = ["--weight", "w", "--strata", "wave,region", "--psu", "psu"]
    from_sheet = estimates(
        capsys, str(path), "--sheet", "Wave data", *design, "--mean", "y", "--by", "wave,urban"
    )
    from_csv = estimates(capsys, WAVES, *design, "--mean", "y", "--by", "wave,urban")
    assert from_sheet == from_csv


def value_of(field: str) -> object:
    """A number cell for a number, a text cell otherwise (as a spreadsheet would hold)."""
    try:
        return float(field)
    except ValueError:
        return field
