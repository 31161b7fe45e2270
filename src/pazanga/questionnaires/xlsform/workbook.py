"""The cells of an XLSForm workbook as text, sheet by sheet, and where each one is.

`open_workbook(data)` is the single place where the upload is opened: everything after it
works on plain rows of text. Its sheet names are lower-cased (XLSForm sheet names are
case-insensitive); a row keeps its Excel number so that every message can say where.
"""

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 60 * 1024 * 1024  # a zip bomb stops here
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


def check_workbook_bytes(data: bytes) -> None:
    """Refuse what is not an Excel workbook by its content, or is too big when unpacked."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise WrongFileError(
            _("The file is too big (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(len(data) / 1024 / 1024, 1), "limit": MAX_UPLOAD_BYTES // 1024 // 1024}
        )
    if not data.startswith(b"PK\x03\x04"):
        raise WrongFileError(_("This is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise WrongFileError(_("This is not an Excel workbook (.xlsx).")) from error
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise WrongFileError(_("This is not an Excel workbook (.xlsx)."))
    if unpacked > MAX_UNPACKED_BYTES:
        raise WrongFileError(_("The workbook is too big when unpacked."))


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # A non-breaking space typed in a cell means a space.
    return str(value).replace("\xa0", " ").strip()


def open_workbook(data: bytes) -> dict[str, RawSheet]:
    """Every sheet of the .xlsx in `data` as text, keyed by its lower-cased name.

    Raises WrongFileError when the bytes are not a workbook, are too big or cannot be read.
    """
    check_workbook_bytes(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise WrongFileError(
            _("The workbook cannot be read: %(error)s") % {"error": error}
        ) from error
    sheets: dict[str, RawSheet] = {}
    try:
        for worksheet in workbook.worksheets:
            first = next(worksheet.iter_rows(max_row=1, values_only=True, max_col=MAX_COLUMNS), ())
            header = [cell_text(value) for value in first]
            while header and not header[-1]:
                header.pop()
            # Cells right of the last column name belong to no column: not read at all.
            rows = worksheet.iter_rows(min_row=2, values_only=True, max_col=max(len(header), 1))
            body: list[list[str]] = []
            empty_run = filled = 0
            for raw in rows:
                cells = [cell_text(value) for value in raw]
                empty_run = 0 if any(cells) else empty_run + 1
                if empty_run > MAX_EMPTY_RUN:
                    break  # as pyxform: a long run of empty rows ends the sheet
                filled += 1 if any(cells) else 0
                body.append(cells)
                if filled > MAX_ROWS:
                    raise WrongFileError(
                        _("The sheet “%(sheet)s” has more than %(rows)s rows.")
                        % {"sheet": worksheet.title, "rows": MAX_ROWS}
                    )
            while body and not any(body[-1]):
                body.pop()
            sheets.setdefault(
                worksheet.title.strip().lower(), RawSheet(worksheet.title.strip(), header, body)
            )
    finally:
        workbook.close()
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
