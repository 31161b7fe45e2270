"""Write a FormSpec as an XLSForm workbook that the reader (and ODK/KoboToolbox) reads back.

Every language is written with the name the form gave it (`label::Français (fr)`), groups
and repeats nest as `begin_group`/`begin_repeat` rows, and every column the model keeps
as written (`bind::`, `body::`, `instance::`, media) goes back where it came from, so
that import → export → import gives an equal FormSpec.
"""

import io
from decimal import Decimal

from openpyxl import Workbook

from pazanga.questionnaires.enums import QuestionType
from pazanga.questionnaires.xlsform.attachments import is_file_list
from pazanga.questionnaires.xlsform.spec import FormSpec, GroupSpec, QuestionSpec, Texts

XLSFORM_TYPES = {
    QuestionType.LONG_TEXT: "text",
    QuestionType.LIKERT: "select_one",
    QuestionType.DATETIME: "dateTime",
}
SELECTS = {
    QuestionType.SELECT_ONE: "select_one",
    QuestionType.LIKERT: "select_one",
    QuestionType.SELECT_MULTIPLE: "select_multiple",
    QuestionType.RANK: "rank",
}
# The appearance word that carries our type through XLSForm.
TYPE_APPEARANCE = {QuestionType.LONG_TEXT: "multiline", QuestionType.LIKERT: "likert"}
HIDDEN_EXTRA = {"required_if", "body::external"}


def xlsform_type(question: QuestionSpec) -> str:
    kind = QuestionType(question.type)
    if kind in SELECTS:
        if is_file_list(question.list_name):
            return f"{SELECTS[kind]}_from_file {question.list_name}"
        return f"{SELECTS[kind]} {question.list_name}"
    if kind == QuestionType.EXTERNAL_DATA:
        return f"{dict(question.extra).get('body::external', 'csv')}-external"
    return XLSFORM_TYPES.get(kind, kind.value)


def appearance(question: QuestionSpec) -> str:
    needed = TYPE_APPEARANCE.get(QuestionType(question.type))
    words = question.appearance.split()
    if needed and not ({needed, "rating"} & {w.lower() for w in words}):
        words.insert(0, needed)
    return " ".join(words)


def number_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")


def text_in(values: Texts, language: str) -> str:
    return dict(values).get(language, "")


class Columns:
    """The columns of one sheet, in the order they are first used."""

    def __init__(self, first: list[str]) -> None:
        self.names = list(first)

    def add(self, row: dict[str, str]) -> dict[str, str]:
        for key, value in row.items():
            if value and key not in self.names:
                self.names.append(key)
        return row


def translated(row: dict[str, str], base: str, values: Texts, form: FormSpec) -> None:
    for code in form.languages:
        row[f"{base}::{form.language_name(code)}"] = text_in(values, code)
    for code, text in values:  # a text in a language the form does not list (kept anyway)
        if code not in form.languages:
            row[f"{base}::{code}"] = text


def media_columns(
    row: dict[str, str], media: tuple[tuple[str, Texts], ...], form: FormSpec
) -> None:
    for kind, files in media:
        for code, file_name in files:
            row[f"media::{kind}::{form.language_name(code)}"] = file_name


def question_row(question: QuestionSpec, form: FormSpec) -> dict[str, str]:
    extra = dict(question.extra)
    row = {
        "type": xlsform_type(question),
        "name": question.name,
        "required": "yes" if question.required else extra.get("required_if", ""),
        "relevant": question.relevant,
        "constraint": question.constraint,
        "calculation": question.calculation,
        "default": question.default,
        "read_only": "yes" if question.read_only else "",
        "choice_filter": question.choice_filter,
        "appearance": appearance(question),
        "parameters": question.parameters,
        "trigger": question.trigger,
        "points": number_text(question.points),
    }
    for base in ("label", "hint", "guidance_hint", "constraint_message", "required_message"):
        translated(row, base, getattr(question, base), form)
    media_columns(row, question.media, form)
    row |= {key: value for key, value in question.extra if key not in HIDDEN_EXTRA}
    return row


def group_rows(group: GroupSpec, form: FormSpec) -> list[dict[str, str]]:
    keyword = "repeat" if group.repeat else "group"
    begin = {
        "type": f"begin_{keyword}",
        "name": group.name,
        "relevant": group.relevant,
        "appearance": group.appearance,
        "repeat_count": group.repeat_count,
    }
    translated(begin, "label", group.label, form)
    translated(begin, "hint", group.hint, form)
    begin |= dict(group.extra)
    rows = [begin]
    for item in group.items:
        if isinstance(item, GroupSpec):
            rows.extend(group_rows(item, form))
        else:
            rows.append(question_row(item, form))
    rows.append({"type": f"end_{keyword}", "name": group.name})
    return rows


def write_xlsform(form: FormSpec) -> bytes:
    """The .xlsx bytes of `form` with survey, choices and settings sheets."""
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    rows: list[dict[str, str]] = []
    for item in form.items:
        if isinstance(item, GroupSpec):
            rows.extend(group_rows(item, form))
        else:
            rows.append(question_row(item, form))
    labels = [f"label::{form.language_name(code)}" for code in form.languages]
    columns = Columns(["type", "name", *labels])
    for row in rows:
        columns.add(row)
    survey.append(columns.names)
    for row in rows:
        survey.append([row.get(c, "") for c in columns.names])

    choices = workbook.create_sheet("choices")
    choice_rows: list[dict[str, str]] = []
    for list_name, items in form.choice_lists:
        if is_file_list(list_name):
            continue  # the attached file holds them
        for choice in items:
            row = {
                "list_name": list_name,
                "name": choice.name,
                "correct": "yes" if choice.correct else "",
            }
            translated(row, "label", choice.label, form)
            media_columns(row, choice.media, form)
            row |= dict(choice.extra)
            choice_rows.append(row)
    choice_columns = Columns(["list_name", "name", *labels])
    for row in choice_rows:
        choice_columns.add(row)
    choices.append(choice_columns.names)
    for row in choice_rows:
        choices.append([row.get(c, "") for c in choice_columns.names])

    settings = workbook.create_sheet("settings")
    default = form.languages[0]
    setting = {
        "form_title": "",
        "form_id": form.form_id,
        "version": form.version,
        "default_language": form.language_name(default),
        "purpose": form.purpose,
        "pass_mark": number_text(form.pass_mark),
    }
    setting["form_title"] = text_in(form.title, default)
    for code in form.languages[1:]:
        setting[f"form_title::{form.language_name(code)}"] = text_in(form.title, code)
    for code in form.languages:
        setting[f"description::{form.language_name(code)}"] = text_in(form.description, code)
    setting |= dict(form.settings)
    keys = [k for k, v in setting.items() if v or k == "form_id"]
    settings.append(keys)
    settings.append([setting[k] for k in keys])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
