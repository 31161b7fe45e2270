"""Spreadsheets from outside, read defensively in one place: CSV, Excel (.xlsx), SPSS (.sav).

Every import (invitations, XLSForm, training plans, survey data, workplans) reads its file
with `read_spreadsheet(data, kinds=..., limits=...)`:

1. The kind is decided by the content (`pazanga.common.uploads.sniff`), never by the name;
   a web page, an SVG picture or anything else is refused before any parsing.
2. Limits are checked before the work they bound: the file's size; for a workbook the
   number of parts and their unpacked size as the archive declares them (a zip bomb stops
   here; zipfile then never unpacks more than declared), that no XML part has a DTD (so no
   entity expansion and no external entities: defusedxml, which openpyxl also uses), and
   the number of shared strings (counted while streaming, stopping at the limit). While
   reading: rows, columns, cells and the length of each cell.
3. Every violation is a `Problem` with its sheet, row and column where it has them; they
   are raised together as one `SpreadsheetError`, with messages in the active language.

Rows come back as lists of strings, as the spreadsheet shows them (whole numbers without
".0", dates as ISO dates, TRUE/FALSE); `table(sheet, required=...)` names the cells by the
first row. Decision 0012 explains the choices.
"""

import csv
import datetime
import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from pazanga.common.uploads import ARCHIVE_ERRORS, SNIFF_BYTES, is_markup, sniff

KINDS = ("csv", "xlsx", "sav")
KIND_NAMES = {
    "csv": gettext_lazy("a CSV file (UTF-8 text)"),
    "xlsx": gettext_lazy("an Excel workbook (.xlsx)"),
    "sav": gettext_lazy("an SPSS data file (.sav)"),
}
CSV_DELIMITERS = (",", ";", "\t")
SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
CONTENT_TYPES = "[Content_Types].xml"
MAX_PROBLEMS = 50  # enough to fix a file; the rest would only be more of the same


@dataclass(frozen=True)
class Limits:
    """What one import accepts; each limit bounds time or memory before the work is done."""

    max_bytes: int = 10 * 1024 * 1024
    max_unpacked_bytes: int = 40 * 1024 * 1024  # all parts of a workbook, unpacked
    max_part_bytes: int = 20 * 1024 * 1024  # one part, unpacked (shared strings load whole)
    max_parts: int = 1000
    max_sheets: int = 20
    max_shared_strings: int = 100_000
    max_rows: int = 10_000
    max_columns: int = 200
    max_cells: int = 500_000
    max_cell_chars: int = 32_767  # Excel's own limit for one cell


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: sheet name, row (1-based) and column (1-based) when known."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: int | None = None

    @property
    def column_letter(self) -> str | None:
        return get_column_letter(self.column) if self.column else None

    def __str__(self) -> str:
        place = []
        if self.sheet:
            place.append(_("sheet “%(name)s”") % {"name": self.sheet})
        if self.row:
            place.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            place.append(_("column %(column)s") % {"column": self.column_letter})
        return f"{', '.join(place)}: {self.message}" if place else self.message


