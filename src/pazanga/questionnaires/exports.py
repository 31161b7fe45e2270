"""Responses as a table: CSV, XLSX and SPSS .sav.

One column per question name; a select_multiple question gives one 0/1 column per choice,
named `question/choice` (Kobo's convention; `question_choice` in SPSS, which does not
allow "/"). Single choices are written as choice names (codes) or as labels.
"""

import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from pazanga.common.exports import csv_bytes, safe_row
from pazanga.questionnaires.engine import FormDefinition
from pazanga.questionnaires.enums import NUMBER_TYPES, QuestionType
from pazanga.questionnaires.models import Choice, Question, Response, UploadedAnswerFile
from pazanga.questionnaires.queries import answer_files

META_COLUMNS = ("_id", "_submitted_at", "_language", "_respondent_id")
SCORE_COLUMNS = ("_score", "_max_score", "_passed")


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    question: Question | None = None
    choice: Choice | None = None


# Where an answer file can be downloaded (an absolute address), for file questions' cells.
FileLink = Callable[[UploadedAnswerFile], str]


class ResponseTable:
    """The header and rows of a set of responses to one questionnaire version.

    With `file_link`, a file question's cell is the download address of the stored file
    (responses should prefetch "files"); without it, the file's original name.
    """

    def __init__(
        self,
        definition: FormDefinition,
        *,
        labels: bool = False,
        language: str = "lt",
        file_link: FileLink | None = None,
    ):
        self.definition = definition
        self.labels = labels
        self.language = language
        self.file_link = file_link
        self.columns = self.make_columns()

    def make_columns(self) -> list[Column]:
        columns = [Column(name, name) for name in META_COLUMNS]
        if self.definition.questionnaire.is_scored:
            columns += [Column(name, name) for name in SCORE_COLUMNS]
        for question in self.definition.questions:
            if not question.takes_answer:
                continue
            label = question.text("label", self.language)
            if question.type == QuestionType.SELECT_MULTIPLE:
                columns += [
                    Column(
                        f"{question.name}/{choice.name}",
                        f"{label}: {choice.text('label', self.language)}",
                        question,
                        choice,
                    )
                    for choice in self.choices(question)
                ]
            else:
                columns.append(Column(question.name, label, question))
        return columns

    def choices(self, question: Question) -> list[Choice]:
        return self.definition.choices.get(question.choice_list_id or 0, [])

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]

    def rows(self, responses: Iterable[Response]) -> Iterator[list[Any]]:
        label_of = {
            (q.name, c.name): c.text("label", self.language)
            for q in self.definition.questions
            if q.has_choices
            for c in self.choices(q)
        }
        for response in responses:
            answers = response.answers
            files = answer_files(response) if self.file_link else {}
            row: list[Any] = []
            for column in self.columns:
                question = column.question
                if question is None:
                    row.append(self.meta(response, column.name))
                    continue
                value = answers.get(question.name)
                if column.choice is not None:
                    row.append("" if value in (None, "", []) else int(column.choice.name in value))
                elif value in (None, "", []):
                    row.append("")
                elif question.name in files and self.file_link is not None:
                    row.append(self.file_link(files[question.name]))
                elif question.has_choices and self.labels:
                    row.append(label_of.get((question.name, str(value)), value))
                elif question.type in NUMBER_TYPES:
                    row.append(Decimal(str(value)))
                else:
                    row.append(value)
            yield row

    @staticmethod
    def meta(response: Response, name: str) -> Any:
        if name == "_id":
            return response.pk
        if name == "_submitted_at":
            when = response.submitted_at
            return timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S") if when else ""
        if name == "_language":
            return response.language
        if name == "_respondent_id":
            return response.respondent_id or ""
        if name == "_passed":
            return "" if response.passed is None else int(response.passed)
        value = getattr(response, name.lstrip("_"))
        return "" if value is None else value


def to_csv(table: ResponseTable, responses: Iterable[Response]) -> bytes:
    return csv_bytes([table.header, *table.rows(responses)])


