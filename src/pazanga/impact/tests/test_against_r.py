"""The stored estimates rebuilt by R's `survey` from the exported microdata: the same design
(`svydesign`), the same raking (`rake`), the shares with logit intervals by domain
(`svyby(svyciprop)`) and the change of the urban-rural gap between two waves
(`svycontrast` on the stacked, raked waves). Skipped only where Rscript is absent."""

import csv
import io
import json
import shutil
import subprocess

import pytest
from django.core.management import call_command

from pazanga.impact.models import Contrast, Estimate

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("Rscript") is None, reason="R is not installed"),
]
INDICATOR = "internet_nonuse_3m"
TOLERANCE = 1e-9
LONELY_PSU = "adjust"  # the demo waves' rule


def r_vector(values):  # type: ignore[no-untyped-def]
    return "c(" + ", ".join(json.dumps(v) for v in values) + ")"


def r_margins(margins, prefix=""):  # type: ignore[no-untyped-def]
    """R's `rake` arguments: the formulas and the population data frames."""
    formulas = ", ".join(f"~{prefix}{name}" for name in margins)
    frames = ", ".join(
        f"data.frame({prefix}{name} = {r_vector(list(totals))}, "
        f"Freq = {r_vector(list(totals.values()))})"
        for name, totals in margins.items()
    )
    return f"list({formulas})", f"list({frames})"


def close(ours, theirs):  # type: ignore[no-untyped-def]
    return abs(ours - theirs) <= TOLERANCE * max(1.0, abs(theirs))


SCRIPT = """
suppressMessages(library(survey))
options(survey.lonely.psu = "{lonely}")
num <- function(x) sprintf("%.17g", as.numeric(x))
one_wave <- function(file) {{
  d <- read.csv(file, stringsAsFactors = FALSE)
  des <- svydesign(ids = ~{psu}, strata = ~{strata}, weights = ~{weight}, data = d, nest = TRUE)
  rake(des, {formulas}, {frames}, control = list(maxit = 500, epsilon = 1e-15))
}}
r <- one_wave("{first}")
cat("weights", num(max(abs(weights(r) / r$variables${final} - 1))), "\\n")
sub <- subset(r, !is.na({y}))
p <- svyciprop(~{y}, sub, method = "logit")
ci <- confint(p)
cat("row", "-", "-", num(c(coef(p), SE(p), ci[1], ci[2], nrow(sub$variables))), "\\n")
for (by in c("urban_rural", "age_group")) {{
  fit <- svyby(as.formula(paste0("~", "{y}")), as.formula(paste0("~", by)), sub, svyciprop,
               method = "logit", vartype = c("se", "ci"))
  for (i in seq_len(nrow(fit))) {{
    key <- as.character(fit[i, by])
    cat("row", by, key, num(c(fit[i, 2], fit[i, 3], fit[i, 4], fit[i, 5],
        sum(sub$variables[[by]] == key))), "\\n")
  }}
}}
# Two waves stacked: wave-specific strata, clusters and margins; the change of the gap is a
# contrast of the four domain shares, whose joint covariance comes from one svyratio.
a <- read.csv("{first}", stringsAsFactors = FALSE); a$wave <- "A"
b <- read.csv("{second}", stringsAsFactors = FALSE); b$wave <- "B"
s <- rbind(a[, intersect(names(a), names(b))], b[, intersect(names(a), names(b))])
s$st <- paste(s$wave, s${strata}); s$cl <- paste(s$wave, s${psu})
{stack_columns}
sd <- svydesign(ids = ~cl, strata = ~st, weights = ~{weight}, data = s, nest = TRUE)
sr <- rake(sd, {stack_formulas}, {stack_frames}, control = list(maxit = 500, epsilon = 1e-15))
keys <- c("A urban", "A rural", "B urban", "B rural")
group <- paste(sr$variables$wave, sr$variables$urban_rural)
ind <- sapply(keys, function(k) as.numeric(group == k))
fit <- svyratio(ind * sr$variables${y}, ind, sr, covmat = TRUE)
pos <- (seq_len(4) - 1) * 4 + seq_len(4)
est <- coef(fit)[pos]; names(est) <- keys
v <- fit$vcov[pos, pos]; dimnames(v) <- list(keys, keys)
stat <- structure(est, var = v, statistic = "ratio", class = "svystat")
g <- svycontrast(stat, c("A urban" = 1, "A rural" = -1, "B urban" = -1, "B rural" = 1) * -1)
cat("gap_change", num(c(coef(g), SE(g))), "\\n")
"""


