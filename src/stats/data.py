"""Survey data files read into typed columns: CSV, spreadsheets and SPSS files.

Only the columns asked for are converted, each once, into a numpy array of one of three
kinds:

* ``numeric``: numbers (float64), NaN where a value is missing;
* ``labels``: grouping values (strata, clusters, domains, categories): integers when every
  present value is an integer, numbers when every one is a number, text otherwise (so
  ``2`` sorts before ``10``);
* ``text``: the values as written, to copy the data into another file.

A missing value is an empty field or ``NA`` (in SPSS files also system- and user-missing
values). Errors name the file and, where it applies, the column and the line (CSV), row
(spreadsheet) or case (SPSS).

CSV files are parsed by pyarrow: in parallel, straight into typed columns, skipping the
columns nobody asked for and never holding the file's text. Spreadsheets (XLSX, XLSM,
XLSB, XLS, ODS) are read by calamine, SPSS files (SAV, ZSAV) by pyreadstat; see
docs/decisions/0090-survey-data-readers.md for the measurements behind the choice.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast, get_args

import numpy as np
import numpy.typing as npt
import pyarrow as pa
from pyarrow import csv as arrow_csv

from stats.design import BoolArray, FloatArray
from stats.errors import DataError

Kind = Literal["numeric", "labels", "text"]
KINDS: tuple[str, ...] = get_args(Kind)
MISSING_TEXT = ("", "NA")
# Data lines start at line 2 of a CSV file and at row 2 of a sheet (line 1 is the header).
FIRST_DATA_LINE = 2
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
SPSS_SUFFIXES = (".sav", ".zsav")

AnyArray = npt.NDArray[Any]


@dataclass(frozen=True, eq=False)
class Column:
    """One column: ``values`` (float64, int64 or str) and where a value is missing.

    Missing entries of ``values`` hold a placeholder (NaN, 0 or ``""``).
    """

    kind: Kind
    values: AnyArray
    missing: BoolArray


@dataclass(frozen=True, eq=False)
class DataTable:
    """The columns read from one file, by name."""

    source: str
    names: tuple[str, ...]
    columns: Mapping[str, Column]
    n_rows: int
    row_place: Callable[[int], str]

    def place(self, position: int) -> str:
        """Where data row ``position`` (from 0) is, e.g. ``line 7 of survey.csv``."""
        return f"{self.row_place(position)} of {self.source}"

    def column(self, name: str) -> Column:
        if name not in self.columns:
            if name in self.names:
                raise DataError(f"column {name!r} of {self.source} was not read")
            raise column_not_found(name, self.source, self.names)
        return self.columns[name]

    def missing(self, name: str) -> BoolArray:
        return self.column(name).missing

    def numeric(self, name: str, *, allow_missing: bool = True) -> FloatArray:
        """Numbers, with NaN for missing values (an error unless ``allow_missing``)."""
        column = self.column(name)
        if column.values.dtype.kind in "iuf":
            values = column.values.astype(np.float64)
            values[column.missing] = np.nan
        else:
            values = numbers_from_text(column.values, column.missing, name, self.place)
        if not allow_missing and column.missing.any():
            position = int(np.flatnonzero(column.missing)[0])
            raise DataError(f"column {name!r} has a missing value on {self.place(position)}")
        return values

    def labels(self, name: str) -> npt.NDArray[np.generic]:
        """Grouping values; missing ones are ``None`` (object array) so they are reported."""
        column = self.column(name)
        values = column.values
        if column.kind != "labels":
            present = self.text(name)[~column.missing]
            values = spread(labels_from_text(present), column.missing)
        if not column.missing.any():
            return cast(npt.NDArray[np.generic], values)
        with_none = values.astype(object)
        with_none[column.missing] = None
        return cast(npt.NDArray[np.generic], with_none)

    def text(self, name: str) -> npt.NDArray[np.str_]:
        """The values as text: as written for text columns, else missing values empty."""
        column = self.column(name)
        if column.kind == "text":
            return cast(npt.NDArray[np.str_], column.values)
        if column.values.dtype.kind in "US":
            text = column.values
        else:
            text = np.array([cell_text(value) for value in column.values.tolist()], dtype=str)
        return cast(npt.NDArray[np.str_], np.where(column.missing, "", text))


def read_data(
    path: str | Path,
    columns: Mapping[str, Kind] | Kind = "labels",
    *,
    sheet: str | None = None,
) -> DataTable:
    """Read ``columns`` (name -> kind, or one kind for every column) from a file.

    The format follows the file's suffix: spreadsheets and SPSS files by theirs, anything
    else as CSV (UTF-8, comma-separated, a header line). ``sheet`` picks a spreadsheet's
    sheet by name (default: the first).
    """
    suffix = Path(path).suffix.lower()
    if sheet is not None and suffix not in SPREADSHEET_SUFFIXES:
        raise DataError(f"{path} is not a spreadsheet; a sheet can only be chosen in one")
    if suffix in SPREADSHEET_SUFFIXES:
        return read_spreadsheet(Path(path), columns, sheet)
    if suffix in SPSS_SUFFIXES:
        return read_spss(Path(path), columns)
    return read_csv(Path(path), columns)


def column_not_found(name: str, source: str, names: Sequence[str]) -> DataError:
    return DataError(f"column {name!r} not found in {source}; columns are: {', '.join(names)}")


def wanted_columns(
    columns: Mapping[str, Kind] | Kind, names: tuple[str, ...], source: str
) -> dict[str, Kind]:
    """The columns to read and their kinds, after checking the file has them."""
    present = [name for name in names if name]
    duplicated = sorted({name for name in present if present.count(name) > 1})
    if duplicated:
        raise DataError(f"{source} has duplicate column names: {', '.join(duplicated)}")
    if isinstance(columns, str):
        columns = dict.fromkeys(present, columns)
    for name, kind in columns.items():
        if kind not in KINDS:
            raise DataError(f"unknown column kind {kind!r}; use one of {', '.join(KINDS)}")
        if name not in present:
            raise column_not_found(name, source, names)
    return dict(columns)


def numbers_from_text(
    text: AnyArray, missing: BoolArray, name: str, place: Callable[[int], str]
) -> FloatArray:
    """Parse numbers; the first field that is not one is an error naming its place."""
    values = np.full(text.shape[0], np.nan)
    present = ~missing
    try:
        values[present] = text[present].astype(np.float64)
    except (TypeError, ValueError):
        for position in np.flatnonzero(present):
            try:
                float(text[position])
            except (TypeError, ValueError):
                bad = str(text[position])
                raise DataError(
                    f"column {name!r} has a non-numeric value {bad!r} on {place(int(position))}"
                ) from None
        raise
    return values


def labels_from_text(text: AnyArray) -> AnyArray:
    """Integers if every value is one, else numbers if every value is one, else the text.

    Numbers too large to tell apart as floats (ids of 16 digits and more) stay text.
    """
    for kind in (np.int64, np.float64):
        try:
            values = text.astype(kind)
        except (ValueError, OverflowError):
            continue
        if kind is np.int64 or exact_floats(values):
            return values
        break
    return text.astype(str)


# Integers beyond 2**53 are not all floats: two different ids could become one.
LARGEST_EXACT_FLOAT = 2.0**53


def exact_floats(values: AnyArray) -> bool:
    return not (np.abs(values[np.isfinite(values)]) >= LARGEST_EXACT_FLOAT).any()


def cell_text(value: object) -> str:
    """A spreadsheet or SPSS value as text: whole numbers without ``.0``, dates in ISO."""
    if value is None:
        return ""
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float | np.floating):
        number = float(value)
        if np.isnan(number):
            return ""
        return str(int(number)) if number.is_integer() else repr(number)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# CSV ---------------------------------------------------------------------------------


def read_csv(path: Path, columns: Mapping[str, Kind] | Kind) -> DataTable:
    source = str(path)
    names = csv_header(path)
    wanted = wanted_columns(columns, names, source)

    def place(position: int) -> str:
        return f"line {csv_line(path, position)}"

    def where(position: int) -> str:
        return f"{place(position)} of {source}"

    table = parse_csv_typed(path, names, wanted)
    if table.num_rows == 0:
        raise DataError(f"{source} has no data rows")
    converted = {}
    for name, kind in wanted.items():
        array = table.column(name)
        if pa.types.is_floating(array.type) or pa.types.is_integer(array.type):
            dtype = np.float64 if pa.types.is_floating(array.type) else np.int64
            values, missing = arrow_numbers(array, dtype)
            if kind == "numeric":
                values[missing] = np.nan
            converted[name] = Column(kind, values, missing)
        else:
            converted[name] = text_column(kind, array, name, where)
    return DataTable(source, names, converted, table.num_rows, place)


def parse_csv_typed(path: Path, names: tuple[str, ...], wanted: Mapping[str, Kind]) -> pa.Table:
    """Numbers as float64 and labels as int64 if they all are integers (as codes usually
    are), else labels as text; after a parse error, find and report its cause."""
    numbers = {"numeric": pa.float64(), "labels": pa.int64(), "text": pa.string()}
    try:
        return parse_csv(path, names, {name: numbers[kind] for name, kind in wanted.items()})
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    numbers["labels"] = pa.string()
    try:
        return parse_csv(path, names, {name: numbers[kind] for name, kind in wanted.items()})
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
        return reread_csv(path, names, wanted, error)


def arrow_numbers(array: pa.ChunkedArray, dtype: type[np.generic]) -> tuple[AnyArray, BoolArray]:
    """Values and missing flags of an Arrow column of numbers, read from its buffers.

    Arrow's own ``to_numpy`` would do, but it imports pandas whenever pandas is installed:
    a quarter of a second of CPU for every run of the command line.
    """
    values, missing = [np.empty(0, dtype=dtype)], [np.empty(0, dtype=bool)]
    for chunk in array.chunks:
        validity, data = chunk.buffers()[:2]
        start, stop = chunk.offset, chunk.offset + len(chunk)
        values.append(np.frombuffer(data, dtype=dtype)[start:stop])
        if validity is None or chunk.null_count == 0:
            missing.append(np.zeros(len(chunk), dtype=bool))
        else:
            bits = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")
            missing.append(bits[start:stop] == 0)
    return np.concatenate(values), np.concatenate(missing)


def csv_header(path: Path) -> tuple[str, ...]:
    source = str(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle), None)
    except FileNotFoundError:
        raise DataError(f"file not found: {source}") from None
    except UnicodeDecodeError:
        raise DataError(f"cannot read {source}: it is not UTF-8 text") from None
    except (OSError, csv.Error) as error:
        raise DataError(f"cannot read {source}: {error}") from None
    if header is None:
        raise DataError(f"{source} is empty")
    return tuple(name.strip() for name in header)


def parse_csv(path: Path, names: tuple[str, ...], types: Mapping[str, pa.DataType]) -> pa.Table:
    """Only the columns in ``types``, each parsed as its type."""
    # Columns without a name get one the parser needs (nobody can ask for them).
    parser_names = [name or f"\x00{number}" for number, name in enumerate(names)]
    return arrow_csv.read_csv(
        path,
        read_options=arrow_csv.ReadOptions(column_names=parser_names, skip_rows=1),
        parse_options=arrow_csv.ParseOptions(newlines_in_values=True),
        convert_options=arrow_csv.ConvertOptions(
            column_types=dict(types),
            include_columns=list(types),
            null_values=list(MISSING_TEXT),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def reread_csv(
    path: Path, names: tuple[str, ...], wanted: Mapping[str, Kind], error: Exception
) -> pa.Table:
    """After a parse error: report a line with the wrong number of fields, or read every
    column as text so that the first value that is not a number is reported."""
    source = str(path)
    line, fields = first_ragged_line(path, len(names))
    if line:
        raise DataError(
            f"line {line} of {source} has {fields} field(s); the header has {len(names)}"
        )
    try:
        return parse_csv(path, names, dict.fromkeys(wanted, pa.string()))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    if "UTF8" in str(error):
        raise DataError(f"cannot read {source}: it is not UTF-8 text") from None
    raise DataError(f"cannot read {source}: {error}") from None


def csv_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Data records with the line each starts on, skipping blank lines as the parser does."""
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        start = reader.line_num + 1
        for record in reader:
            if record:
                yield start, record
            start = reader.line_num + 1


