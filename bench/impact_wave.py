"""Impact benchmark: a survey programme at national scale, and R doing the same estimates.

    .venv/bin/python bench/impact_wave.py [--n 100000] [--waves 3]

Creates and drops its own test database. For each of `--waves` waves it writes a research
firm's CSV of `--n` respondents (county × urban/rural strata, clusters of ten, 20 yes/no
questions, 8 domain variables), and times:

- the import through the screen's service (`intake.import_data`: reading through
  `pazanga.common.spreadsheets`, every check, storing the version);
- weighting (raking to age group, sex and urban/rural margins, diagnostics), with the
  stored estimates and comparisons it triggers (the task runs at once outside a
  transaction);
- 20 indicators × 8 domain variables estimated on the raked design (building and raking
  the design, evaluating the indicator expressions, shares with logit intervals).

Then R, in the same run, reads the exported microdata and does the same estimates with
`svydesign` + `rake` + `svyby(svymean)` (all 20 variables in one call per domain
variable, R's fastest path); the ratio ours / R is printed when Rscript is present.
"""

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.db import connection, connections  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

QUESTIONS = [f"q{i:02d}" for i in range(1, 21)]
DOMAINS = [
    "urban_rural",
    "age_group",
    "sex",
    "education",
    "county",
    "grant_area",
    "employment",
    "household",
]
EXTRA = {
    "employment": ("employed", "unemployed", "retired", "student"),
    "household": ("1", "2", "3+"),
}
COUNTIES = (
    "LT-VL",
    "LT-KU",
    "LT-KL",
    "LT-SA",
    "LT-PN",
    "LT-AL",
    "LT-MR",
    "LT-UT",
    "LT-TE",
    "LT-TA",
)
AGES = ("16-29", "30-44", "45-59", "60-74")
POPULATION = 2_210_000

R_SCRIPT = r"""
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust")
args <- commandArgs(trailingOnly = TRUE)
questions <- sprintf("q%02d", 1:20)
domains <- c("urban_rural", "age_group", "sex", "education", "county", "grant_area",
             "employment", "household")
total <- 0
for (file in args) {
  d <- read.csv(file, stringsAsFactors = FALSE)
  started <- proc.time()[["elapsed"]]
  des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~base_weight, data = d, nest = TRUE)
  n <- sum(d$base_weight)
  pop <- function(v, shares) data.frame(v, Freq = shares * 2210000)
  r <- rake(des, list(~age_group, ~sex, ~urban_rural),
            list(data.frame(age_group = c("16-29", "30-44", "45-59", "60-74"),
                            Freq = c(520000, 560000, 650000, 480000)),
                 data.frame(sex = c("female", "male"), Freq = c(1170000, 1040000)),
                 data.frame(urban_rural = c("rural", "urban"), Freq = c(730000, 1480000))),
            control = list(maxit = 200, epsilon = 1e-10))
  f <- as.formula(paste("~", paste(questions, collapse = "+")))
  svymean(f, r)
  for (dom in domains) svyby(f, as.formula(paste0("~", dom)), r, svymean)
  total <- total + proc.time()[["elapsed"]] - started
}
cat(sprintf("%.6f\n", total))
"""


