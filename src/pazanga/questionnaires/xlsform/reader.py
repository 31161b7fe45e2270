"""Read an XLSForm workbook into a FormSpec, or say exactly where it is wrong.

Everything outside the supported subset is refused with its sheet, row and column;
nothing is silently dropped. See docs/questionnaires.md for the subset.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from pazanga.common import spreadsheets
from pazanga.questionnaires import expressions
from pazanga.questionnaires.enums import Purpose, QuestionType
from pazanga.questionnaires.xlsform.spec import (
    ChoiceSpec,
    FormSpec,
    GroupSpec,
    QuestionSpec,
    texts,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_NAME_LENGTH = 60
CONTENT_LANGUAGES = ("lt", "en")
LANGUAGE_NAMES = {
    "lithuanian": "lt",
    "lietuvių": "lt",
    "lietuviu": "lt",
    "english": "en",
    "anglų": "en",
}
NAME_RE = re.compile(expressions.NAME_PATTERN + r"\Z")
TRUE_WORDS = {"yes", "true", "true()", "1", "taip"}
FALSE_WORDS = {"no", "false", "false()", "0", "ne", ""}

SURVEY_COLUMNS = {
    "type",
    "name",
    "label",
    "hint",
    "required",
    "constraint",
    "constraint_message",
    "relevant",
    "choice_filter",
    "appearance",
    "points",
}
TRANSLATABLE = {"label", "hint", "constraint_message", "form_title", "description"}
SETTINGS_COLUMNS = {
    "form_title",
    "form_id",
    "version",
    "default_language",
    "purpose",
    "pass_mark",
    "description",
}
SIMPLE_TYPES = {
    "text": QuestionType.TEXT,
    "string": QuestionType.TEXT,
    "integer": QuestionType.INTEGER,
    "int": QuestionType.INTEGER,
    "decimal": QuestionType.DECIMAL,
    "date": QuestionType.DATE,
    "note": QuestionType.NOTE,
    "file": QuestionType.FILE,
}
SELECT_TYPES = {
    "select_one": QuestionType.SELECT_ONE,
    "select one": QuestionType.SELECT_ONE,
    "select_multiple": QuestionType.SELECT_MULTIPLE,
    "select multiple": QuestionType.SELECT_MULTIPLE,
    "select all that apply": QuestionType.SELECT_MULTIPLE,
}
BEGIN_GROUP = {"begin_group", "begin group"}
END_GROUP = {"end_group", "end group"}
GROUP_APPEARANCES = {"", "field-list"}  # every section is one page already


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


class WrongFileError(ValueError):
    """Not an .xlsx workbook at all, or too big."""


# The workbook is opened by pazanga.common.spreadsheets (kind by content, unpacked size,
# no DTDs, shared strings, rows, columns and cell lengths checked before the work).
LIMITS = spreadsheets.Limits(max_bytes=MAX_UPLOAD_BYTES, max_rows=2 * MAX_ROWS, max_columns=100)


def open_workbook(data: bytes) -> list[spreadsheets.Sheet]:
    try:
        return spreadsheets.read_spreadsheet(data, kinds=("xlsx",), limits=LIMITS).sheets
    except spreadsheets.SpreadsheetError as error:
        raise WrongFileError("\n".join(str(problem) for problem in error.problems)) from error


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass(frozen=True)
class Column:
    index: int  # 0-based
    header: str
    base: str  # lower-case column name without the language
    language: str | None

    @property
    def letter(self) -> str:
        return get_column_letter(self.index + 1)


@dataclass
class Sheet:
    title: str
    columns: list[Column]
    rows: list[tuple[int, list[str]]]  # (Excel row number, cells)

    def value(self, cells: list[str], column: Column) -> str:
        return cells[column.index] if column.index < len(cells) else ""


def parse_language(text: str) -> str | None:
    """`Lithuanian (lt)`, `English`, `en` -> a code; None when unknown."""
    text = text.strip()
    match = re.search(r"\(([A-Za-z\-]+)\)\s*$", text)
    if match:
        return match.group(1).lower().split("-")[0]
    lowered = text.lower()
    if lowered in CONTENT_LANGUAGES:
        return lowered
    return LANGUAGE_NAMES.get(lowered)


class Reader:
    def __init__(self) -> None:
        self.errors: list[LocatedError] = []

    def error(self, sheet: str, row: int | None, column: Column | None, message: str) -> None:
        self.errors.append(
            LocatedError(
                sheet,
                row,
                column.letter if column else None,
                column.header if column else None,
                message,
            )
        )

    # Workbook and sheets ---------------------------------------------------------

    def read(self, data: bytes) -> FormSpec:
        sheets = {sheet.name.strip().lower(): sheet for sheet in open_workbook(data)}
        if "survey" not in sheets:
            self.error("survey", None, None, _("The workbook has no “survey” sheet."))
            raise XLSFormError(self.errors)
        settings_sheet = self.load_sheet(sheets["settings"]) if "settings" in sheets else None
        default_language = self.default_language(settings_sheet)
        survey = self.load_sheet(sheets["survey"])
        choices = self.load_sheet(sheets["choices"]) if "choices" in sheets else None
        for sheet_name in sheets:
            if sheet_name not in ("survey", "choices", "settings"):
                self.error(
                    sheet_name, None, None, _("This sheet is not part of the supported subset.")
                )
        self.label_columns = [
            c for sheet in (survey, choices) if sheet for c in sheet.columns if c.base == "label"
        ]
        choice_lists = self.read_choices(choices, default_language) if choices else {}
        items = self.read_survey(survey, default_language, choice_lists, choices is not None)
        form = self.read_settings(settings_sheet, default_language, items, choice_lists)
        self.check_translations(form, survey, choices)
        if self.errors:
            raise XLSFormError(self.errors)
        return form

    def load_sheet(self, worksheet: spreadsheets.Sheet) -> Sheet:
        title = worksheet.name.strip().lower()
        raw_rows = iter(worksheet.rows)
        header_cells = next(raw_rows, None) or ()
        columns: list[Column] = []
        seen: dict[tuple[str, str | None], Column] = {}
        for index, raw in enumerate(header_cells):
            header = cell_text(raw)
            if not header:
                continue
            base, language = self.split_header(title, index, header)
            column = Column(index, header, base, language)
            if (base, language) in seen:
                self.error(title, 1, column, _("This column appears twice."))
                continue
            seen[(base, language)] = column
            columns.append(column)
        rows: list[tuple[int, list[str]]] = []
        for number, raw_row in enumerate(raw_rows, start=2):
            cells = [cell_text(value) for value in raw_row]
            if any(cells):
                rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                self.error(title, number, None, _("The sheet has too many rows."))
                raise XLSFormError(self.errors)
        return Sheet(title, columns, rows)

    def split_header(self, sheet: str, index: int, header: str) -> tuple[str, str | None]:
        if "::" in header:
            base, language_text = header.split("::", 1)
        elif ":" in header:
            base, language_text = header.split(":", 1)
        else:
            return header.strip().lower().replace(" ", "_"), None
        base = base.strip().lower().replace(" ", "_")
        language = parse_language(language_text)
        column = Column(index, header, base, None)
        if base not in TRANSLATABLE:
            self.error(sheet, 1, column, _("This column cannot have a language."))
        elif language not in CONTENT_LANGUAGES:
            self.error(
                sheet,
                1,
                column,
                _("Unsupported language “%(language)s”: use Lithuanian (lt) or English (en).")
                % {"language": language_text.strip()},
            )
        return base, language

    def default_language(self, settings_sheet: Sheet | None) -> str:
        if settings_sheet is None or not settings_sheet.rows:
            return "lt"
        column = self.column(settings_sheet, "default_language")
        if column is None:
            return "lt"
        row, cells = settings_sheet.rows[0]
        text = settings_sheet.value(cells, column)
        if not text:
            return "lt"
        language = parse_language(text)
        if language not in CONTENT_LANGUAGES:
            self.error(
                "settings",
                row,
                column,
                _("Unsupported language “%(language)s”.") % {"language": text},
            )
            return "lt"
        return language

    @staticmethod
    def column(sheet: Sheet, base: str, language: str | None = None) -> Column | None:
        for column in sheet.columns:
            if column.base == base and column.language == language:
                return column
        return None

    def translated(
        self, sheet: Sheet, cells: list[str], base: str, default_language: str
    ) -> dict[str, str]:
        values: dict[str, str] = {}
        for column in sheet.columns:
            if column.base != base:
                continue
            language = column.language or default_language
            text = sheet.value(cells, column)
            if text:
                values[language] = text
        return values

    def refuse_unknown_columns(self, sheet: Sheet, known: set[str]) -> None:
        for column in sheet.columns:
            if column.base in known:
                continue
            if any(sheet.value(cells, column) for _row, cells in sheet.rows):
                self.error(
                    sheet.title, 1, column, _("This column is not part of the supported subset.")
                )

    # choices ---------------------------------------------------------------------

    def read_choices(
        self, sheet: Sheet, default_language: str
    ) -> dict[str, list[tuple[int, ChoiceSpec]]]:
        list_column = self.column(sheet, "list_name") or self.column(sheet, "list name")
        name_column = self.column(sheet, "name")
        if list_column is None or name_column is None:
            self.error("choices", 1, None, _("The choices sheet needs list_name and name columns."))
            return {}
        correct_column = self.column(sheet, "correct")
        special = {"list_name", "name", "label", "correct", "image", "media"}
        extra_columns = [c for c in sheet.columns if c.base not in special and c.language is None]
        for column in sheet.columns:
            if (
                column.base in {"image", "media"}
                or (column.language is not None and column.base != "label")
            ) and any(sheet.value(cells, column) for _row, cells in sheet.rows):
                self.error(
                    "choices", 1, column, _("This column is not part of the supported subset.")
                )
        lists: dict[str, list[tuple[int, ChoiceSpec]]] = {}
        seen: dict[tuple[str, str], int] = {}
        for row, cells in sheet.rows:
            list_name = sheet.value(cells, list_column)
            name = sheet.value(cells, name_column)
            if not list_name:
                self.error("choices", row, list_column, _("The list name is missing."))
                continue
            if not name:
                self.error("choices", row, name_column, _("The choice name is missing."))
                continue
            if not NAME_RE.match(list_name):
                self.error("choices", row, list_column, _("This is not a valid list name."))
            if not re.fullmatch(r"[^\s]{1,60}", name):
                self.error(
                    "choices",
                    row,
                    name_column,
                    _("A choice name has no spaces (at most 60 characters)."),
                )
            if (list_name, name) in seen:
                self.error(
                    "choices",
                    row,
                    name_column,
                    _("Choice “%(name)s” is already in list “%(list)s” (row %(row)s).")
                    % {"name": name, "list": list_name, "row": seen[(list_name, name)]},
                )
                continue
            seen[(list_name, name)] = row
            correct = False
            if correct_column is not None:
                correct = self.boolean(
                    "choices", row, correct_column, sheet.value(cells, correct_column)
                )
            extra = tuple(
                (column.base, sheet.value(cells, column))
                for column in extra_columns
                if sheet.value(cells, column)
            )
            label = self.translated(sheet, cells, "label", default_language)
            lists.setdefault(list_name, []).append(
                (row, ChoiceSpec(name=name, label=texts(label), correct=correct, extra=extra))
            )
        return lists

    def boolean(self, sheet: str, row: int, column: Column, text: str) -> bool:
        lowered = text.strip().lower()
        if lowered in TRUE_WORDS:
            return True
        if lowered not in FALSE_WORDS:
            self.error(sheet, row, column, _("Write yes or no, not “%(text)s”.") % {"text": text})
        return False

    # survey ----------------------------------------------------------------------

    def read_survey(  # noqa: PLR0912, PLR0915 (row by row, as a person reads the sheet)
        self,
        sheet: Sheet,
        default_language: str,
        choice_lists: dict[str, list[tuple[int, ChoiceSpec]]],
        has_choices_sheet: bool,
    ) -> list[QuestionSpec | GroupSpec]:
        type_column = self.column(sheet, "type")
        name_column = self.column(sheet, "name")
        if type_column is None or name_column is None:
            self.error("survey", 1, None, _("The survey sheet needs type and name columns."))
            return []
        self.refuse_unknown_columns(sheet, SURVEY_COLUMNS)
        col = {base: self.column(sheet, base) for base in SURVEY_COLUMNS - TRANSLATABLE}
        items: list[QuestionSpec | GroupSpec] = []
        group: dict[str, Any] | None = None
        names: dict[str, int] = {}
        pending: list[tuple[int, QuestionSpec]] = []

        def value(cells: list[str], base: str) -> str:
            column = col.get(base)
            return sheet.value(cells, column) if column else ""

        for row, cells in sheet.rows:
            raw_type = value(cells, "type")
            type_text = re.sub(r"\s+", " ", raw_type.strip().lower())
            name = value(cells, "name")
            if not type_text:
                self.error("survey", row, type_column, _("The type is missing."))
                continue
            if type_text in END_GROUP:
                if group is None:
                    self.error("survey", row, type_column, _("end_group without begin_group."))
                else:
                    items.append(GroupSpec(**{k: v for k, v in group.items() if k != "row"}))
                    group = None
                continue
            if not name:
                self.error("survey", row, name_column, _("The name is missing."))
                continue
            if not NAME_RE.match(name) or len(name) > MAX_NAME_LENGTH:
                self.error(
                    "survey",
                    row,
                    name_column,
                    _(
                        "“%(name)s” is not a valid name: start with a letter, "
                        "then letters, digits or _."
                    )
                    % {"name": name},
                )
            if name in names:
                self.error(
                    "survey",
                    row,
                    name_column,
                    _("The name “%(name)s” is already used in row %(row)s.")
                    % {"name": name, "row": names[name]},
                )
            names.setdefault(name, row)
            label = texts(self.translated(sheet, cells, "label", default_language))
            if type_text in BEGIN_GROUP:
                if group is not None:
                    self.error(
                        "survey", row, type_column, _("Groups inside groups are not supported.")
                    )
                    continue
                appearance = value(cells, "appearance")
                if appearance.lower() not in GROUP_APPEARANCES:
                    self.error(
                        "survey",
                        row,
                        col["appearance"],
                        _("This group appearance is not supported."),
                    )
                for base in ("required", "constraint", "choice_filter", "points"):
                    if value(cells, base):
                        self.error("survey", row, col[base], _("A group cannot have this column."))
                group = {
                    "row": row,
                    "name": name,
                    "label": label,
                    "relevant": value(cells, "relevant"),
                    "questions": (),
                }
                continue
            question = self.read_question(
                sheet,
                row,
                cells,
                type_text,
                name,
                label,
                default_language,
                choice_lists,
                has_choices_sheet,
                col,
                type_column,
            )
            if question is None:
                continue
            pending.append((row, question))
            if group is not None:
                group["questions"] = (*group["questions"], question)
            else:
                items.append(question)
        if group is not None:
            self.error(
                "survey", group["row"], type_column, _("This group is never closed (end_group).")
            )
        self.check_expressions(sheet, pending, items, names, choice_lists, col)
        return items

    def read_question(  # noqa: PLR0912, PLR0917 (one row of the survey sheet)
        self,
        sheet: Sheet,
        row: int,
        cells: list[str],
        type_text: str,
        name: str,
        label: tuple[tuple[str, str], ...],
        default_language: str,
        choice_lists: dict[str, list[tuple[int, ChoiceSpec]]],
        has_choices_sheet: bool,
        col: dict[str, Column | None],
        type_column: Column,
    ) -> QuestionSpec | None:
        def value(base: str) -> str:
            column = col.get(base)
            return sheet.value(cells, column) if column else ""

        appearance = value("appearance")
        list_name = ""
        select = next(
            (prefix for prefix in SELECT_TYPES if type_text.startswith(prefix + " ")), None
        )
        if select is not None:
            rest = type_text[len(select) :].strip()
            original_rest = re.sub(r"\s+", " ", value("type").strip()).split(" ")[-1]
            if " " in rest or rest.endswith("or_other"):
                self.error("survey", row, type_column, _("“or_other” is not supported."))
                return None
            list_name = original_rest
            question_type = SELECT_TYPES[select]
            if question_type == QuestionType.SELECT_ONE and re.search(
                r"\b(likert|rating)\b", appearance.lower()
            ):
                question_type = QuestionType.LIKERT
            if list_name not in choice_lists:
                if not has_choices_sheet:
                    message = _("There is no choices sheet, so list “%(list)s” does not exist.")
                else:
                    message = _("The choice list “%(list)s” does not exist.")
                self.error("survey", row, type_column, message % {"list": list_name})
        elif type_text in SIMPLE_TYPES:
            question_type = SIMPLE_TYPES[type_text]
            if question_type == QuestionType.TEXT and "multiline" in appearance.lower().split():
                question_type = QuestionType.LONG_TEXT
        else:
            self.error(
                "survey",
                row,
                type_column,
                _("Unknown or unsupported type “%(type)s”. Supported: %(supported)s.")
                % {
                    "type": value("type"),
                    "supported": "text, integer, decimal, date, select_one, "
                    "select_multiple, note, file, begin_group, end_group",
                },
            )
            return None
        required = False
        if col.get("required") is not None:
            required = self.boolean("survey", row, col["required"], value("required"))  # type: ignore[arg-type]
        if question_type == QuestionType.NOTE and required:
            self.error("survey", row, col["required"], _("A note cannot be required."))
        points = None
        if value("points"):
            try:
                points = Decimal(value("points"))
                if not points.is_finite() or points < 0:
                    raise InvalidOperation
            except InvalidOperation:
                self.error("survey", row, col["points"], _("Points must be a number of 0 or more."))
                points = None
        if value("choice_filter") and select is None:
            self.error(
                "survey",
                row,
                col["choice_filter"],
                _("Only a select question can filter its choices."),
            )
        return QuestionSpec(
            type=question_type,
            name=name,
            label=label,
            hint=texts(self.translated(sheet, cells, "hint", default_language)),
            list_name=list_name,
            required=required,
            constraint=value("constraint"),
            constraint_message=texts(
                self.translated(sheet, cells, "constraint_message", default_language)
            ),
            relevant=value("relevant"),
            choice_filter=value("choice_filter"),
            appearance=appearance,
            points=points,
        )

    def check_expressions(  # noqa: PLR0917 (the parts read so far)
        self,
        sheet: Sheet,
        pending: list[tuple[int, QuestionSpec]],
        items: list[QuestionSpec | GroupSpec],
        names: dict[str, int],
        choice_lists: dict[str, list[tuple[int, ChoiceSpec]]],
        col: dict[str, Column | None],
    ) -> None:
        group_names = {item.name for item in items if isinstance(item, GroupSpec)}
        answerable = set(names) - group_names
        checks: list[tuple[int, str, str, str]] = [
            (row, "relevant", q.relevant, q.list_name) for row, q in pending
        ]
        checks += [(row, "constraint", q.constraint, q.list_name) for row, q in pending]
        checks += [(row, "choice_filter", q.choice_filter, q.list_name) for row, q in pending]
        for item in items:
            if isinstance(item, GroupSpec) and item.relevant:
                checks.append((names[item.name], "relevant", item.relevant, ""))
        for row, base, text, list_name in checks:
            if not text:
                continue
            column = col.get(base)
            try:
                node = expressions.parse(text, allow_choice_columns=base == "choice_filter")
            except expressions.ExpressionError as error:
                self.error(
                    "survey",
                    row,
                    column,
                    _("The expression does not parse at character %(position)s: %(problem)s.")
                    % {"position": error.position + 1, "problem": error.message},
                )
                continue
            for reference in sorted(expressions.references(node) - answerable):
                self.error(
                    "survey",
                    row,
                    column,
                    _("${%(name)s} refers to an unknown field.") % {"name": reference},
                )
            if base == "choice_filter" and list_name in choice_lists:
                known = {"name", "label"} | {
                    key for _row, choice in choice_lists[list_name] for key, _v in choice.extra
                }
                for unknown in sorted(choice_columns(node) - known):
                    self.error(
                        "survey",
                        row,
                        column,
                        _("The choice list has no column “%(column)s”.") % {"column": unknown},
                    )

    # settings and translations ---------------------------------------------------

    def read_settings(
        self,
        sheet: Sheet | None,
        default_language: str,
        items: list[QuestionSpec | GroupSpec],
        choice_lists: dict[str, list[tuple[int, ChoiceSpec]]],
    ) -> FormSpec:
        title: dict[str, str] = {}
        description: dict[str, str] = {}
        form_id, version, purpose, pass_mark = "", "", Purpose.SURVEY.value, None
        if sheet is not None:
            self.refuse_unknown_columns(sheet, SETTINGS_COLUMNS)
            if len(sheet.rows) > 1:
                self.error(
                    "settings", sheet.rows[1][0], None, _("The settings sheet has one row only.")
                )
            if sheet.rows:
                row, cells = sheet.rows[0]
                title = self.translated(sheet, cells, "form_title", default_language)
                description = self.translated(sheet, cells, "description", default_language)
                value = {
                    base: (sheet.value(cells, c), c)
                    for base in ("form_id", "version", "purpose", "pass_mark")
                    if (c := self.column(sheet, base)) is not None
                }
                form_id = value.get("form_id", ("", None))[0]
                version = value.get("version", ("", None))[0]
                if "purpose" in value and value["purpose"][0]:
                    purpose = value["purpose"][0].lower()
                    if purpose not in Purpose.values:
                        self.error(
                            "settings",
                            row,
                            value["purpose"][1],
                            _("Unknown purpose; use one of: %(purposes)s.")
                            % {"purposes": ", ".join(Purpose.values)},
                        )
                if "pass_mark" in value and value["pass_mark"][0]:
                    try:
                        pass_mark = Decimal(value["pass_mark"][0])
                    except InvalidOperation:
                        self.error(
                            "settings",
                            row,
                            value["pass_mark"][1],
                            _("The pass mark must be a number."),
                        )
                if form_id and not re.fullmatch(r"[A-Za-z0-9_\-]{1,60}", form_id):
                    self.error(
                        "settings",
                        row,
                        value["form_id"][1],
                        _("form_id may have only letters, digits, - and _."),
                    )
        # The languages are those of the label columns, even where a column is still empty.
        used = {default_language} | {
            column.language for column in self.label_columns if column.language in CONTENT_LANGUAGES
        }
        languages = (default_language, *sorted(used - {default_language}))
        return FormSpec(
            form_id=form_id,
            title=texts(title),
            description=texts(description),
            languages=languages,
            items=tuple(items),
            choice_lists=tuple(
                (name, tuple(choice for _row, choice in choices))
                for name, choices in choice_lists.items()
            ),
            purpose=purpose,
            pass_mark=pass_mark,
            version=version,
        )

    def check_translations(self, form: FormSpec, survey: Sheet, choices: Sheet | None) -> None:
        """Every label (and every hint or message given at all) exists in every language."""
        rows = {}
        type_column = self.column(survey, "type")
        name_column = self.column(survey, "name")
        for row, cells in survey.rows:
            if name_column is not None and type_column is not None:
                rows[survey.value(cells, name_column)] = row
        for question in form.questions:
            row = rows.get(question.name)
            if question.type != QuestionType.NOTE or question.label:
                self.require_languages(survey, row, "label", question.label, form.languages)
            for base in ("hint", "constraint_message"):
                given = getattr(question, base)
                if given:
                    self.require_languages(survey, row, base, given, form.languages)
        for group in form.groups:
            if group.label:
                self.require_languages(
                    survey, rows.get(group.name), "label", group.label, form.languages
                )
        if choices is None:
            return
        list_column = self.column(choices, "list_name")
        name_column = self.column(choices, "name")
        choice_rows = {
            (choices.value(cells, list_column), choices.value(cells, name_column)): row
            for row, cells in choices.rows
            if list_column and name_column
        }
        for list_name, items in form.choice_lists:
            for choice in items:
                self.require_languages(
                    choices,
                    choice_rows.get((list_name, choice.name)),
                    "label",
                    choice.label,
                    form.languages,
                )

    def require_languages(
        self,
        sheet: Sheet,
        row: int | None,
        base: str,
        given: tuple[tuple[str, str], ...],
        languages: tuple[str, ...],
    ) -> None:
        present = {code for code, _t in given}
        for language in languages:
            if language in present:
                continue
            column = self.column(sheet, base, language) or (
                self.column(sheet, base) if language == languages[0] else None
            )
            if column is None:
                self.error(
                    sheet.title,
                    row,
                    None,
                    _(
                        "The %(column)s in language “%(language)s” is missing: "
                        "add a column %(header)s."
                    )
                    % {
                        "column": base,
                        "language": language,
                        "header": f"{base}::{language_name(language)}",
                    },
                )
            else:
                self.error(
                    sheet.title,
                    row,
                    column,
                    _("The translation into “%(language)s” is missing.") % {"language": language},
                )


def self_questions(items: list[QuestionSpec | GroupSpec]) -> list[QuestionSpec]:
    found: list[QuestionSpec] = []
    for item in items:
        found.extend(item.questions if isinstance(item, GroupSpec) else [item])
    return found


def choice_columns(node: expressions.Node) -> set[str]:
    if isinstance(node, expressions.ChoiceColumn):
        return {node.name}
    if isinstance(node, expressions.Call):
        return set().union(*(choice_columns(a) for a in node.args)) if node.args else set()
    if isinstance(node, expressions.Negative):
        return choice_columns(node.operand)
    if isinstance(node, expressions.Binary):
        return choice_columns(node.left) | choice_columns(node.right)
    return set()


def language_name(code: str) -> str:
    return {"lt": "Lietuvių (lt)", "en": "English (en)"}.get(code, f"({code})")


def read_xlsform(data: bytes) -> FormSpec:
    """The form in `data` (the bytes of an .xlsx file).

    Raises WrongFileError when it is not a workbook or is too big, XLSFormError with located
    errors when it is a workbook but not a valid form in the supported subset.
    """
    return Reader().read(data)