def to_xlsx(table: ResponseTable, responses: Iterable[Response]) -> bytes:
    workbook = Workbook(write_only=True)
    data = workbook.create_sheet("responses")
    data.append(table.header)
    for row in table.rows(responses):
        data.append(safe_row(float(v) if isinstance(v, Decimal) else v for v in row))
    labels = workbook.create_sheet("columns")
    labels.append(["name", "label"])
    for column in table.columns:
        labels.append([column.name, column.label])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SPSS_NAME = re.compile(r"[^A-Za-z0-9_.@#$]")
SPSS_RESERVED = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"}


def spss_names(names: list[str]) -> list[str]:
    """Valid, distinct SPSS variable names (letters first, at most 64 characters)."""
    result: list[str] = []
    taken: set[str] = set()
    for name in names:
        clean = SPSS_NAME.sub("_", name.replace("/", "_")).lstrip("_.")
        if not clean or not clean[0].isalpha() or clean.upper() in SPSS_RESERVED:
            clean = f"v{clean}"
        clean = clean[:60]
        candidate, n = clean, 1
        while candidate.lower() in taken:
            n += 1
            candidate = f"{clean}_{n}"
        taken.add(candidate.lower())
        result.append(candidate)
    return result


def to_sav(table: ResponseTable, responses: Iterable[Response]) -> bytes:
    """An SPSS .sav with variable labels (question texts) and value labels (choices).

    Single choices become numbers: their own when every choice name is a number (a
    Likert scale 1..5), else their position in the list, 1..n, labelled.
    """
    import pandas as pd
    import pyreadstat

    names = spss_names(table.header)
    codes: dict[int, dict[str, float]] = {}
    value_labels: dict[str, dict[float, str]] = {}
    numeric: set[int] = set()
    for index, column in enumerate(table.columns):
        question = column.question
        if question is None:
            if column.name in ("_id", "_respondent_id", "_passed", "_score", "_max_score"):
                numeric.add(index)
            continue
        if column.choice is not None:
            numeric.add(index)
            value_labels[names[index]] = {
                0.0: "0",
                1.0: column.choice.text("label", table.language),
            }
        elif question.has_choices:
            choices = table.choices(question)
            all_numbers = all(re.fullmatch(r"-?\d+(\.\d+)?", c.name) for c in choices)
            mapping = {
                c.name: float(c.name) if all_numbers else float(i)
                for i, c in enumerate(choices, start=1)
            }
            codes[index] = mapping
            numeric.add(index)
            value_labels[names[index]] = {
                code: c.text("label", table.language)
                for c, code in zip(choices, mapping.values(), strict=True)
            }
        elif question.type in NUMBER_TYPES:
            numeric.add(index)
    raw = ResponseTable(
        table.definition, labels=False, language=table.language, file_link=table.file_link
    )
    columns: list[list[Any]] = [[] for _ in names]
    for row in raw.rows(responses):
        for index, raw_value in enumerate(row):
            value: Any
            if index in codes:
                value = codes[index].get(str(raw_value)) if raw_value != "" else None
            elif index in numeric:
                value = None if raw_value == "" else float(raw_value)
            else:
                value = "" if raw_value is None else str(raw_value)
            columns[index].append(value)
    frame = pd.DataFrame(
        {
            name: pd.Series(values, dtype="float64" if i in numeric else "object")
            for i, (name, values) in enumerate(zip(names, columns, strict=True))
        }
    )
    handle, path = tempfile.mkstemp(suffix=".sav")
    os.close(handle)
    try:
        pyreadstat.write_sav(
            frame,
            path,
            file_label=table.definition.questionnaire.code[:64],
            column_labels=dict(zip(names, [c.label[:250] for c in table.columns], strict=True)),
            variable_value_labels=value_labels,
        )
        with open(path, "rb") as produced:
            return produced.read()
    finally:
        os.unlink(path)
