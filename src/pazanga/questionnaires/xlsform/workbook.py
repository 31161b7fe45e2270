"""The cells of an XLSForm workbook as text, sheet by sheet, and where each one is.

`open_workbook(data)` is the single place where the upload is opened: everything after it
works on plain rows of text. Its sheet names are lower-cased (XLSForm sheet names are
case-insensitive); a row keeps its Excel number so that every message can say where.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from pazanga.common import spreadsheets

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 400
MAX_EMPTY_RUN = 60


class WrongFileError(ValueError):
    """Not an .xlsx workbook at all, or too big."""


@dataclass
class RawSheet:
    title: str  # as written in the workbook
    header: list[str]  # the first row, as written ("" for an empty cell)
    rows: list[list[str]]  # every following row, Excel row number = index + 2

    def letter(self, index: int) -> str:
        return get_column_letter(index + 1)


# The upload is opened by pazanga.common.spreadsheets: kind by content, unpacked size, no
# DTDs, shared strings, rows, columns and cell lengths checked before the work (0012).
LIMITS = spreadsheets.Limits(
    max_bytes=MAX_UPLOAD_BYTES,
    max_rows=MAX_ROWS + MAX_EMPTY_RUN + 1,
    max_columns=MAX_COLUMNS,
)


def check_workbook_bytes(data: bytes) -> None:
    """Refuse what is not an Excel workbook by its content, is too big, or breaks a limit."""
    read_checked(data)


def read_checked(data: bytes) -> list[spreadsheets.Sheet]:
    try:
        return spreadsheets.read_spreadsheet(data, kinds=("xlsx",), limits=LIMITS).sheets
    except spreadsheets.SpreadsheetError as error:
        raise WrongFileError("\n".join(str(problem) for problem in error.problems)) from error


def cell_text(value: str) -> str:
    # A non-breaking space typed in a cell means a space; TRUE/FALSE cells mean yes/no.
    text = value.replace("\xa0", " ").strip()
    return {"TRUE": "yes", "FALSE": "no"}.get(text, text)


def open_workbook(data: bytes) -> dict[str, RawSheet]:
    """Every sheet of the .xlsx in `data` as text, keyed by its lower-cased name.

    Raises WrongFileError when the bytes are not a workbook, are too big or break a limit.
    """
    sheets: dict[str, RawSheet] = {}
    for worksheet in read_checked(data):
        raw_rows = [[cell_text(value) for value in row] for row in worksheet.rows]
        header = raw_rows[0] if raw_rows else []
        while header and not header[-1]:
            header.pop()
        width = max(len(header), 1)
        body: list[list[str]] = []
        empty_run = filled = 0
        for raw in raw_rows[1:]:
            # Cells right of the last column name belong to no column: not read at all.
            cells = raw[:width]
            empty_run = 0 if any(cells) else empty_run + 1
            if empty_run > MAX_EMPTY_RUN:
                break  # as pyxform: a long run of empty rows ends the sheet
            filled += 1 if any(cells) else 0
            body.append(cells)
            if filled > MAX_ROWS:
                raise WrongFileError(
                    _("The sheet “%(sheet)s” has more than %(rows)s rows.")
                    % {"sheet": worksheet.name, "rows": MAX_ROWS}
                )
        while body and not any(body[-1]):
            body.pop()
        sheets.setdefault(
            worksheet.name.strip().lower(), RawSheet(worksheet.name.strip(), header, body)
        )
    known = {"survey", "choices", "settings", "external_choices", "entities", "osm"}
    if len(sheets) == 1 and not set(sheets) & known:
        # As pyxform: a workbook of one sheet is the survey, whatever its name.
        sheets = {"survey": next(iter(sheets.values()))}
    return sheets


TRANSLATABLE = {"label", "hint", "guidance_hint", "constraint_message", "required_message"}
TRANSLATABLE |= {"image", "audio", "video", "big-image", "form_title", "description"}


def header_parts(header: str) -> list[str]:
    return [p.strip() for p in re.split(r"::?", header.strip()) if p.strip()]


HEADER_ALIASES = {
    "jr:constraintmsg": "constraint_message",
    "jr:requiredmsg": "required_message",
    "readonly": "read_only",
    "calculate": "calculation",
    "jr:count": "repeat_count",
    "list name": "list_name",
}


def header_base(header: str) -> str:
    """`label::French (fr)` -> label, `media::image::English` -> image, `bind::relevant` ->
    relevant, `bind::jr:constraintMsg` -> constraint_message."""
    text = header.strip()
    prefix = re.match(r"(?i)(bind|body|control|instance)::?", text)
    if prefix:
        key = text[prefix.end() :].strip().lower()
        return HEADER_ALIASES.get(key, key.replace(" ", "_"))
    parts = header_parts(text)
    if not parts:
        return ""
    if parts[0].lower() == "media" and len(parts) > 1:
        parts = parts[1:]
    key = parts[0].lower()
    return HEADER_ALIASES.get(key, key.replace(" ", "_"))


def header_language(header: str) -> str:
    """The language part of a translatable column, or ""."""
    parts = header_parts(header)
    if parts and parts[0].lower() == "media":
        parts = parts[1:]
    if parts[1:] and parts[0].lower().replace(" ", "_") in TRANSLATABLE:
        return "::".join(parts[1:]) if "::" in header else ":".join(parts[1:])
    return ""
