"""The command line: JSON estimates equal to R's, raking output, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from stats.cli import main
from stats.csvdata import read_csv
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


def estimates(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "estimate", *args)
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)["estimates"]
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
    written = read_csv(out)
    assert written.names[-1] == "pw_raked"
    np.testing.assert_allclose(
        written.numeric("pw_raked"), reference()["rake_mean"]["weights"], rtol=1e-9
    )
    np.testing.assert_array_equal(written.text("cds"), read_csv(CLUS1).text("cds"))


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
    (["estimate", WAVES, "--weight", "w"], "one of the arguments"),
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