def test_it_agrees_with_r_survey(population_waves, tmp_path):
    first, second = tmp_path / "pop2014.csv", tmp_path / "pop2016.csv"
    call_command("impact_export_wave", "POP-2014", "--out", str(first), stdout=io.StringIO())
    call_command("impact_export_wave", "POP-2016", "--out", str(second), stdout=io.StringIO())
    printed = io.StringIO()
    call_command(
        "impact_estimates",
        "POP-2014",
        "--indicator",
        INDICATOR,
        "--by",
        "urban_rural",
        "--json",
        stdout=printed,
    )
    spec = json.loads(printed.getvalue())
    assert spec["column"] == INDICATOR
    assert spec["estimates"][0]["domain"] == {}
    design, calibration = spec["design"], spec["calibration"]
    with first.open() as handle:
        header = next(csv.reader(handle))
    assert {design["weight"], design["strata"], design["psu"], calibration["weight"]} <= set(header)
    assert set(calibration["margins"]) <= set(header)
    formulas, frames = r_margins(calibration["margins"])
    second_spec = json.loads(
        run_command("impact_estimates", "POP-2016", "--indicator", INDICATOR, "--json")
    )["calibration"]["margins"]
    both = {
        name: {f"A {k}": v for k, v in calibration["margins"][name].items()}
        | {f"B {k}": v for k, v in second_spec[name].items()}
        for name in calibration["margins"]
    }
    stack_formulas, stack_frames = r_margins(both, prefix="w_")
    stack_columns = "\n".join(
        f"s$w_{name} <- paste(s$wave, s${name})" for name in calibration["margins"]
    )
    script = SCRIPT.format(
        lonely=LONELY_PSU,
        psu=design["psu"],
        strata=design["strata"],
        weight=design["weight"],
        final=calibration["weight"],
        formulas=formulas,
        frames=frames,
        first=first,
        second=second,
        y=INDICATOR,
        stack_columns=stack_columns,
        stack_formulas=stack_formulas,
        stack_frames=stack_frames,
    )
    (tmp_path / "check.R").write_text(script)
    done = subprocess.run(  # noqa: S603 (our own script)
        ["Rscript", str(tmp_path / "check.R")],  # noqa: S607
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = [line.split() for line in done.stdout.splitlines()]
    weights_line = next(line for line in lines if line[0] == "weights")
    assert float(weights_line[1]) < TOLERANCE

    r_rows = {}
    for line in lines:
        if line[0] == "row":
            by, key = (line[1], line[2]) if line[1] != "-" else ("", "")
            r_rows[(by, key)] = [float(x) for x in line[3:8]]
    assert len(r_rows) == 1 + 2 + 4
    for (domain, category), (estimate, se, low, high, n) in r_rows.items():
        stored = Estimate.objects.get(
            wave__code="POP-2014", indicator__code=INDICATOR, domain=domain, category=category
        )
        assert close(stored.estimate, estimate), (domain, category, stored.estimate, estimate)
        assert close(stored.se, se), (domain, category, stored.se, se)
        assert close(stored.ci_low, low) and close(stored.ci_high, high)
        assert stored.n == int(n)
    printed_rows = {
        next(iter(row["domain"].items())) if row["domain"] else ("", ""): row
        for row in spec["estimates"]
    }
    for key, row in printed_rows.items():
        assert close(row["estimate"], r_rows[key][0]) and close(row["se"], r_rows[key][1])

    gap_line = next(line for line in lines if line[0] == "gap_change")
    stored_gap = Contrast.objects.get(
        indicator__code=INDICATOR,
        kind="gap_change",
        gap="urban_rural",
        wave__code="POP-2016",
        base_wave__code="POP-2014",
    )
    assert close(stored_gap.estimate, float(gap_line[1])), (stored_gap.estimate, gap_line)
    assert close(stored_gap.se, float(gap_line[2])), (stored_gap.se, gap_line)


def run_command(*args):  # type: ignore[no-untyped-def]
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
