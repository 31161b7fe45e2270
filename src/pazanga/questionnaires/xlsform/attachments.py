"""Files attached to a form: choice lists (select_*_from_file) and data for pulldata().

A CSV needs a header row with the value column (`name`, or the `value=` parameter) and a
label column (`label`, `label::English (en)`, or the `label=` parameter); further columns
are kept for choice filters. An XML file lists `<item>` elements whose children are the
columns. Both are checked when the form is imported: a missing or malformed file is a
located error, never a half-read list.
"""

import csv
import io
import re

from defusedxml import ElementTree
from django.utils.translation import gettext as _

from pazanga.questionnaires import expressions
from pazanga.questionnaires.enums import QuestionType
from pazanga.questionnaires.xlsform.spec import ChoiceSpec, FormSpec, texts

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENT_ROWS = 50_000
FILE_LIST = re.compile(r".+\.(csv|xml)\Z", re.IGNORECASE)


class AttachmentError(ValueError):
    """An attached file cannot be used; the message says why."""


def is_file_list(list_name: str) -> bool:
    return bool(FILE_LIST.match(list_name))


def table_of(file_name: str, data: bytes) -> list[dict[str, str]]:
    """The rows of an attached CSV or XML file as dictionaries."""
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(
            _("“%(file)s” is bigger than %(limit)s MB.")
            % {"file": file_name, "limit": MAX_ATTACHMENT_BYTES // 1024 // 1024}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AttachmentError(_("“%(file)s” is not UTF-8 text.") % {"file": file_name}) from error
    if file_name.lower().endswith(".xml"):
        return xml_rows(file_name, text)
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise AttachmentError(_("“%(file)s” has no header row.") % {"file": file_name})
    rows: list[dict[str, str]] = []
    try:
        for row in reader:
            rows.append({(k or "").strip(): (v or "").strip() for k, v in row.items() if k})
            if len(rows) > MAX_ATTACHMENT_ROWS:
                raise AttachmentError(_("“%(file)s” has too many rows.") % {"file": file_name})
    except csv.Error as error:
        raise AttachmentError(
            _("“%(file)s” is not a valid CSV file (line %(line)s).")
            % {"file": file_name, "line": reader.line_num}
        ) from error
    return rows


def xml_rows(file_name: str, text: str) -> list[dict[str, str]]:
    try:
        root = ElementTree.fromstring(text)
    except Exception as error:  # defusedxml refuses entities; ElementTree raises ParseError
        raise AttachmentError(
            _("“%(file)s” is not well-formed XML.") % {"file": file_name}
        ) from error
    items = root.iter("item")
    return [{child.tag: (child.text or "").strip() for child in item} for item in items]


def choices_from_file(
    file_name: str,
    data: bytes,
    *,
    value_column: str = "name",
    label_column: str = "label",
    default_language: str = "lt",
) -> tuple[ChoiceSpec, ...]:
    rows = table_of(file_name, data)
    if not rows:
        raise AttachmentError(_("“%(file)s” has no rows.") % {"file": file_name})
    columns = set(rows[0])
    label_columns = [c for c in columns if c == label_column or c.startswith(label_column + ":")]
    if value_column not in columns or not label_columns:
        raise AttachmentError(
            _("“%(file)s” needs the columns “%(value)s” and “%(label)s”.")
            % {"file": file_name, "value": value_column, "label": label_column}
        )
    from pazanga.questionnaires.xlsform.languages import language_code

    choices: list[ChoiceSpec] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        value = row.get(value_column, "")
        if not value:
            raise AttachmentError(
                _("“%(file)s”, line %(line)s: the value is empty.")
                % {"file": file_name, "line": number}
            )
        if value in seen:
            continue  # Collect shows a repeated value once
        seen.add(value)
        labels = {}
        for column in label_columns:
            language = re.split(r"::?", column, maxsplit=1)[1] if ":" in column else ""
            labels[language_code(language) if language else default_language] = row.get(column, "")
        choices.append(
            ChoiceSpec(
                name=value,
                label=texts(labels),
                extra=tuple(
                    sorted(
                        (k, v)
                        for k, v in row.items()
                        if k not in (value_column, *label_columns) and v
                    )
                ),
            )
        )
    return tuple(choices)


def attachment_names(form: FormSpec) -> tuple[str, ...]:
    """The files the form cannot run without: choice files, pulldata and external data."""
    names: set[str] = set()
    for question in form.questions:
        if is_file_list(question.list_name):
            names.add(question.list_name)
        if question.type == QuestionType.EXTERNAL_DATA:
            kind = dict(question.extra).get("body::external", "csv")
            names.add(f"{question.name}.{kind}")
        for text in (question.calculation, question.relevant, question.constraint):
            names |= {f"{file}.csv" for file in pulldata_files(text)}
    return tuple(sorted(names))


def pulldata_files(text: str) -> set[str]:
    if "pulldata" not in text:
        return set()
    try:
        node = expressions.parse(text)
    except expressions.ExpressionError:
        return set()
    found = set()
    for item in expressions.walk(node):
        if isinstance(item, expressions.Call) and item.function == "pulldata":
            first = item.args[0]
            if isinstance(first, expressions.Literal) and isinstance(first.value, str):
                found.add(first.value)
    return found
