"""Command line: survey estimates and raking from CSV files, results as JSON.

    python -m stats estimate DATA.csv --weight W [--strata S] [--psu P [--ssu Q]]
        [--fpc F[,F2]] (--mean Y | --total Y | --proportion Y | --ratio Y/X)
        [--by D1,D2] [--ci wald|logit] [--level 0.95] [--lonely-psu RULE] [--na-rm]
    python -m stats rake DATA.csv --weight W --margin VAR=MARGINS.csv [--margin ...]
        --out OUT.csv [--new-weight NAME] [--tolerance T] [--max-iterations N]

Several columns separated by commas in ``--strata`` are combined (e.g. ``wave,region``
gives wave-specific strata). Any problem with the input prints one line starting with
``error:`` to standard error and exits with status 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import numpy.typing as npt

from stats.calibrate import Margin, rake
from stats.csvdata import CsvTable, read_csv
from stats.design import LONELY_PSU_RULES, Design
from stats.errors import DataError, StatsError
from stats.estimate import EstimateTable, mean, proportion, ratio, total
from stats.intervals import INTERVAL_METHODS

EXIT_INPUT_ERROR = 2


class ArgumentError(Exception):
    """A command-line usage problem, reported like any other input error."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ArgumentError(message)


def build_parser() -> Parser:
    parser = Parser(prog="python -m stats", description="Design-based survey statistics.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    estimate = commands.add_parser("estimate", help="means, totals, ratios or proportions")
    estimate.add_argument("data", help="CSV file with a header line")
    add_design_arguments(estimate)
    statistic = estimate.add_mutually_exclusive_group(required=True)
    statistic.add_argument("--mean", metavar="Y")
    statistic.add_argument("--total", metavar="Y")
    statistic.add_argument("--proportion", metavar="Y")
    statistic.add_argument("--ratio", metavar="Y/X")
    estimate.add_argument("--by", metavar="D1,D2", help="domain variables")
    estimate.add_argument("--ci", choices=INTERVAL_METHODS, default="wald")
    estimate.add_argument("--level", type=float, default=0.95)
    estimate.add_argument(
        "--na-rm",
        action="store_true",
        help="leave out respondents with a missing value (R's na.rm)",
    )

    raking = commands.add_parser("rake", help="rake the weights to population margins")
    raking.add_argument("data", help="CSV file with a header line")
    raking.add_argument("--weight", required=True, metavar="W")
    raking.add_argument(
        "--margin",
        required=True,
        action="append",
        metavar="VAR=MARGINS.csv",
        help="population counts per category (columns: category,total)",
    )
    raking.add_argument("--out", required=True, metavar="OUT.csv")
    raking.add_argument(
        "--new-weight", metavar="NAME", help="name of the raked weight column (default: W_raked)"
    )
    raking.add_argument("--tolerance", type=float, default=1e-10)
    raking.add_argument("--max-iterations", type=int, default=100)
    return parser


def add_design_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--weight", required=True, metavar="W")
    parser.add_argument("--strata", metavar="S", help="stratum column(s), comma-separated")
    parser.add_argument("--psu", metavar="P", help="primary sampling unit (cluster) column")
    parser.add_argument("--ssu", metavar="Q", help="second-stage unit column")
    parser.add_argument(
        "--fpc",
        metavar="F",
        help="population size or sampling fraction column, one per stage (comma-separated)",
    )
    parser.add_argument("--lonely-psu", choices=LONELY_PSU_RULES, default="fail")


def split_names(text: str | None) -> list[str]:
    if text is None:
        return []
    names = [name.strip() for name in text.split(",")]
    if not all(names):
        raise ArgumentError(f"empty column name in {text!r}")
    return names


def combined_labels(table: CsvTable, names: list[str]) -> npt.NDArray[np.generic]:
    """One label per row from one or several columns (joined with a separator)."""
    if len(names) == 1:
        return table.labels(names[0])
    for name in names:
        missing = table.missing(name)
        if missing.any():
            raise DataError(f"column {name!r} has {int(missing.sum())} missing value(s)")
    joined = table.text(names[0])
    for name in names[1:]:
        joined = np.char.add(np.char.add(joined, "\x1f"), table.text(name))
    return joined


def design_from(table: CsvTable, args: argparse.Namespace) -> Design:
    strata = split_names(args.strata)
    stages = [name for name in (args.psu, args.ssu) if name]
    if args.ssu and not args.psu:
        raise ArgumentError("--ssu needs --psu")
    fpc = split_names(args.fpc)
    return Design.build(
        table.numeric(args.weight, allow_missing=False),
        strata=combined_labels(table, strata) if strata else None,
        clusters=[table.labels(name) for name in stages],
        fpc=[table.numeric(name, allow_missing=False) for name in fpc],
        lonely_psu=args.lonely_psu,
    )


def named_columns(args: argparse.Namespace) -> list[str]:
    """Every column the estimate command refers to, to report a missing one first."""
    names = [args.weight, *split_names(args.strata), *split_names(args.fpc), *split_names(args.by)]
    names += [name for name in (args.psu, args.ssu, args.mean, args.total, args.proportion) if name]
    if args.ratio:
        names += list(ratio_names(args.ratio))
    return names


def run_estimate(args: argparse.Namespace) -> dict[str, Any]:
    table = read_csv(args.data)
    for name in named_columns(args):
        table.text(name)
    design = design_from(table, args)
    by_names = split_names(args.by)
    by = {name: table.labels(name) for name in by_names} or None
    result: EstimateTable
    if args.mean:
        result = mean(design, table.numeric(args.mean), by=by, na_rm=args.na_rm, name=args.mean)
    elif args.total:
        result = total(design, table.numeric(args.total), by=by, na_rm=args.na_rm, name=args.total)
    elif args.proportion:
        result = proportion(
            design, table.labels(args.proportion), by=by, na_rm=args.na_rm, name=args.proportion
        )
    else:
        top, bottom = ratio_names(args.ratio)
        result = ratio(
            design,
            table.numeric(top),
            table.numeric(bottom),
            by=by,
            na_rm=args.na_rm,
            names=(top, bottom),
        )
    return {
        "estimates": [
            row_json(row, result.statistic) for row in result.rows(level=args.level, method=args.ci)
        ]
    }


def ratio_names(text: str) -> tuple[str, str]:
    numerator, _, denominator = (part.strip() for part in text.partition("/"))
    if not numerator or not denominator or "/" in denominator:
        raise ArgumentError(f"--ratio needs NUMERATOR/DENOMINATOR, not {text!r}")
    return numerator, denominator


def row_json(row: Any, statistic: str) -> dict[str, Any]:
    output: dict[str, Any] = {"domain": dict(row.domain)}
    if statistic == "proportion":
        output["category"] = row.category
    for key in ("estimate", "se", "ci_low", "ci_high", "df", "deff", "cv", "n"):
        output[key] = getattr(row, key)
    return output


def read_margin(text: str, table: CsvTable) -> Margin:
    name, separator, path = text.partition("=")
    if not separator or not name or not path:
        raise ArgumentError(f"--margin needs VAR=MARGINS.csv, not {text!r}")
    margins = read_csv(path)
    categories = margins.labels("category")
    counts = margins.numeric("total", allow_missing=False)
    totals: dict[Any, float] = {}
    for category, count in zip(categories, counts, strict=True):
        if str(category) in totals:
            raise DataError(f"category {category!r} appears twice in {path}")
        totals[str(category)] = float(count)
    return Margin(name=name, values=table.labels(name), totals=totals)


def run_rake(args: argparse.Namespace) -> dict[str, Any]:
    table = read_csv(args.data)
    design = Design.build(table.numeric(args.weight, allow_missing=False), lonely_psu="remove")
    margins = [read_margin(text, table) for text in args.margin]
    result = rake(design, margins, tolerance=args.tolerance, max_iterations=args.max_iterations)
    new_name = args.new_weight or f"{args.weight}_raked"
    if new_name in table.names:
        raise ArgumentError(f"the data already have a column {new_name!r}; use --new-weight")
    write_with_weights(table, new_name, result.design.weights, Path(args.out))
    return {"report": result.report.as_dict(), "weight_column": new_name, "out": args.out}


def write_with_weights(
    table: CsvTable, name: str, weights: npt.NDArray[np.float64], path: Path
) -> None:
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([*table.names, name])
            columns = [table.text(column) for column in table.names]
            for row, weight in enumerate(weights):
                writer.writerow([*(str(column[row]) for column in columns), repr(float(weight))])
    except OSError as error:
        raise DataError(f"cannot write {path}: {error.strerror}") from None


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        output = run_estimate(args) if args.command == "estimate" else run_rake(args)
    except (StatsError, ArgumentError) as error:
        message = " ".join(str(error).split())
        print(f"error: {message}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    print(json.dumps(output, indent=2, allow_nan=False))
    return 0
