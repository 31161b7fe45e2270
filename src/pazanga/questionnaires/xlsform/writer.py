"""Write a FormSpec as an XLSForm workbook that the reader (and ODK/KoboToolbox) reads back."""

import io
from decimal import Decimal

from openpyxl import Workbook

from pazanga.questionnaires.enums import QuestionType
from pazanga.questionnaires.xlsform.reader import language_name
from pazanga.questionnaires.xlsform.spec import FormSpec, GroupSpec, QuestionSpec, Texts

XLSFORM_TYPES = {
    QuestionType.TEXT: "text",
    QuestionType.LONG_TEXT: "text",
    QuestionType.INTEGER: "integer",
    QuestionType.DECIMAL: "decimal",
    QuestionType.DATE: "date",
    QuestionType.SELECT_ONE: "select_one",
    QuestionType.SELECT_MULTIPLE: "select_multiple",
    QuestionType.LIKERT: "select_one",
    QuestionType.NOTE: "note",
    QuestionType.FILE: "file",
}
# The appearance word that carries our type through XLSForm.
TYPE_APPEARANCE = {QuestionType.LONG_TEXT: "multiline", QuestionType.LIKERT: "likert"}


def xlsform_type(question: QuestionSpec) -> str:
    base = XLSFORM_TYPES[QuestionType(question.type)]
    return f"{base} {question.list_name}" if question.list_name else base


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


def write_xlsform(form: FormSpec) -> bytes:
    """The .xlsx bytes of `form` with survey, choices and settings sheets."""
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    languages = form.languages
    rows: list[dict[str, str]] = []
    for item in form.items:
        if isinstance(item, GroupSpec):
            rows.append(
                {"type": "begin_group", "name": item.name, "relevant": item.relevant}
                | {f"label::{lang}": text_in(item.label, lang) for lang in languages}
            )
            rows.extend(question_row(q, languages) for q in item.questions)
            rows.append({"type": "end_group", "name": item.name})
        else:
            rows.append(question_row(item, languages))
    columns = ["type", "name"] + [f"label::{lang}" for lang in languages]
    optional = ["hint::" + lang for lang in languages] + ["required", "relevant", "constraint"]
    optional += ["constraint_message::" + lang for lang in languages]
    optional += ["choice_filter", "appearance", "points"]
    columns += [c for c in optional if any(row.get(c) for row in rows)]
    survey.append([header(c) for c in columns])
    for row in rows:
        survey.append([row.get(c, "") for c in columns])

    choices = workbook.create_sheet("choices")
    extra_keys: list[str] = []
    for _name, items in form.choice_lists:
        for choice in items:
            extra_keys += [k for k, _v in choice.extra if k not in extra_keys]
    has_correct = any(c.correct for _n, items in form.choice_lists for c in items)
    choice_columns = ["list_name", "name"] + [f"label::{lang}" for lang in languages]
    choice_columns += (["correct"] if has_correct else []) + extra_keys
    choices.append([header(c) for c in choice_columns])
    for list_name, items in form.choice_lists:
        for choice in items:
            row = {
                "list_name": list_name,
                "name": choice.name,
                "correct": "yes" if choice.correct else "",
            }
            row |= {f"label::{lang}": text_in(choice.label, lang) for lang in languages}
            row |= dict(choice.extra)
            choices.append([row.get(c, "") for c in choice_columns])

    settings = workbook.create_sheet("settings")
    default = languages[0]
    setting = {
        "form_title": text_in(form.title, default),
        "form_id": form.form_id,
        "version": form.version,
        "default_language": language_name(default),
        "purpose": form.purpose,
        "pass_mark": number_text(form.pass_mark),
    }
    for lang in languages[1:]:
        setting[f"form_title::{lang}"] = text_in(form.title, lang)
    for lang in languages:
        setting[f"description::{lang}"] = text_in(form.description, lang)
    keys = [k for k, v in setting.items() if v or k in ("form_title", "form_id")]
    settings.append([header(k) for k in keys])
    settings.append([setting[k] for k in keys])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def header(column: str) -> str:
    if "::" in column:
        base, language = column.split("::")
        return f"{base}::{language_name(language)}"
    return column


def question_row(question: QuestionSpec, languages: tuple[str, ...]) -> dict[str, str]:
    row = {
        "type": xlsform_type(question),
        "name": question.name,
        "required": "yes" if question.required else "",
        "relevant": question.relevant,
        "constraint": question.constraint,
        "choice_filter": question.choice_filter,
        "appearance": appearance(question),
        "points": number_text(question.points),
    }
    for lang in languages:
        row[f"label::{lang}"] = text_in(question.label, lang)
        row[f"hint::{lang}"] = text_in(question.hint, lang)
        row[f"constraint_message::{lang}"] = text_in(question.constraint_message, lang)
    return row
