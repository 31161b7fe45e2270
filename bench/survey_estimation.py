"""Benchmark: domain means and proportions with standard errors, our engine against R.

Synthetic stratified cluster sample (default 1,000,000 respondents, 50 strata, 2,000 PSUs,
20 domains). Both engines get the same data: ours from memory, R's ``survey`` package
(``svydesign`` + ``svyby(svymean)`` for a numeric variable and a 4-category factor) from a
temporary CSV through ``Rscript``. Reading the data is not timed on either side.

    PYTHONPATH=src python bench/survey_estimation.py [--n 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import stats

N_STRATA = 50
N_PSUS = 2000
N_DOMAINS = 20
N_CATEGORIES = 4

R_SCRIPT = r"""
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1])
data$category <- factor(data$category)
started <- proc.time()[["elapsed"]]
design <- svydesign(id = ~psu, strata = ~stratum, weights = ~weight, data = data, nest = TRUE)
means <- svyby(~y, ~domain, design, svymean)
shares <- svyby(~category, ~domain, design, svymean)
elapsed <- proc.time()[["elapsed"]] - started
shares_se <- as.matrix(SE(shares))
out <- rbind(
  data.frame(kind = "mean", domain = means$domain, category = "",
             estimate = coef(means), se = SE(means)),
  data.frame(kind = "share", domain = rep(shares$domain, times = nlevels(data$category)),
             category = rep(levels(data$category), each = nrow(shares)),
             estimate = as.vector(as.matrix(shares[, 1 + seq_len(nlevels(data$category))])),
             se = as.vector(shares_se)))
write.csv(out, args[2], row.names = FALSE)
cat(sprintf("%.6f\n", elapsed))
"""


def synthetic_sample(n: int, seed: int = 12345) -> dict[str, np.ndarray]:
    """Stratified two-level data: PSU effects, domain effects, unequal weights."""
    rng = np.random.default_rng(seed)
    psu = np.sort(rng.integers(0, N_PSUS, n))
    stratum = psu // (N_PSUS // N_STRATA)
    domain = rng.integers(0, N_DOMAINS, n)
    psu_effect = rng.normal(0, 3, N_PSUS)[psu]
    y = 50 + 0.5 * domain + psu_effect + rng.normal(0, 10, n)
    cut = rng.random(n) + 0.01 * domain + 0.05 * (psu_effect > 0)
    category = np.digitize(cut, [0.3, 0.6, 0.85])
    weight = np.round(50 + 20 * rng.random(N_PSUS)[psu] + 10 * rng.random(n), 3)
    return {
        "stratum": stratum,
        "psu": psu,
        "domain": domain,
        "y": np.round(y, 4),
        "category": category,
        "weight": weight,
    }


def run_ours(sample: dict[str, np.ndarray]) -> tuple[stats.EstimateTable, stats.EstimateTable]:
    design = stats.Design.build(
        sample["weight"], strata=sample["stratum"], clusters=[sample["psu"]]
    )
    by = {"domain": sample["domain"]}
    return (
        stats.mean(design, sample["y"], by=by),
        stats.proportion(design, sample["category"], by=by),
    )


def time_ours(
    sample: dict[str, np.ndarray], repeat: int
) -> tuple[float, tuple[stats.EstimateTable, stats.EstimateTable]]:
    best = float("inf")
    result = run_ours(sample)
    for _ in range(repeat):
        started = time.perf_counter()
        result = run_ours(sample)
        best = min(best, time.perf_counter() - started)
    return best, result


def write_csv(sample: dict[str, np.ndarray], path: Path) -> None:
    names = list(sample)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows(zip(*(sample[name].tolist() for name in names), strict=True))


def run_r(sample: dict[str, np.ndarray], workdir: Path) -> tuple[float, list[dict[str, str]]]:
    rscript = shutil.which("Rscript")
    if rscript is None:
        sys.exit("Rscript not found: install r-base-core and r-cran-survey")
    data_path, out_path, script_path = (
        workdir / "data.csv",
        workdir / "r_out.csv",
        workdir / "bench.R",
    )
    write_csv(sample, data_path)
    script_path.write_text(R_SCRIPT)
    completed = subprocess.run(  # noqa: S603 - fixed command, our own files
        [rscript, str(script_path), str(data_path), str(out_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        sys.exit(f"R failed:\n{completed.stderr}")
    elapsed = float(completed.stdout.strip().splitlines()[-1])
    with out_path.open() as handle:
        return elapsed, list(csv.DictReader(handle))


def largest_differences(
    ours: tuple[stats.EstimateTable, stats.EstimateTable], theirs: list[dict[str, str]]
) -> tuple[float, float]:
    """Largest relative difference of estimates and of standard errors."""
    means, shares = ours
    worst_estimate = worst_se = 0.0
    for row in theirs:
        domain = {"domain": int(row["domain"])}
        if row["kind"] == "mean":
            table, position = means, means.index(domain)
        else:
            table, position = shares, shares.index(domain, int(row["category"]))
        estimate, se = float(row["estimate"]), float(row["se"])
        worst_estimate = max(
            worst_estimate, abs(table.estimates[position] - estimate) / abs(estimate)
        )
        worst_se = max(worst_se, abs(table.se[position] - se) / se)
    return worst_estimate, worst_se


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="number of respondents")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of our engine (best)")
    args = parser.parse_args()
    sample = synthetic_sample(args.n)
    print(
        f"{args.n:,} respondents, {N_STRATA} strata, {N_PSUS} PSUs, {N_DOMAINS} domains; "
        f"mean and {N_CATEGORIES}-category proportions by domain with SEs"
    )
    ours_time, ours = time_ours(sample, args.repeat)
    print(f"ours: {ours_time:.3f} s (best of {args.repeat})")
    with tempfile.TemporaryDirectory() as workdir:
        r_time, theirs = run_r(sample, Path(workdir))
    print(f"R survey svyby(svymean): {r_time:.3f} s")
    print(f"ratio R / ours: {r_time / ours_time:.1f}x")
    worst_estimate, worst_se = largest_differences(ours, theirs)
    print(f"largest relative difference: estimates {worst_estimate:.2e}, SEs {worst_se:.2e}")


if __name__ == "__main__":
    main()
