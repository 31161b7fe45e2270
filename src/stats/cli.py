"""Command line: survey estimates and raking from data files, results as JSON.

    python -m stats estimate DATA [--sheet NAME] [--spec SPEC.toml|SPEC.json]
        [--weight W] [--strata S[,S2]] [--psu P [--ssu Q]] [--fpc F[,F2]]
        [--lonely-psu RULE] [--mean Y[,Y2]]... [--total Y]... [--proportion Y]...
        [--ratio Y/X]... [--by D1[,D2]]... [--ci wald|logit] [--level 0.95] [--na-rm]
    python -m stats rake DATA --weight W --margin VAR=MARGINS.csv [--margin ...]
        --out OUT.csv [--new-weight NAME] [--tolerance T] [--max-iterations N]

DATA is a CSV file, a spreadsheet (XLSX, XLSM, XLSB, XLS, ODS) or an SPSS file (SAV,
ZSAV); ``estimate`` reads the columns it needs once and computes every statistic asked for
(each ``--mean``/``--total``/``--proportion``/``--ratio`` for each ``--by``, then those of
the spec file; see ``stats.spec``). Several columns separated by commas in ``--strata``
are combined (e.g. ``wave,region`` gives wave-specific strata). Any problem with the input
prints one line starting with ``error:`` to standard error and exits with status 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
import numpy.typing as npt

from stats.calibrate import Margin, rake
from stats.data import DataTable, Kind, read_data
from stats.design import LONELY_PSU_RULES, Design
from stats.errors import DataError, StatsError
from stats.estimate import EstimateRow, EstimateTable, mean, proportion, ratio, total
from stats.intervals import INTERVAL_METHODS
from stats.spec import (
    STATISTICS,
    DesignColumns,
    EstimateRequest,
    Spec,
    design_columns,
    names,
    read_spec,
    requests_for,
)
from stats.threads import single_threaded_blas

EXIT_INPUT_ERROR = 2


class ArgumentError(Exception):
    """A command-line usage problem, reported like any other input error."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ArgumentError(message)


