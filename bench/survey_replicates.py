"""Benchmark: domain means with given replicate weights, our engine against R.

Synthetic stratified cluster sample (default 100,000 respondents, 50 strata, 1,000 PSUs,
20 domains, 2 variables) with 100 given bootstrap replicate weights. Both engines get the
same numbers: ours from memory, R's ``survey`` package (``svrepdesign`` with the replicate
weights, ``svyby(~y1 + y2, ~domain, svymean)``) from a binary file read by ``Rscript``.
Reading the data is not timed on either side; each side's CPU time is the median of
interleaved repeats. Also times our own bootstrap (draw 100 replicates, then the same
means) several times and reports the spread, which must stay narrow.

    .venv/bin/python bench/survey_replicates.py [--n 100000] [--replicates 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import stats
from stats.threads import single_threaded_blas

N_STRATA = 50
N_PSUS = 1000
N_DOMAINS = 20
GOAL_RATIO = 0.3
GOAL_DIFFERENCE = 1e-9
BOOTSTRAP_RUNS = 5

R_SCRIPT = r"""
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[2]); replicates <- as.integer(args[3])
connection <- file(args[1], "rb")
columns <- lapply(1:4, function(i) readBin(connection, "double", n))
reps <- matrix(readBin(connection, "double", n * replicates), nrow = n)
close(connection)
data <- data.frame(weight = columns[[1]], y1 = columns[[2]], y2 = columns[[3]],
                   domain = columns[[4]])
started <- proc.time()
design <- svrepdesign(data = data, weights = ~weight, repweights = reps,
                      type = "bootstrap", combined.weights = TRUE)
fit <- svyby(~y1 + y2, ~domain, design, svymean)
used <- proc.time() - started
out <- data.frame(domain = fit$domain, y1 = fit$y1, y2 = fit$y2,
                  se1 = SE(fit)[, 1], se2 = SE(fit)[, 2])
