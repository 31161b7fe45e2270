"""Spreadsheet import benchmark: hostile files against an honest one of the largest size.

    .venv/bin/python bench/spreadsheets.py

Reads, with pazanga.common.spreadsheets and the default limits, an honest workbook of
5,000 invitees (the invitation importer's limit) as the baseline, then every hostile file
of the test suite (pazanga/common/tests/hostile_files.py). Prints each file's time (best of
three) and peak Python memory (tracemalloc), and their ratios to the baseline. The goal of
issue 11: the worst hostile file under 2 s and 100 MB.
"""

import contextlib
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from pazanga.common.spreadsheets import KINDS, SpreadsheetError, read_spreadsheet  # noqa: E402
from pazanga.common.tests.hostile_files import HOSTILE_FILES, workbook_bytes  # noqa: E402


def measure(data: bytes) -> tuple[float, float, str]:
    """Best-of-three seconds, peak MB, and what came out."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        try:
            read_spreadsheet(data, kinds=KINDS)
            outcome = "read"
        except SpreadsheetError as error:
            outcome = str(error.problems[0])[:60]
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    with contextlib.suppress(SpreadsheetError):
        read_spreadsheet(data, kinds=KINDS)
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return min(times), peak, outcome


def main() -> None:
    people = [["email", "first_name", "last_name", "organisation", "category", "language"]]
    people += [
        [
            f"person{n}@biblioteka.example",
            f"Vardas{n}",
            f"Pavardė{n}",
            "Biblioteka",
            "libraries",
            "lt",
        ]
        for n in range(5000)
    ]
    base_seconds, base_mb, _ = measure(workbook_bytes(people))
    print(f"baseline: honest workbook of 5,000 invitees  {base_seconds:.3f} s  {base_mb:.1f} MB")
    print(f"{'file':46} {'KB':>7} {'s':>7} {'x base':>7} {'MB':>6} {'x base':>7}  outcome")
    worst_seconds = worst_mb = 0.0
    for name, build in HOSTILE_FILES.items():
        data = build()
        seconds, mb, outcome = measure(data)
        worst_seconds, worst_mb = max(worst_seconds, seconds), max(worst_mb, mb)
        print(
            f"{name:46} {len(data) / 1024:7.0f} {seconds:7.3f} {seconds / base_seconds:7.2f} "
            f"{mb:6.1f} {mb / base_mb:7.2f}  {outcome}"
        )
    print(f"worst hostile file: {worst_seconds:.3f} s, {worst_mb:.1f} MB (goal < 2 s, < 100 MB)")


if __name__ == "__main__":
    main()