def first_ragged_line(path: Path, n_fields: int) -> tuple[int, int]:
    for line, record in csv_records(path):
        if len(record) != n_fields:
            return line, len(record)
    return 0, 0


def csv_line(path: Path, position: int) -> int:
    """The line data record ``position`` (from 0) starts on."""
    for number, (line, _) in enumerate(csv_records(path)):
        if number == position:
            return line
    return position + FIRST_DATA_LINE


def text_column(
    kind: Kind, array: pa.ChunkedArray, name: str, place: Callable[[int], str]
) -> Column:
    """A column parsed as text, converted to its kind.

    Labels without missing values (strata, clusters, domains usually) are converted by
    Arrow; anything else goes through Python objects.
    """
    if kind == "labels":
        for target, dtype in ((pa.int64(), np.int64), (pa.float64(), np.float64)):
            try:
                values, missing = arrow_numbers(array.cast(target), dtype)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                continue
            if dtype is np.int64 or exact_floats(values):
                return Column(kind, values, missing)
            break
    text = np.array(array.to_pylist(), dtype=object)
    missing = np.isin(text, MISSING_TEXT)
    if kind == "numeric":
        return Column(kind, numbers_from_text(text, missing, name, place), missing)
    if kind == "text":
        return Column(kind, text.astype(str), missing)
    return Column(kind, spread(labels_from_text(text[~missing]), missing), missing)