class AppendStatistic(argparse.Action):
    """Keep ``--mean``, ``--total``, ... in the order they were given."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        statistics = list(getattr(namespace, self.dest) or [])
        statistics.append((self.option_strings[0].removeprefix("--"), values))
        setattr(namespace, self.dest, statistics)


def build_parser() -> Parser:
    parser = Parser(prog="python -m stats", description="Design-based survey statistics.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    estimate = commands.add_parser("estimate", help="means, totals, ratios or proportions")
    estimate.add_argument("data", help="CSV, spreadsheet (XLSX, ODS, ...) or SPSS (SAV) file")
    estimate.add_argument("--sheet", metavar="NAME", help="spreadsheet sheet (default: first)")
    estimate.add_argument(
        "--spec", metavar="SPEC", help="TOML or JSON file with the design and many estimates"
    )
    add_design_arguments(estimate, weight_required=False)
    for statistic, metavar in zip(STATISTICS, ("Y", "Y", "Y", "Y/X"), strict=True):
        estimate.add_argument(
            f"--{statistic}", dest="statistics", action=AppendStatistic, metavar=metavar
        )
    estimate.add_argument(
        "--by", action="append", metavar="D1,D2", help="domain variables (repeat for more sets)"
    )
    estimate.add_argument("--ci", choices=INTERVAL_METHODS, default="wald")
    estimate.add_argument("--level", type=float, default=0.95)
    estimate.add_argument(
        "--na-rm",
        action="store_true",
        help="leave out respondents with a missing value (R's na.rm)",
    )

    raking = commands.add_parser("rake", help="rake the weights to population margins")
    raking.add_argument("data", help="CSV, spreadsheet or SPSS file")
    raking.add_argument("--sheet", metavar="NAME", help="spreadsheet sheet (default: first)")
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


def add_design_arguments(parser: argparse.ArgumentParser, *, weight_required: bool) -> None:
    parser.add_argument("--weight", required=weight_required, metavar="W")
    parser.add_argument("--strata", metavar="S", help="stratum column(s), comma-separated")
    parser.add_argument("--psu", metavar="P", help="primary sampling unit (cluster) column")
    parser.add_argument("--ssu", metavar="Q", help="second-stage unit column")
    parser.add_argument(
        "--fpc",
        metavar="F",
        help="population size or sampling fraction column, one per stage (comma-separated)",
    )
    parser.add_argument("--lonely-psu", choices=LONELY_PSU_RULES)


def command_line_design(args: argparse.Namespace) -> dict[str, Any]:
    design: dict[str, Any] = {}
    for key in ("weight", "psu", "ssu", "lonely_psu"):
        if getattr(args, key):
            design[key] = getattr(args, key)
    for key in ("strata", "fpc"):
        if getattr(args, key):
            design[key] = names(getattr(args, key), f"--{key}")
    return design


def command_line_requests(args: argparse.Namespace) -> list[EstimateRequest]:
    """Each statistic of each variable for each ``--by`` (the whole sample without)."""
    domain_sets = [names(by, "--by") for by in args.by or []] or [()]
    options = {"na_rm": args.na_rm, "ci": args.ci, "level": args.level}
    return [
        replace(request, by=by)
        for statistic, value in args.statistics or []
        for request in requests_for(statistic, value, (), options, f"--{statistic}")
        for by in domain_sets
    ]


def needed_columns(design: DesignColumns, requests: Sequence[EstimateRequest]) -> dict[str, Kind]:
    """Every column to read and how: numbers for weights and analysed numbers, labels for
    groupings (a column used both ways is read as labels, which also give numbers)."""
    kinds: dict[str, Kind] = {}

    def need(name: str, kind: Kind) -> None:
        kinds[name] = "labels" if kinds.get(name, kind) != kind else kind

    need(design.weight, "numeric")
    for name in design.fpc:
        need(name, "numeric")
    for name in (*design.strata, *(n for n in (design.psu, design.ssu) if n)):
        need(name, "labels")
    for request in requests:
        for name in request.by:
            need(name, "labels")
        kind: Kind = "labels" if request.statistic == "proportion" else "numeric"
        for name in request.variables:
            need(name, kind)
    return kinds


def combined_labels(table: DataTable, columns: Sequence[str]) -> npt.NDArray[np.generic]:
    """One label per row from one or several columns (joined with a separator)."""
    if len(columns) == 1:
        return table.labels(columns[0])
    for name in columns:
        missing = table.missing(name)
        if missing.any():
            raise DataError(f"column {name!r} has {int(missing.sum())} missing value(s)")
    joined = table.text(columns[0])
    for name in columns[1:]:
        joined = np.char.add(np.char.add(joined, "\x1f"), table.text(name))
    return joined


def design_from(table: DataTable, columns: DesignColumns) -> Design:
    stages = [name for name in (columns.psu, columns.ssu) if name]
    return Design.build(
        table.numeric(columns.weight, allow_missing=False),
        strata=combined_labels(table, columns.strata) if columns.strata else None,
        clusters=[table.labels(name) for name in stages],
        fpc=[table.numeric(name, allow_missing=False) for name in columns.fpc],
        lonely_psu=columns.lonely_psu,
    )


def run_estimate(args: argparse.Namespace) -> dict[str, Any]:
    spec = read_spec(args.spec) if args.spec else Spec()
    columns = design_columns({**spec.design, **command_line_design(args)})
    requests = [*command_line_requests(args), *spec.estimates]
    if not requests:
        raise ArgumentError(
            "nothing to estimate: give --mean, --total, --proportion or --ratio, "
            "or a spec file with estimates"
        )
    table = read_data(args.data, needed_columns(columns, requests), sheet=args.sheet)
    design = design_from(table, columns)
    rows: list[dict[str, Any]] = []
    for request in requests:
        result = estimate_one(table, design, request)
        rows += [
            row_json(request, row) for row in result.rows(level=request.level, method=request.ci)
        ]
    return {"estimates": rows}


def estimate_one(table: DataTable, design: Design, request: EstimateRequest) -> EstimateTable:
    by = {name: table.labels(name) for name in request.by} or None
    name = request.variables[0]
    if request.statistic == "mean":
        return mean(design, table.numeric(name), by=by, na_rm=request.na_rm, name=name)
    if request.statistic == "total":
        return total(design, table.numeric(name), by=by, na_rm=request.na_rm, name=name)
    if request.statistic == "proportion":
        return proportion(design, table.labels(name), by=by, na_rm=request.na_rm, name=name)
    top, bottom = request.variables
    return ratio(
        design,
        table.numeric(top),
        table.numeric(bottom),
        by=by,
        na_rm=request.na_rm,
        names=(top, bottom),
    )


def row_json(request: EstimateRequest, row: EstimateRow) -> dict[str, Any]:
    output: dict[str, Any] = {
        "statistic": request.statistic,
        "variable": request.variable,
        "domain": dict(row.domain),
    }
    if request.statistic == "proportion":
        output["category"] = row.category
    for key in ("estimate", "se", "ci_low", "ci_high", "df", "deff", "cv", "n"):
        output[key] = getattr(row, key)
    return output


def read_margin(text: str, table: DataTable) -> Margin:
    name, separator, path = text.partition("=")
    if not separator or not name or not path:
        raise ArgumentError(f"--margin needs VAR=MARGINS.csv, not {text!r}")
    margins = read_data(path, {"category": "labels", "total": "numeric"})
    categories = margins.labels("category")
    counts = margins.numeric("total", allow_missing=False)
    totals: dict[Any, float] = {}
    for category, count in zip(categories, counts, strict=True):
        if str(category) in totals:
            raise DataError(f"category {category!r} appears twice in {path}")
        totals[str(category)] = float(count)
    return Margin(name=name, values=table.labels(name), totals=totals)


def run_rake(args: argparse.Namespace) -> dict[str, Any]:
    table = read_data(args.data, "text", sheet=args.sheet)
    design = Design.build(table.numeric(args.weight, allow_missing=False), lonely_psu="remove")
    margins = [read_margin(text, table) for text in args.margin]
    result = rake(design, margins, tolerance=args.tolerance, max_iterations=args.max_iterations)
    new_name = args.new_weight or f"{args.weight}_raked"
    if new_name in table.names:
        raise ArgumentError(f"the data already have a column {new_name!r}; use --new-weight")
    write_with_weights(table, new_name, result.design.weights, Path(args.out))
    return {"report": result.report.as_dict(), "weight_column": new_name, "out": args.out}


def write_with_weights(
    table: DataTable, name: str, weights: npt.NDArray[np.float64], path: Path
) -> None:
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            columns = [column for column in table.names if column in table.columns]
            writer.writerow([*columns, name])
            texts = [table.text(column) for column in columns]
            for row, weight in enumerate(weights):
                writer.writerow([*(str(text[row]) for text in texts), repr(float(weight))])
    except OSError as error:
        raise DataError(f"cannot write {path}: {error.strerror}") from None


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        with single_threaded_blas():
            output = run_estimate(args) if args.command == "estimate" else run_rake(args)
    except (StatsError, ArgumentError) as error:
        message = " ".join(str(error).split())
        print(f"error: {message}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    print(json.dumps(output, indent=2, allow_nan=False))
    return 0
