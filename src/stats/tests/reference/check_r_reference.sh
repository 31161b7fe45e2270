#!/usr/bin/env bash
# Re-run make_reference.R with R's survey package on the stored input data and compare its
# numbers with the stored survey_reference.json (relative difference at most 1e-9).
# Also checks that the deterministic data generators still write the stored data sets.
# Exits non-zero on any difference. Needs Rscript (r-base-core, r-cran-survey) and python3.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir "$work/stored" "$work/fresh"
cp "$here"/*.csv "$work/stored/"
cp "$here/bootstrap_weights.csv" "$work/fresh/"

echo "Running make_reference.R on the stored data ($(Rscript --version 2>&1 | head -n 1))"
Rscript "$here/make_reference.R" "$work/stored" "$work" >"$work/r.log" 2>&1 || {
  cat "$work/r.log"
  echo "make_reference.R failed" >&2
  exit 1
}
echo "Regenerating the synthetic and api data sets"
Rscript "$here/make_reference.R" "$work/fresh" "$work/fresh" >>"$work/r.log" 2>&1 || {
  cat "$work/r.log"
  echo "make_reference.R failed while generating data" >&2
  exit 1
}

python3 - "$here/survey_reference.json" "$work/survey_reference.json" "$here" "$work/fresh" <<'PY'
import csv
import json
import math
import sys
from pathlib import Path

RELATIVE = 1e-9
stored_path, fresh_path, data_dir, fresh_dir = sys.argv[1:]
stored = json.loads(Path(stored_path).read_text())
fresh = json.loads(Path(fresh_path).read_text())
problems = []


def scale_of(values):
    numbers = [abs(v) for v in flatten(values) if isinstance(v, (int, float))]
    return max(numbers, default=0.0)


def flatten(value):
    if isinstance(value, list):
        for item in value:
            yield from flatten(item)
    else:
        yield value


def compare(a, b, where, scale):
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            problems.append(f"{where}: keys differ {sorted(set(a) ^ set(b))}")
            return
        for key in a:
            compare(a[key], b[key], f"{where}.{key}", scale)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            problems.append(f"{where}: {len(a)} items stored, {len(b)} now")
            return
        inner = scale_of(a) if all(not isinstance(x, dict) for x in a) else scale
        for i, (x, y) in enumerate(zip(a, b)):
            compare(x, y, f"{where}[{i}]", inner)
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        tolerance = RELATIVE * max(abs(a), abs(b), RELATIVE * scale)
        if not math.isclose(a, b, rel_tol=RELATIVE, abs_tol=tolerance):
            problems.append(f"{where}: stored {a!r}, now {b!r}")
    elif a != b:
        problems.append(f"{where}: stored {a!r}, now {b!r}")


stored.pop("survey_version", None)
version = fresh.pop("survey_version", "?")
compare(stored, fresh, "reference", 0.0)

for name in ("api_strat.csv", "api_clus1.csv", "api_clus2.csv", "waves.csv", "lonely.csv"):
    with open(Path(data_dir) / name) as one, open(Path(fresh_dir) / name) as two:
        rows_a, rows_b = list(csv.reader(one)), list(csv.reader(two))
    if rows_a != rows_b:
        problems.append(f"data set {name} is not reproduced by make_reference.R")

if problems:
    print(f"{len(problems)} difference(s) from the stored reference (survey {version}):")
    for problem in problems[:50]:
        print("  " + problem)
    sys.exit(1)
print(f"R survey {version}: all {len(stored)} reference cases agree within {RELATIVE:g}")
PY