class SpreadsheetError(ValueError):
    """The file cannot be imported; `problems` says where and why (at least one)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass
class Sheet:
    """One sheet's rows; `rows[0]` is the spreadsheet's row 1. Empty rows are kept as []."""

    name: str
    rows: list[list[str]] = field(default_factory=list)
    # SPSS value labels: column -> code (as the rows show it) -> label
    value_labels: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class Spreadsheet:
    kind: str  # "csv", "xlsx" or "sav"
    sheets: list[Sheet]

    @property
    def first_sheet(self) -> Sheet:
        return self.sheets[0]


@dataclass(frozen=True)
class Record:
    row: int  # the spreadsheet's row number
    values: dict[str, str]


@dataclass
class Table:
    """A sheet read through its first row: lower-cased column names and the rows below."""

    sheet: str
    columns: list[str]
    records: list[Record]


def read_spreadsheet(
    data: bytes | IO[bytes], *, kinds: Sequence[str] = ("csv", "xlsx"), limits: Limits = Limits()
) -> Spreadsheet:
    """Read a spreadsheet of one of `kinds`, or raise SpreadsheetError saying what is wrong."""
    if not isinstance(data, bytes):
        data = read_at_most(data, limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise SpreadsheetError([too_big(len(data), limits.max_bytes)])
    if not data.strip():
        raise SpreadsheetError([Problem(_("The file is empty."))])
    kind = sniff(io.BytesIO(data))
    if kind is None and "csv" in kinds and is_other_text(data):
        kind = "csv"  # read_csv says where the text stops being UTF-8
    if kind not in kinds:
        expected = _(" or ").join(str(KIND_NAMES[k]) for k in kinds)
        raise SpreadsheetError([Problem(_("This is not %(expected)s.") % {"expected": expected})])
    readers = {"csv": read_csv, "xlsx": read_xlsx, "sav": read_sav}
    return Spreadsheet(kind, readers[kind](data, limits))


def is_other_text(data: bytes) -> bool:
    """Text in another encoding (a CSV saved as Windows-1257, say), not a binary file."""
    head = data[:SNIFF_BYTES]
    return b"\x00" not in head and not is_markup(head) and not head.startswith(b"PK\x03\x04")


def read_at_most(file: IO[bytes], size: int) -> bytes:
    file.seek(0)
    data = file.read(size)
    file.seek(0)
    return data


def too_big(size: int, limit: int) -> Problem:
    return Problem(
        _("The file is too big (%(size)s); the limit is %(limit)s.")
        % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
    )


class RowCollector:
    """Collects one sheet's rows, checking rows, columns, cells and cell lengths as it goes."""

    def __init__(self, sheet: str | None, limits: Limits) -> None:
        self.sheet, self.limits = sheet, limits
        self.rows: list[list[str]] = []
        self.problems: list[Problem] = []
        self.cells = 0

    def problem(self, message: str, row: int | None = None, column: int | None = None) -> None:
        self.problems.append(Problem(message, self.sheet, row, column))

    def add(self, cells: list[str]) -> bool:
        """Keep one row; False when reading must stop (a limit that bounds the work)."""
        limits, number = self.limits, len(self.rows) + 1
        if number > limits.max_rows:
            self.problem(
                _("There are more than %(limit)s rows.") % {"limit": limits.max_rows}, number
            )
            return False
        while len(cells) > limits.max_columns and cells[-1] == "":
            cells.pop()  # empty cells past the limit do not count
        if len(cells) > limits.max_columns:
            message = _("There are more than %(limit)s columns.") % {"limit": limits.max_columns}
            self.problem(message, number, limits.max_columns + 1)
            return False
        self.cells += len(cells)
        if self.cells > limits.max_cells:
            message = _("There are more than %(limit)s cells.") % {"limit": limits.max_cells}
            self.problem(message, number)
            return False
        for column, text in enumerate(cells, start=1):
            if len(text) > limits.max_cell_chars:
                self.cell_too_long(number, column)
                cells[column - 1] = ""
        self.rows.append(cells)
        return len(self.problems) < MAX_PROBLEMS

    def cell_too_long(self, row: int, column: int | None) -> None:
        self.problem(
            _("The cell is longer than %(limit)s characters.")
            % {"limit": self.limits.max_cell_chars},
            row,
            column,
        )


# CSV ---------------------------------------------------------------------------------


def read_csv(data: bytes, limits: Limits) -> list[Sheet]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        message = _("The file is not UTF-8 text; save it as “CSV UTF-8”.")
        raise SpreadsheetError([Problem(message, row=row)]) from None
    collector = RowCollector(None, limits)
    if "\x00" in text:
        row = text[: text.index("\x00")].count("\n") + 1
        collector.problem(_("The file contains binary data; it is not a CSV file."), row)
        raise SpreadsheetError(collector.problems)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=guess_delimiter(text))
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            # The only errors a lenient reader raises: a cell over csv.field_size_limit()
            # (131,072 characters), or a quote left open to the end of the file.
            number = len(collector.rows) + 1
            if "field larger than field limit" in str(error):
                collector.cell_too_long(number, None)
            else:
                collector.problem(_("This row cannot be read as CSV."), number)
            break
        if not collector.add(cells):
            break
    if collector.problems:
        raise SpreadsheetError(collector.problems)
    return [Sheet("", collector.rows)]


def guess_delimiter(text: str) -> str:
    """The delimiter used most in the first line (comma when none is)."""
    first_line = text.split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


# XLSX --------------------------------------------------------------------------------

# openpyxl raises almost anything on a damaged workbook (KeyError for a missing part,
# IndexError for a shared string that is not there, ValueError, TypeError, XML errors).
DAMAGED_WORKBOOK_ERRORS = (Exception,)