write.csv(out, args[4], row.names = FALSE)
cat(sprintf("%.6f %.6f\n", used[["user.self"]] + used[["sys.self"]], used[["elapsed"]]))
"""


def synthetic_sample(n: int, seed: int = 2016) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    psu = np.sort(rng.integers(0, N_PSUS, n))
    stratum = psu // (N_PSUS // N_STRATA)
    domain = rng.integers(0, N_DOMAINS, n)
    effect = rng.normal(0, 3, N_PSUS)[psu]
    return {
        "stratum": stratum,
        "psu": psu,
        "domain": domain,
        "y1": 50 + 0.5 * domain + effect + rng.normal(0, 10, n),
        "y2": (rng.random(n) < 0.3 + 0.01 * domain).astype(np.float64),
        "weight": 50 + 20 * rng.random(N_PSUS)[psu] + 10 * rng.random(n),
    }


def sampling_design(sample: dict[str, np.ndarray]) -> stats.Design:
    return stats.Design.build(sample["weight"], strata=sample["stratum"], clusters=[sample["psu"]])


def given_replicates(sample: dict[str, np.ndarray], replicates: int) -> np.ndarray:
    """Respondents x replicates weights, as a data provider would deliver them."""
    drawn = stats.bootstrap(sampling_design(sample), replicates=replicates, seed=7)
    return drawn.replicate_weights()


def run_ours(
    sample: dict[str, np.ndarray], table: np.ndarray
) -> tuple[stats.EstimateTable, stats.EstimateTable]:
    design = stats.from_replicate_weights(sample["weight"], table, kind="bootstrap")
    by = {"domain": sample["domain"]}
    return stats.mean(design, sample["y1"], by=by), stats.mean(design, sample["y2"], by=by)


def cpu_and_wall(function, *args):  # type: ignore[no-untyped-def]
    cpu, wall = time.process_time(), time.perf_counter()
    result = function(*args)
    return time.process_time() - cpu, time.perf_counter() - wall, result


def run_r(rscript: str, workdir: Path, n: int, replicates: int) -> tuple[float, float]:
    completed = subprocess.run(  # noqa: S603 - fixed command, our own files
        [
            rscript,
            str(workdir / "bench.R"),
            str(workdir / "data.bin"),
            str(n),
            str(replicates),
            str(workdir / "r_out.csv"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        sys.exit(f"R failed:\n{completed.stderr}")
    cpu, wall = (float(part) for part in completed.stdout.split())
    return cpu, wall


def largest_difference(
    ours: tuple[stats.EstimateTable, stats.EstimateTable], r_out: Path
) -> tuple[float, float]:
    worst_estimate = worst_se = 0.0
    with r_out.open() as handle:
        for row in csv.DictReader(handle):
            domain = {"domain": int(float(row["domain"]))}
            for table, estimate, se in ((ours[0], "y1", "se1"), (ours[1], "y2", "se2")):
                at = table.index(domain)
                theirs_estimate, theirs_se = float(row[estimate]), float(row[se])
                worst_estimate = max(
                    worst_estimate,
                    abs(table.estimates[at] - theirs_estimate) / abs(theirs_estimate),
                )
                worst_se = max(worst_se, abs(table.se[at] - theirs_se) / theirs_se)
    return worst_estimate, worst_se


def bootstrap_spread(sample: dict[str, np.ndarray], replicates: int) -> list[float]:
    design = sampling_design(sample)
    by = {"domain": sample["domain"]}
    times = []
    for seed in range(BOOTSTRAP_RUNS):
        started = time.perf_counter()
        drawn = stats.bootstrap(design, replicates=replicates, seed=seed)
        stats.mean(drawn, sample["y1"], by=by)
        stats.mean(drawn, sample["y2"], by=by)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of respondents")
    parser.add_argument("--replicates", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3, help="interleaved repeats (median)")
    args = parser.parse_args()
    rscript = shutil.which("Rscript")
    sample = synthetic_sample(args.n)
    table = given_replicates(sample, args.replicates)
    print(
        f"{args.n:,} respondents, {args.replicates} given bootstrap replicate weights, "
        f"{N_DOMAINS} domains, 2 variables: svrepdesign + svyby(svymean)"
    )
    ours_cpu, ours_wall, r_cpu, r_wall = [], [], [], []
    with single_threaded_blas(), tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        (workdir / "bench.R").write_text(R_SCRIPT)
        with (workdir / "data.bin").open("wb") as handle:
            for name in ("weight", "y1", "y2", "domain"):
                sample[name].astype(np.float64).tofile(handle)
            table.astype(np.float64).T.tofile(handle)
        ours = run_ours(sample, table)
        for _ in range(args.repeat):
            cpu, wall, ours = cpu_and_wall(run_ours, sample, table)
            ours_cpu.append(cpu)
            ours_wall.append(wall)
            if rscript:
                cpu, wall = run_r(rscript, workdir, args.n, args.replicates)
                r_cpu.append(cpu)
                r_wall.append(wall)
        ours_time = statistics.median(ours_cpu)
        print(
            f"ours: {ours_time:.3f} s CPU, {statistics.median(ours_wall):.3f} s wall "
            f"(median of {args.repeat})"
        )
        if rscript:
            r_time = statistics.median(r_cpu)
            print(f"R survey: {r_time:.3f} s CPU, {statistics.median(r_wall):.3f} s wall")
            ratio = ours_time / r_time
            met = "met" if ratio <= GOAL_RATIO else "NOT met"
            print(f"time ours / R: {ratio:.2f}x (goal <= {GOAL_RATIO}x: {met})")
            worst_estimate, worst_se = largest_difference(ours, workdir / "r_out.csv")
            worst = max(worst_estimate, worst_se)
            met = "met" if worst <= GOAL_DIFFERENCE else "NOT met"
            print(
                f"largest relative difference from R: estimates {worst_estimate:.1e}, "
                f"SEs {worst_se:.1e} (goal <= {GOAL_DIFFERENCE:g}: {met})"
            )
        else:
            print("Rscript not found: install r-base-core and r-cran-survey to compare with R")
        spread = bootstrap_spread(sample, args.replicates)
    print(
        f"bootstrap ({args.replicates} replicates drawn, then the same means), "
        f"{BOOTSTRAP_RUNS} runs: {min(spread):.3f}-{max(spread):.3f} s wall "
        f"(max/min {max(spread) / min(spread):.2f})"
    )


if __name__ == "__main__":
    main()
