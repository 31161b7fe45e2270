"""Benchmark: the survey command line end to end, against R and against a bare polars read.

Writes a synthetic stratified cluster sample (default 1,000,000 respondents, 50 strata,
2,000 PSUs, 20 domains) to a CSV file, then runs in child processes, interleaved:

* ours: ``python -m stats estimate`` with a domain mean and 4-category proportions by
  domain (reads the file, builds the design, estimates, prints JSON);
* R: ``Rscript`` with ``read.csv`` + ``svydesign`` + ``svyby(svymean)`` x 2 + ``write.csv``;
* polars: ``polars.read_csv`` of the same file and nothing else (the floor for reading).

Each child's CPU time (user + system, all threads) and peak memory come from ``wait4``
(``bench/_measure.py``);
the medians of the repeats are compared with the goals, and our numbers with R's.

    .venv/bin/python bench/survey_command_line.py [--n 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np
import polars as pl
from _measure import Run, run_measured

N_STRATA = 50
N_PSUS = 2000
N_DOMAINS = 20
GOAL_SPEED = 10.0
GOAL_MEMORY = 1.0
GOAL_DIFFERENCE = 1e-9

R_SCRIPT = r"""
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1])
data$category <- factor(data$category)
design <- svydesign(id = ~psu, strata = ~stratum, weights = ~weight, data = data, nest = TRUE)
means <- svyby(~y, ~domain, design, svymean)
shares <- svyby(~category, ~domain, design, svymean)
shares_se <- as.matrix(SE(shares))
out <- rbind(
  data.frame(kind = "mean", domain = means$domain, category = "",
             estimate = coef(means), se = SE(means)),
  data.frame(kind = "share", domain = rep(shares$domain, times = nlevels(data$category)),
             category = rep(levels(data$category), each = nrow(shares)),
             estimate = as.vector(as.matrix(shares[, 1 + seq_len(nlevels(data$category))])),
             se = as.vector(shares_se)))
write.csv(out, args[2], row.names = FALSE)
"""

POLARS_READ = "import sys, polars; polars.read_csv(sys.argv[1])"


def synthetic_sample(n: int, seed: int = 12345) -> dict[str, np.ndarray]:
    """Stratified two-level data: PSU effects, domain effects, unequal weights."""
    rng = np.random.default_rng(seed)
    psu = np.sort(rng.integers(0, N_PSUS, n))
    domain = rng.integers(0, N_DOMAINS, n)
    psu_effect = rng.normal(0, 3, N_PSUS)[psu]
    cut = rng.random(n) + 0.01 * domain + 0.05 * (psu_effect > 0)
    return {
        "stratum": psu // (N_PSUS // N_STRATA),
        "psu": psu,
        "domain": domain,
        "y": np.round(50 + 0.5 * domain + psu_effect + rng.normal(0, 10, n), 4),
        "category": np.digitize(cut, [0.3, 0.6, 0.85]),
        "weight": np.round(50 + 20 * rng.random(N_PSUS)[psu] + 10 * rng.random(n), 3),
    }


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(run.cpu for run in runs),
        statistics.median(run.wall for run in runs),
        statistics.median(run.peak_mb for run in runs),
    )


def largest_differences(ours_json: Path, r_csv: Path) -> tuple[float, float]:
    rows = json.loads(ours_json.read_text())["estimates"]
    ours = {(row["statistic"], row["domain"]["domain"], row.get("category")): row for row in rows}
    worst_estimate = worst_se = 0.0
    with r_csv.open() as handle:
        for theirs in csv.DictReader(handle):
            domain = int(theirs["domain"])
            if theirs["kind"] == "mean":
                row = ours["mean", domain, None]
            else:
                row = ours["proportion", domain, int(theirs["category"])]
            estimate, se = float(theirs["estimate"]), float(theirs["se"])
            worst_estimate = max(worst_estimate, abs(row["estimate"] - estimate) / abs(estimate))
            worst_se = max(worst_se, abs(row["se"] - se) / se)
    return worst_estimate, worst_se


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="number of respondents")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved runs (median)")
    args = parser.parse_args()
    rscript = shutil.which("Rscript")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        data = work / "survey.csv"
        pl.DataFrame(synthetic_sample(args.n)).write_csv(data)
        (work / "bench.R").write_text(R_SCRIPT)
        ours_command = [
            sys.executable,
            "-m",
            "stats",
            "estimate",
            str(data),
            "--weight",
            "weight",
            "--strata",
            "stratum",
            "--psu",
            "psu",
            "--mean",
            "y",
            "--proportion",
            "category",
            "--by",
            "domain",
        ]
        commands = {
            "ours": (ours_command, work / "ours.json"),
            "polars": ([sys.executable, "-c", POLARS_READ, str(data)], work / "polars.txt"),
        }
        if rscript:
            r_command = [rscript, str(work / "bench.R"), str(data), str(work / "r.csv")]
            commands["R"] = (r_command, work / "r.txt")
        runs: dict[str, list[Run]] = {name: [] for name in commands}
        for _ in range(args.repeat):
            for name, (command, out) in commands.items():
                runs[name].append(run_measured(command, out))
        size_mb = data.stat().st_size / 1e6
        print(
            f"{args.n:,} respondents ({size_mb:.0f} MB CSV), {N_STRATA} strata, {N_PSUS} PSUs, "
            f"{N_DOMAINS} domains: read, design, a mean and 4-category proportions by domain, "
            f"write; median of {args.repeat} interleaved runs"
        )
        medians = {name: median_run(found) for name, found in runs.items()}
        labels = {
            "ours": "ours (python -m stats estimate)",
            "R": "R (read.csv, svydesign, svyby x 2)",
            "polars": "polars read_csv of the same file",
        }
        for name, run in medians.items():
            spread = f"{min(r.cpu for r in runs[name]):.2f}-{max(r.cpu for r in runs[name]):.2f}"
            print(
                f"  {labels[name]:38s} {run.cpu:6.2f} s CPU ({spread}), {run.wall:6.2f} s wall, "
                f"peak {run.peak_mb:5.0f} MB"
            )
        ours = medians["ours"]
        polars = medians["polars"]
        print(
            f"ours / polars reading: {ours.cpu / polars.cpu:.1f}x CPU, "
            f"{ours.peak_mb / polars.peak_mb:.2f}x peak memory"
        )
        if not rscript:
            print("Rscript not found: install r-base-core and r-cran-survey to compare with R")
            return
        r = medians["R"]
        speed = r.cpu / ours.cpu
        print(
            f"R / ours CPU time: {speed:.1f}x (goal >= {GOAL_SPEED:g}x: "
            f"{verdict(speed >= GOAL_SPEED)}); wall clock {r.wall / ours.wall:.1f}x"
        )
        memory = ours.peak_mb / r.peak_mb
        print(
            f"peak memory ours / R: {memory:.2f} (goal <= {GOAL_MEMORY:g}: "
            f"{verdict(memory <= GOAL_MEMORY)})"
        )
        worst_estimate, worst_se = largest_differences(work / "ours.json", work / "r.csv")
        worst = max(worst_estimate, worst_se)
        print(
            f"largest relative difference from R: estimates {worst_estimate:.1e}, SEs "
            f"{worst_se:.1e} (goal <= {GOAL_DIFFERENCE:g}: {verdict(worst <= GOAL_DIFFERENCE)})"
        )


if __name__ == "__main__":
    main()