def spread(values: AnyArray, missing: BoolArray) -> AnyArray:
    """Values of the present rows put back in place, a placeholder where missing."""
    if not missing.any():
        return values
    placeholder: object = "" if values.dtype.kind in "US" else 0
    full = np.full(missing.shape[0], placeholder, dtype=values.dtype)
    full[~missing] = values
    return full


# Spreadsheets ------------------------------------------------------------------------


def read_spreadsheet(
    path: Path, columns: Mapping[str, Kind] | Kind, sheet: str | None
) -> DataTable:
    from python_calamine import CalamineError, CalamineWorkbook  # only when one is read

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except FileNotFoundError:
        raise DataError(f"file not found: {path}") from None
    except (CalamineError, OSError, ValueError) as error:
        raise DataError(f"cannot read {path} as a spreadsheet: {error}") from None
    sheets = list(workbook.sheet_names)
    if not sheets:
        raise DataError(f"{path} has no sheets")
    name = sheets[0] if sheet is None else sheet
    if name not in sheets:
        raise DataError(f"{path} has no sheet {name!r}; its sheets are: {', '.join(sheets)}")
    source = f"{path} (sheet {name!r})"
    try:
        content = workbook.get_sheet_by_name(name)
        rows = content.iter_rows()
        header = next(rows, None)
        if header is None:
            raise DataError(f"{source} is empty")
        names = tuple(cell_text(cell).strip() for cell in header)
        wanted = wanted_columns(columns, names, source)
        positions = [names.index(column) for column in wanted]
        cells: list[list[object]] = [[] for _ in wanted]
        row_numbers: list[int] = []
        first_row = content.start[0] + FIRST_DATA_LINE if content.start else FIRST_DATA_LINE
        for offset, row in enumerate(rows):
            if all(cell == "" for cell in row):
                continue
            row_numbers.append(first_row + offset)
            for values, position in zip(cells, positions, strict=True):
                values.append(row[position] if position < len(row) else "")
    except CalamineError as error:
        raise DataError(f"cannot read {source}: {error}") from None
    if not row_numbers:
        raise DataError(f"{source} has no data rows")

    def place(position: int) -> str:
        return f"row {row_numbers[position]}"

    def where(position: int) -> str:
        return f"{place(position)} of {source}"

    converted = {
        column: cell_column(kind, values, column, where)
        for (column, kind), values in zip(wanted.items(), cells, strict=True)
    }
    return DataTable(source, names, converted, len(row_numbers), place)


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def cell_column(kind: Kind, values: list[object], name: str, place: Callable[[int], str]) -> Column:
    """A column of typed cells (numbers, text, dates, booleans), converted to its kind."""
    missing = np.array([value is None or value in MISSING_TEXT for value in values], dtype=bool)
    present = [value for value, gone in zip(values, missing, strict=True) if not gone]
    if kind != "text" and all(is_number(value) for value in present):
        numbers = np.full(len(values), np.nan)
        numbers[~missing] = np.array(present, dtype=np.float64)
        if kind == "numeric":
            return Column(kind, numbers, missing)
        return Column(kind, whole_numbers_as_integers(numbers, missing), missing)
    text = np.array([cell_text(value) for value in values], dtype=str)
    if kind == "numeric":
        return Column(kind, numbers_from_text(text, missing, name, place), missing)
    if kind == "text":
        return Column(kind, text, missing)
    return Column(kind, spread(labels_from_text(text[~missing]), missing), missing)


