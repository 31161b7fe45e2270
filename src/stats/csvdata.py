"""Reading survey data from CSV: columns by name, with clear errors.

A field that is empty or ``NA`` is a missing value. Numeric columns must hold numbers
(or missing values); grouping columns (strata, clusters, domains, categories) keep their
text, but when every value is an integer (or a number) they are compared as numbers, so
``2`` sorts before ``10``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
import numpy.typing as npt

from stats.design import FloatArray
from stats.errors import DataError

MISSING_TEXT = ("", "NA")
# Data lines start at line 2 of the file (line 1 is the header).
FIRST_DATA_LINE = 2


@dataclass(frozen=True, eq=False)
class CsvTable:
    """Columns of a CSV file as text arrays."""

    source: str
    names: tuple[str, ...]
    columns: dict[str, npt.NDArray[np.str_]]

    @property
    def n_rows(self) -> int:
        return int(next(iter(self.columns.values())).shape[0]) if self.columns else 0

    def text(self, name: str) -> npt.NDArray[np.str_]:
        if name not in self.columns:
            raise DataError(
                f"column {name!r} not found in {self.source}; columns are: {', '.join(self.names)}"
            )
        return self.columns[name]

    def missing(self, name: str) -> npt.NDArray[np.bool_]:
        return np.isin(self.text(name), MISSING_TEXT)

    def numeric(self, name: str, *, allow_missing: bool = True) -> FloatArray:
        """Numbers, with NaN for missing fields (an error unless ``allow_missing``)."""
        text = self.text(name)
        missing = self.missing(name)
        if missing.any() and not allow_missing:
            line = int(np.flatnonzero(missing)[0]) + FIRST_DATA_LINE
            raise DataError(f"column {name!r} has a missing value on line {line} of {self.source}")
        values = np.full(text.shape[0], np.nan)
        present = ~missing
        try:
            values[present] = text[present].astype(np.float64)
        except ValueError:
            line, bad = first_non_numeric(text, present)
            raise DataError(
                f"column {name!r} has a non-numeric value {bad!r} on line {line} of {self.source}"
            ) from None
        return values

    def labels(self, name: str) -> npt.NDArray[np.generic]:
        """Grouping values: integers or numbers when they all are, text otherwise.

        Missing fields become ``None`` (object array) so that they are reported, not grouped.
        """
        text = self.text(name)
        missing = self.missing(name)
        present = text[~missing]
        converted: npt.NDArray[np.generic] | None = None
        for kind in (np.int64, np.float64):
            try:
                converted = present.astype(kind)
            except (ValueError, OverflowError):
                continue
            break
        if converted is None:
            converted = present.astype(object)
        if not missing.any():
            return converted
        values = np.full(text.shape[0], None, dtype=object)
        values[~missing] = converted.astype(object)
        return values


def first_non_numeric(
    text: npt.NDArray[np.str_], present: npt.NDArray[np.bool_]
) -> tuple[int, str]:
    for position in np.flatnonzero(present):
        try:
            float(text[position])
        except ValueError:
            return int(position) + FIRST_DATA_LINE, str(text[position])
    return FIRST_DATA_LINE, ""


def read_csv(path: str | Path) -> CsvTable:
    """Read a CSV file with a header line; every line must have as many fields as the header."""
    source = str(path)
    try:
        with Path(path).open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise DataError(f"{source} is empty")
            rows = list(reader)
    except FileNotFoundError:
        raise DataError(f"file not found: {source}") from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise DataError(f"cannot read {source}: {error}") from None
    names = tuple(name.strip() for name in header)
    if len(set(names)) != len(names):
        raise DataError(f"{source} has duplicate column names")
    rows = [row for row in rows if row]
    for number, row in enumerate(rows, start=FIRST_DATA_LINE):
        if len(row) != len(names):
            raise DataError(
                f"line {number} of {source} has {len(row)} fields; the header has {len(names)}"
            )
    if not rows:
        raise DataError(f"{source} has no data rows")
    table = np.array(rows, dtype=str)
    columns = {name: cast(npt.NDArray[np.str_], table[:, i]) for i, name in enumerate(names)}
    return CsvTable(source=source, names=names, columns=columns)