def damaged() -> SpreadsheetError:
    return SpreadsheetError([Problem(_("The workbook is damaged and cannot be read."))])


def read_xlsx(data: bytes, limits: Limits) -> list[Sheet]:
    check_archive(data, limits)
    with warnings.catch_warnings():
        # openpyxl warns about what it skips (data validation, unknown extensions, odd
        # styles); none of it matters to an import.
        warnings.simplefilter("ignore")
        return read_checked_xlsx(data, limits)


def read_checked_xlsx(data: bytes, limits: Limits) -> list[Sheet]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DAMAGED_WORKBOOK_ERRORS:
        raise damaged() from None
    try:
        worksheets = workbook.worksheets
        if len(worksheets) > limits.max_sheets:
            message = _("There are more than %(limit)s sheets.") % {"limit": limits.max_sheets}
            raise SpreadsheetError([Problem(message)])
        sheets, problems = [], []
        for worksheet in worksheets:
            sheet, sheet_problems = read_worksheet(worksheet, limits)
            sheets.append(sheet)
            problems.extend(sheet_problems)
    except SpreadsheetError:
        raise
    except DAMAGED_WORKBOOK_ERRORS:
        raise damaged() from None
    finally:
        workbook.close()
    if problems:
        raise SpreadsheetError(problems)
    if not sheets:
        raise SpreadsheetError([Problem(_("The workbook has no sheets."))])
    return sheets


def check_archive(data: bytes, limits: Limits) -> None:
    """The checks that need no spreadsheet parsing: sizes, parts, DTDs, shared strings."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except ARCHIVE_ERRORS:
        raise damaged() from None
    with archive:
        check_sizes(parts, limits)
        try:
            for part in parts:
                if part.filename.endswith((".xml", ".rels")):
                    check_xml_prolog(archive, part.filename)
            for name in shared_strings_parts(archive):
                count_shared_strings(archive, name, limits)
        except SpreadsheetError:  # a ValueError, which ARCHIVE_ERRORS would catch below
            raise
        except DefusedXmlException:
            # A DTD: entity bombs ("billion laughs") and external entities start with one.
            message = _(
                "The workbook contains an XML document type declaration, which spreadsheets "
                "never have; it cannot be imported."
            )
            raise SpreadsheetError([Problem(message)]) from None
        except (SyntaxError, LookupError, UnicodeError, *ARCHIVE_ERRORS):
            # ParseError (a SyntaxError) is XML that is not well-formed, LookupError an
            # unknown encoding in its declaration; the rest are damaged archive members.
            raise damaged() from None


def check_sizes(parts: list[zipfile.ZipInfo], limits: Limits) -> None:
    """From the archive's directory, before anything is unpacked."""
    if len(parts) > limits.max_parts:
        message = _("The workbook has more than %(limit)s parts.") % {"limit": limits.max_parts}
        raise SpreadsheetError([Problem(message)])
    unpacked = sum(part.file_size for part in parts)
    largest = max((part.file_size for part in parts), default=0)
    for size, limit in ((unpacked, limits.max_unpacked_bytes), (largest, limits.max_part_bytes)):
        if size > limit:
            message = _("The workbook is too big when unpacked (%(size)s; the limit is %(limit)s).")
            sizes = {"size": filesizeformat(size), "limit": filesizeformat(limit)}
            raise SpreadsheetError([Problem(message % sizes)])


def check_xml_prolog(archive: zipfile.ZipFile, name: str) -> None:
    """Parse up to the root element: a DTD (billion laughs, external entities) raises."""
    with archive.open(name) as stream:
        for _event, _element in iterparse(stream, events=("start",), forbid_dtd=True):
            return


def shared_strings_parts(archive: zipfile.ZipFile) -> set[str]:
    """The shared-strings part, wherever [Content_Types].xml puts it (as openpyxl finds it)."""
    names = {"xl/sharedStrings.xml"}
    with archive.open(CONTENT_TYPES) as stream:
        for _event, element in iterparse(stream, forbid_dtd=True):
            if element.get("ContentType") == SHARED_STRINGS_TYPE and element.get("PartName"):
                names.add(element.get("PartName", "").lstrip("/"))
            element.clear()
    return names & set(archive.namelist())


