"""Errors and warnings that say where they are: sheet, row and column (letter and name)."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from pazanga.questionnaires.xlsform.workbook import RawSheet
from pazanga.questionnaires.xlsform.workbook import header_base as base_of


@dataclass(frozen=True)
class LocatedError:
    sheet: str
    row: int | None
    column: str | None  # a letter, like "D"
    column_name: str | None
    message: str

    def __str__(self) -> str:
        place = [self.sheet]
        if self.row is not None:
            place.append(_("row %(row)s") % {"row": self.row})
        if self.column is not None:
            column = _("column %(column)s") % {"column": self.column}
            place.append(f"{column} ({self.column_name})" if self.column_name else column)
        return f"{', '.join(place)}: {self.message}"


class XLSFormError(ValueError):
    """The workbook is not a valid form; `errors` says where and why."""

    def __init__(self, errors: list[LocatedError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


CONVERTER_ROW = re.compile(r"^\s*\[row\s*:\s*(\d+)\]\s*")
CONVERTER_SHEET = re.compile(r"[Oo]n the '([a-z_]+)' sheet")
CONVERTER_COLUMN = re.compile(r"the '([^']+)' (?:value|column)")


class Locator:
    """Collects located errors and warnings for one workbook."""

    def __init__(self, sheets: dict[str, RawSheet]) -> None:
        self.sheets = sheets
        self.errors: list[LocatedError] = []
        self.warnings: list[LocatedError] = []
        self.rows: dict[str, int] = {}
        survey = sheets.get("survey")
        if survey is not None:
            name_index = self.index_of("survey", "name")
            if name_index is not None:
                for number, cells in enumerate(survey.rows, start=2):
                    name = cells[name_index] if name_index < len(cells) else ""
                    if name:
                        self.rows.setdefault(name, number)

    def index_of(self, sheet: str, base: str) -> int | None:
        raw = self.sheets.get(sheet)
        if raw is None:
            return None
        for index, header in enumerate(raw.header):
            if header and base_of(header) == base:
                return index
        return None

    def place(self, sheet: str, base: str | None) -> tuple[str | None, str | None]:
        if base is None:
            return None, None
        index = self.index_of(sheet, base)
        if index is None:
            return None, None
        return self.sheets[sheet].letter(index), self.sheets[sheet].header[index]

    def error(self, sheet: str, row: int | None, base: str | None, message: str) -> None:
        letter, header = self.place(sheet, base)
        self.errors.append(LocatedError(sheet, row, letter, header, message))

    def warning(self, sheet: str, row: int | None, base: str | None, message: str) -> None:
        letter, header = self.place(sheet, base)
        self.warnings.append(LocatedError(sheet, row, letter, header, message))

    def row_error(self, name: str, base: str | None, message: str) -> None:
        self.error("survey", self.rows.get(name), base, message)

    def row_warning(self, name: str, base: str | None, message: str) -> None:
        self.warning("survey", self.rows.get(name), base, message)

    def setting_error(self, base: str, message: str) -> None:
        self.error("settings", 2, base, message)

    def check_header(self, name: str, sheet: RawSheet) -> None:
        seen: dict[str, int] = {}
        for index, header in enumerate(sheet.header):
            key = re.sub(r"\s+", " ", header.strip().lower())
            if not key:
                continue
            if key in seen:
                self.errors.append(
                    LocatedError(
                        name, 1, sheet.letter(index), header, _("This column appears twice.")
                    )
                )
            seen.setdefault(key, index)

    def converter_message(self, message: str) -> LocatedError:
        """A pyxform message, located from its own `[row : N] On the 'x' sheet` words."""
        text = message.strip()
        row_match = CONVERTER_ROW.match(text)
        row = int(row_match.group(1)) if row_match else None
        text = CONVERTER_ROW.sub("", text)
        if row is None:
            row = self.row_of_quoted_type(text)
        sheet_match = CONVERTER_SHEET.search(text)
        sheet = sheet_match.group(1) if sheet_match else "survey"
        column_match = CONVERTER_COLUMN.search(text)
        letter, header = (None, None)
        if column_match:
            letter, header = self.place(sheet, base_of(column_match.group(1)))
        said = _("The form converter says: %(message)s") % {"message": text}
        return LocatedError(sheet, row, letter, header, said)

    def row_of_quoted_type(self, text: str) -> int | None:
        """Some converter messages name the type but not the row: find the row."""
        quoted = re.findall(r"'([^']+)'", text)
        index = self.index_of("survey", "type")
        if not quoted or index is None:
            return None
        for number, cells in enumerate(self.sheets["survey"].rows, start=2):
            if index < len(cells) and cells[index].strip().lower() in {
                q.strip().lower() for q in quoted
            }:
                return number
        return None

    def converter_error(self, message: str) -> None:
        self.errors.append(self.converter_message(message))

    def converter_warning(self, message: str) -> None:
        self.warnings.append(self.converter_message(message))