def write_wave(path: Path, n: int, seed: int, municipalities: dict[str, list[str]]) -> None:
    rng = np.random.default_rng(seed)
    county = rng.choice(len(COUNTIES), size=n, p=np.full(len(COUNTIES), 0.1))
    rural = rng.random(n) < 0.4
    order = np.lexsort((rural, county))
    county, rural = county[order], rural[order]
    stratum = np.array(
        [f"{COUNTIES[c]}-{'rural' if r else 'urban'}" for c, r in zip(county, rural, strict=False)]
    )
    psu = np.array([f"{s}-{i // 10:05d}" for i, s in enumerate(stratum)])
    age = rng.choice(4, size=n, p=(0.17, 0.23, 0.31, 0.29))
    sex = np.where(rng.random(n) < 0.58, "female", "male")
    education = rng.choice(("low", "medium", "high"), size=n, p=(0.2, 0.5, 0.3))
    municipality = [str(rng.choice(municipalities[COUNTIES[c]])) for c in county]
    weight = np.where(rural, 1.3, 1.0) * POPULATION / n
    answers = rng.random((n, len(QUESTIONS))) < (0.15 + 0.6 * rng.random(len(QUESTIONS)))
    extra = {name: rng.choice(values, size=n) for name, values in EXTRA.items()}
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        header = ["id", "stratum", "psu", "weight", "county", "municipality", "urban_rural"]
        writer.writerow([*header, "age_group", "sex", "education", *EXTRA, *QUESTIONS])
        for i in range(n):
            writer.writerow(
                [
                    f"R{seed}-{i:07d}",
                    stratum[i],
                    psu[i],
                    round(float(weight[i]), 4),
                    COUNTIES[county[i]],
                    municipality[i],
                    "rural" if rural[i] else "urban",
                    AGES[age[i]],
                    sex[i],
                    education[i],
                    *(extra[name][i] for name in EXTRA),
                    *(int(v) for v in answers[i]),
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--waves", type=int, default=3)
    options = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(options.n, options.waves)
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(n: int, wave_count: int) -> None:  # noqa: PLR0915 (one measured story, told in order)
    from pazanga.directory import reference as directory_reference
    from pazanga.impact import analysis
    from pazanga.impact.models import CalibrationTarget, Indicator, Study, Wave
    from pazanga.impact.services import estimation, intake, weighting
    from pazanga.programme.models import Programme

    directory_reference.load_geography()
    programme = Programme.objects.create(
        code="bench",
        name_lt="Bandymas",
        name_en="Bench",
        status="current",
        start_date="2013-12-01",
        end_date="2016-12-31",
    )
    from pazanga.impact.demo import municipalities_by_county

    municipalities = municipalities_by_county()
    study = Study.objects.create(
        programme=programme,
        code="bench",
        kind="population",
        name_lt="B",
        name_en="B",
        population_lt="B",
        population_en="B",
    )
    for position, question in enumerate(QUESTIONS):
        Indicator.objects.create(
            programme=programme,
            code=f"share_{question}",
            name_lt=question,
            name_en=question,
            area="digital_divide",
            numerator=f"${{{question}}} = 1",
            position=position,
        )
    margins = {
        "age_group": dict(zip(AGES, (520_000, 560_000, 650_000, 480_000), strict=True)),
        "sex": {"female": 1_170_000, "male": 1_040_000},
        "urban_rural": {"urban": 1_480_000, "rural": 730_000},
    }
    folder = Path(tempfile.mkdtemp(prefix="impact-bench-"))
    mapping = {
        "respondent": "id",
        "stratum": "stratum",
        "psu": "psu",
        "base_weight": "weight",
        "county": "county",
        "municipality": "municipality",
        "urban_rural": "urban_rural",
        "age_group": "age_group",
        "sex": "sex",
        "education": "education",
    }
    timings: dict[str, float] = {"import": 0.0, "weighting": 0.0, "estimates": 0.0}
    exported = []
    estimates = 0
    try:
        for index in range(wave_count):
            year = 2014 + index
            wave = Wave.objects.create(
                study=study,
                code=f"BENCH-{year}",
                round="baseline",
                year=year,
                mode="import",
                lonely_psu="adjust",
            )
            CalibrationTarget.objects.bulk_create(
                CalibrationTarget(
                    wave=wave, variable=v, category=c, population=p, source="-", year=year
                )
                for v, totals in margins.items()
                for c, p in totals.items()
            )
            path = folder / f"wave{year}.csv"
            write_wave(path, n, year, municipalities)
            data = path.read_bytes()
            started = time.perf_counter()
            intake.import_data(
                wave,
                data,
                name=path.name,
                mapping=mapping,
                questions=[*EXTRA, *QUESTIONS],
                actor=None,
            )
            timings["import"] += time.perf_counter() - started
            started = time.perf_counter()
            weighting.weight_wave(wave, actor=None)
            timings["weighting"] += time.perf_counter() - started
            wave.refresh_from_db()
            started = time.perf_counter()
            frame = analysis.frame_of(wave)
            for name in EXTRA:
                frame.domains[name] = frame.text(name)
            design = analysis.final_design(frame)
            for indicator in Indicator.objects.filter(programme=programme):
                compiled = analysis.compile_indicator(indicator)
                estimates += len(estimation.estimate_rows(frame, design, compiled, DOMAINS))
            timings["estimates"] += time.perf_counter() - started
            out = folder / f"export{year}.csv"
            from pazanga.impact.exports import MicrodataExport

            content, _type, _name = MicrodataExport(wave).content("csv")
            out.write_bytes(content)
            exported.append(out)
            print(f"wave {year}: {n:,} respondents, {len(data) / 1e6:.1f} MB", flush=True)
        total = sum(timings.values())
        print(
            f"import ({wave_count} × {n:,}): {timings['import']:.2f} s "
            f"({timings['import'] / wave_count:.2f} s a wave)"
        )
        print(
            f"weighting, then the stored estimates and comparisons it triggers: "
            f"{timings['weighting']:.2f} s"
        )
        print(
            f"estimates: {len(QUESTIONS)} indicators × {len(DOMAINS)} domain variables × "
            f"{wave_count} waves = {estimates:,} rows in {timings['estimates']:.2f} s"
        )
        print(f"all of it: {total:.2f} s")
        if shutil.which("Rscript") is None:
            print("R: Rscript not found; no comparison")
            return
        script = folder / "bench.R"
        script.write_text(R_SCRIPT)
        done = subprocess.run(  # noqa: S603 (our own script)
            ["Rscript", str(script), *map(str, exported)],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        )
        r_seconds = float(done.stdout.strip().splitlines()[-1])
        ours = timings["estimates"]
        print(f"R (design + rake + svyby(svymean), reading not timed): {r_seconds:.2f} s")
        print(f"ours (design + rake + estimates, the same work): {ours:.2f} s")
        print(f"ratio ours / R: {ours / r_seconds:.2f}")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