SHARED_STRING_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def count_shared_strings(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Count the shared strings' start tags in the raw part, stopping past the limit.

    A byte scan, not a parse (a parse costs a second per 100,000 strings); with DTDs refused
    nothing can add elements, so the count is exact, or high for a text in a comment.
    """
    count, tail = 0, b""
    with archive.open(name) as stream:
        while chunk := stream.read(1024 * 1024):
            window = tail + chunk
            count += len(SHARED_STRING_START.findall(window))
            # A tag cut by the chunk's end can only start at the last "<": carry it over.
            cut = window.rfind(b"<")
            unfinished = cut != -1 and not SHARED_STRING_START.match(window, cut)
            tail = window[cut : cut + 256] if unfinished else b""
            if count > limits.max_shared_strings:
                message = _("The workbook has more than %(limit)s different texts.")
                raise SpreadsheetError([Problem(message % {"limit": limits.max_shared_strings})])


def read_worksheet(worksheet: Any, limits: Limits) -> tuple[Sheet, list[Problem]]:
    # Do not trust the declared size: rows are as long as their last cell, not padded to a
    # dimension of A1:XFD1048576.
    worksheet.reset_dimensions()
    collector = RowCollector(worksheet.title, limits)
    for values in worksheet.iter_rows(values_only=True):
        if not collector.add([cell_text(value) for value in values]):
            break
    return Sheet(worksheet.title, collector.rows), collector.problems


def cell_text(value: Any) -> str:
    """A cell as the spreadsheet shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:  # noqa: PLR2004
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


# SPSS --------------------------------------------------------------------------------


def read_sav(data: bytes, limits: Limits) -> list[Sheet]:
    """An SPSS file as one sheet: variable names in row 1, one row per case below."""
    import pyreadstat  # a C extension, loaded only by the imports that read .sav files

    try:
        _none, meta = pyreadstat.read_sav(io.BytesIO(data), metadataonly=True)
        collector = RowCollector(None, limits)
        if meta.number_columns is not None and meta.number_columns > limits.max_columns:
            message = _("There are more than %(limit)s columns.") % {"limit": limits.max_columns}
            raise SpreadsheetError([Problem(message, row=1, column=limits.max_columns + 1)])
        if meta.number_rows is not None and meta.number_rows + 1 > limits.max_rows:
            message = _("There are more than %(limit)s rows.") % {"limit": limits.max_rows}
            raise SpreadsheetError([Problem(message, row=limits.max_rows + 1)])
        values, meta = pyreadstat.read_sav(
            io.BytesIO(data), output_format="dict", row_limit=limits.max_rows
        )
    except SpreadsheetError:
        raise
    except Exception:
        message = _("The SPSS file is damaged and cannot be read.")
        raise SpreadsheetError([Problem(message)]) from None
    names = list(values)
    collector.add([sav_text(name) for name in names])
    for cells in zip(*(values[name] for name in names), strict=False):
        if not collector.add([sav_text(value) for value in cells]):
            break
    if collector.problems:
        raise SpreadsheetError(collector.problems)
    labels = {
        str(name): {sav_text(code): str(label) for code, label in codes.items()}
        for name, codes in (meta.variable_value_labels or {}).items()
    }
    return [Sheet("", collector.rows, labels)]


def sav_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):  # NaN: missing
        return ""
    return cell_text(value)


# Reading a sheet through its header ---------------------------------------------------


def table(sheet: Sheet, *, required: Iterable[str] = ()) -> Table:
    """Name each row's cells by the first row (lower-cased, trimmed); skip empty rows.

    Raises SpreadsheetError when the sheet is empty, a column name appears twice or a
    required column is missing.
    """
    if not sheet.rows or not any(cell.strip() for cell in sheet.rows[0]):
        raise SpreadsheetError([Problem(_("The file is empty."), sheet.name or None, 1)])
    names = [cell.strip().lower() for cell in sheet.rows[0]]
    problems = []
    seen: set[str] = set()
    for column, name in enumerate(names, start=1):
        if name and name in seen:
            problems.append(Problem(_("This column appears twice."), sheet.name or None, 1, column))
        seen.add(name)
    for name in required:
        if name not in seen:
            message = _("The first row must name the column “%(name)s”.") % {"name": name}
            problems.append(Problem(message, sheet.name or None, 1))
    if problems:
        raise SpreadsheetError(problems)
    records = []
    for number, cells in enumerate(sheet.rows[1:], start=2):
        values = {name: cell.strip() for name, cell in zip(names, cells, strict=False) if name}
        if any(values.values()):
            records.append(Record(number, values))
    return Table(sheet.name, [name for name in names if name], records)
