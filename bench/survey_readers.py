"""Benchmark: reading survey data into typed numpy columns, our readers against the others.

The same synthetic survey (default 1,000,000 rows x 6 columns as CSV and SPSS, 100,000
rows as XLSX) is read in a fresh child process by each reader, imports included, ending
with every column as a numpy array. CPU time (all threads) and peak memory come from
``wait4`` (``bench/_measure.py``); the median of the repeats is printed with the ratio to
the fastest reader of the format. ``stats.data.read_data`` is what the command line uses
(docs/decisions/0090); its import loads the whole ``stats`` package (numpy, scipy).

    .venv/bin/python bench/survey_readers.py [--n 1000000] [--xlsx-n 100000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import numpy as np
import polars as pl
import pyreadstat
from _measure import run_measured
from openpyxl import Workbook

COLUMNS = {
    "stratum": "labels",
    "psu": "labels",
    "domain": "labels",
    "y": "numeric",
    "category": "labels",
    "weight": "numeric",
}

OURS = """
import sys
from stats.data import read_data
table = read_data(sys.argv[1], {columns!r})
arrays = [table.numeric(n) if k == "numeric" else table.labels(n) for n, k in {columns!r}.items()]
"""
READERS = {
    "csv": {
        "stats.data (pyarrow)": OURS,
        "polars": "import sys, polars\n"
        "frame = polars.read_csv(sys.argv[1])\n"
        "arrays = [frame[name].to_numpy() for name in frame.columns]",
        "pyarrow": "import sys, pyarrow.csv\n"
        "table = pyarrow.csv.read_csv(sys.argv[1])\n"
        "arrays = [column.to_numpy() for column in table.columns]",
        "pandas (C engine)": "import sys, pandas\n"
        "frame = pandas.read_csv(sys.argv[1])\n"
        "arrays = [frame[name].to_numpy() for name in frame.columns]",
        "pandas (pyarrow engine)": "import sys, pandas\n"
        "frame = pandas.read_csv(sys.argv[1], engine='pyarrow')\n"
        "arrays = [frame[name].to_numpy() for name in frame.columns]",
    },
    "xlsx": {
        "stats.data (calamine)": OURS,
        "openpyxl (read-only)": "import sys, numpy, openpyxl\n"
        "book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)\n"
        "rows = list(book.worksheets[0].iter_rows(values_only=True))\n"
        "arrays = [numpy.array(column) for column in zip(*rows[1:])]",
    },
    "sav": {
        "stats.data (pyreadstat)": OURS,
        "pyreadstat to pandas": "import sys, pyreadstat\n"
        "frame, _ = pyreadstat.read_sav(sys.argv[1])\n"
        "arrays = [frame[name].to_numpy() for name in frame.columns]",
    },
}


def sample(n: int, seed: int = 5) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    psu = np.sort(rng.integers(0, 2000, n))
    return {
        "stratum": psu // 40,
        "psu": psu,
        "domain": rng.integers(0, 20, n),
        "y": np.round(rng.normal(50, 10, n), 4),
        "category": rng.integers(0, 4, n),
        "weight": np.round(50 + 20 * rng.random(n), 3),
    }


def write_files(folder: Path, n: int, xlsx_n: int) -> dict[str, Path]:
    frame = pl.DataFrame(sample(n))
    paths = {kind: folder / f"survey.{kind}" for kind in READERS}
    frame.write_csv(paths["csv"])
    pyreadstat.write_sav(frame.to_pandas(), str(paths["sav"]))
    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(frame.columns)
    for row in frame.head(xlsx_n).iter_rows():
        sheet.append(list(row))
    book.save(paths["xlsx"])
    return paths


def measure(code: str, path: Path, folder: Path) -> tuple[float, float, float]:
    run = run_measured(
        [sys.executable, "-c", code.format(columns=COLUMNS), str(path)], folder / "out.txt"
    )
    return run.cpu, run.wall, run.peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="rows of the CSV and SAV files")
    parser.add_argument("--xlsx-n", type=int, default=100_000, help="rows of the XLSX file")
    parser.add_argument("--repeat", type=int, default=1, help="runs per reader (median)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = write_files(Path(folder), args.n, args.xlsx_n)
        alone = [
            measure("import sys, stats", paths["csv"], Path(folder)) for _ in range(args.repeat)
        ]
        cpu, _, peak = (statistics.median(values) for values in zip(*alone, strict=True))
        print(
            f"importing the stats package alone (part of every stats.data figure): "
            f"{cpu:.2f} s CPU, peak {peak:.0f} MB"
        )
        for kind, readers in READERS.items():
            rows = args.xlsx_n if kind == "xlsx" else args.n
            size = paths[kind].stat().st_size / 1e6
            print(f"{kind.upper()}: {rows:,} rows x {len(COLUMNS)} columns ({size:.0f} MB)")
            runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in readers}
            for _ in range(args.repeat):
                for name, code in readers.items():
                    runs[name].append(measure(code, paths[kind], Path(folder)))
            medians = {
                name: tuple(statistics.median(values) for values in zip(*found, strict=True))
                for name, found in runs.items()
            }
            fastest = min(cpu for cpu, _, _ in medians.values())
            for name, (cpu, wall, peak) in medians.items():
                print(
                    f"  {name:26s} {cpu:6.2f} s CPU ({cpu / fastest:4.1f}x the fastest), "
                    f"{wall:6.2f} s wall, peak {peak:5.0f} MB"
                )


if __name__ == "__main__":
    main()