def whole_numbers_as_integers(numbers: FloatArray, missing: BoolArray) -> AnyArray:
    """Labels stored as numbers: integers when every present one is whole."""
    present = numbers[~missing]
    if np.isfinite(present).all() and (present == np.round(present)).all():
        return np.where(missing, 0, numbers).astype(np.int64)
    return numbers


# SPSS --------------------------------------------------------------------------------


def read_spss(path: Path, columns: Mapping[str, Kind] | Kind) -> DataTable:
    import pyreadstat  # it loads pandas: only when an SPSS file is read

    source = str(path)
    if not path.is_file():
        raise DataError(f"file not found: {source}")
    try:
        _, metadata = pyreadstat.read_sav(source, metadataonly=True)
        names = tuple(str(name) for name in metadata.column_names)
        wanted = wanted_columns(columns, names, source)
        frame, _ = pyreadstat.read_sav(source, usecols=list(wanted))
    except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError, OSError) as error:
        raise DataError(f"cannot read {source} as an SPSS file: {error}") from None
    if len(frame) == 0:
        raise DataError(f"{source} has no data rows")

    def place(position: int) -> str:
        return f"case {position + 1}"

    def where(position: int) -> str:
        return f"{place(position)} of {source}"

    converted = {}
    for name, kind in wanted.items():
        series = frame[name]
        if series.dtype.kind == "f":
            numbers = series.to_numpy(dtype=np.float64)
            missing = np.isnan(numbers)
            values = numbers if kind == "numeric" else whole_numbers_as_integers(numbers, missing)
            if kind == "text":
                values = np.array([cell_text(value) for value in numbers.tolist()], dtype=str)
            converted[name] = Column(kind, values, missing)
        else:
            cells = [None if is_absent(value) else value for value in series.tolist()]
            converted[name] = cell_column(kind, cells, name, where)
    return DataTable(source, names, converted, len(frame), place)


def is_absent(value: object) -> bool:
    """None, NaN or NaT: a missing value whatever its type."""
    return value is None or bool(value != value)  # noqa: PLR0124 - NaN and NaT are not equal to themselves
