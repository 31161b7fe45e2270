"""Responses as a table: CSV, XLSX and SPSS .sav.

One column per question name; a select_multiple question gives one 0/1 column per choice,
named `question/choice` (Kobo's convention; `question_choice` in SPSS, which does not
allow "/"). Single choices are written as choice names (codes) or as labels.
"""

import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils import timezone

from pazanga.common.exports import Exporter, Sheet
from pazanga.questionnaires.engine import FormDefinition
from pazanga.questionnaires.enums import NUMBER_TYPES, QuestionType
from pazanga.questionnaires.models import Choice, Question, Response, Section, UploadedAnswerFile
from pazanga.questionnaires.queries import answer_files

META_COLUMNS = ("_id", "_submitted_at", "_language", "_respondent_id")
# A repeat's table joins its parent as KoboToolbox's long format does.
REPEAT_META_COLUMNS = ("_index", "_parent_table_name", "_parent_index", "_submission__id")
SCORE_COLUMNS = ("_score", "_max_score", "_passed")
NUMERIC_META = {"_id", "_respondent_id", "_passed", "_score", "_max_score"}
NUMERIC_META |= {"_index", "_parent_index", "_submission__id"}


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
        section: Section | None = None,
    ):
        self.definition = definition
        self.labels = labels
        self.language = language
        self.file_link = file_link
        self.section = section  # a repeat: the table of its instances
        self.columns = self.make_columns()

    @property
    def name(self) -> str:
        return self.section.name if self.section else "responses"

    def make_columns(self) -> list[Column]:
        if self.section is not None:
            columns = [Column(name, name) for name in REPEAT_META_COLUMNS]
        else:
            columns = [Column(name, name) for name in META_COLUMNS]
            if self.definition.questionnaire.is_scored:
                columns += [Column(name, name) for name in SCORE_COLUMNS]
        for question in self.definition.questions_in(self.section):
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

    @cached_property
    def label_of(self) -> dict[tuple[str, str], str]:
        return {
            (q.name, c.name): c.text("label", self.language)
            for q in self.definition.questions
            if q.has_choices
            for c in self.choices(q)
        }

    def rows(self, responses: Iterable[Response]) -> Iterator[list[Any]]:
        for response in responses:
            files = answer_files(response) if self.file_link else {}
            yield self.row(response, response.answers, files)

    def row(
        self,
        response: Response,
        answers: Mapping[str, Any],
        files: Mapping[str, UploadedAnswerFile],
        meta: Mapping[str, Any] | None = None,
        prefix: str = "",
    ) -> list[Any]:
        """One row: the response (or, with `meta`, one repeat instance whose answers these
        are, at the key `prefix`, like "household/2/")."""
        row: list[Any] = []
        for column in self.columns:
            question = column.question
            if question is None:
                row.append(meta[column.name] if meta else self.meta(response, column.name))
                continue
            value = answers.get(question.name)
            stored = files.get(prefix + question.name)
            if column.choice is not None:
                row.append("" if value in (None, "", []) else int(column.choice.name in value))
            elif value in (None, "", []):
                row.append("")
            elif stored is not None and self.file_link is not None:
                row.append(self.file_link(stored))
            elif question.has_choices and self.labels and not isinstance(value, list):
                row.append(self.label_of.get((question.name, str(value)), value))
            elif isinstance(value, list):
                row.append(" ".join(map(str, value)))  # a ranking: the choices in order
            elif question.type in NUMBER_TYPES:
                row.append(Decimal(str(value)))
            else:
                row.append(value)
        return row

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


def long_tables(
    table: ResponseTable, responses: Iterable[Response]
) -> list[tuple[ResponseTable, list[list[Any]]]]:
    """The responses' table and one table per repeat (KoboToolbox's long format): each
    instance is a row with its `_index`, its parent's table and `_index`, and the response's
    `_id`; nested repeats point at their enclosing repeat's rows."""
    definition = table.definition
    repeats = definition.repeats()
    if not repeats:
        return [(table, list(table.rows(responses)))]
    tables = {
        s.name: ResponseTable(
            definition,
            labels=table.labels,
            language=table.language,
            file_link=table.file_link,
            section=s,
        )
        for s in repeats
    }
    inside: dict[str | None, list[Section]] = {}
    for section in repeats:
        path = definition.repeat_path[section.name]
        inside.setdefault(path[-2] if len(path) > 1 else None, []).append(section)
    rows: dict[str, list[list[Any]]] = {name: [] for name in tables}
    main_rows: list[list[Any]] = []

    def visit(  # noqa: PLR0917 (the place of one instance)
        response: Response,
        files: Mapping[str, UploadedAnswerFile],
        answers: Mapping[str, Any],
        parent: str | None,
        parent_index: int,
        prefix: str,
    ) -> None:
        for section in inside.get(parent, []):
            instances = answers.get(section.name)
            for number, instance in enumerate(instances if isinstance(instances, list) else []):
                if not isinstance(instance, Mapping):
                    continue
                index = len(rows[section.name]) + 1
                meta = {
                    "_index": index,
                    "_parent_table_name": parent or table.name,
                    "_parent_index": parent_index,
                    "_submission__id": response.pk,
                }
                place = f"{prefix}{section.name}/{number}/"
                rows[section.name].append(
                    tables[section.name].row(response, instance, files, meta, place)
                )
                visit(response, files, instance, section.name, index, place)

    for response in responses:
        files = answer_files(response) if table.file_link else {}
        main_rows.append(table.row(response, response.answers, files))
        visit(response, files, response.answers, None, len(main_rows), "")
    return [(table, main_rows), *((tables[s.name], rows[s.name]) for s in repeats)]


def zipped(files: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


class ResponsesExport(Exporter):
    """Submitted responses: one table, and one per repeat (long form); a workbook also gets
    a `columns` sheet naming each column's question."""

    def __init__(self, table: ResponseTable, responses: Iterable[Response], stem: str = "") -> None:
        self.table, self.responses, self.stem = table, responses, stem

    def file_stem(self) -> str:
        return self.stem or self.table.name

    def sheets(self) -> Iterator[Sheet]:
        tables = long_tables(self.table, self.responses)
        for each, rows in tables:
            yield Sheet(each.name, [each.header, *rows])
        several = len(tables) > 1
        labels: list[list[Any]] = [["table", "name", "label"] if several else ["name", "label"]]
        for each, _rows in tables:
            for column in each.columns:
                cells = [column.name, column.label]
                labels.append([each.name, *cells] if several else cells)
        yield Sheet("columns", labels, formats=("xlsx",))


def to_csv(table: ResponseTable, responses: Iterable[Response]) -> bytes:
    """One CSV; with repeats, a zip of one CSV per table."""
    return ResponsesExport(table, responses).content("csv")[0]


def to_xlsx(table: ResponseTable, responses: Iterable[Response]) -> bytes:
    """A sheet per table (responses, then each repeat) and a `columns` sheet of labels."""
    return ResponsesExport(table, responses).content("xlsx")[0]


def export_type(kind: str, table: ResponseTable) -> tuple[str, str]:
    """The content type and file extension of an export: a zip for CSV and SPSS when the
    form has repeats (one file per table)."""
    if kind in ("csv", "sav") and table.definition.repeats():
        return "application/zip", f"{kind}.zip"
    types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "sav": "application/x-spss-sav",
    }
    return types[kind], kind


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
    """An SPSS .sav; with repeats, a zip of one .sav per table."""
    raw = ResponseTable(
        table.definition, labels=False, language=table.language, file_link=table.file_link
    )
    tables = long_tables(raw, responses)
    if len(tables) == 1:
        return sav_bytes(tables[0][0], tables[0][1])
    return zipped([(f"{t.name}.sav", sav_bytes(t, rows)) for t, rows in tables])


def sav_bytes(table: ResponseTable, raw_rows: list[list[Any]]) -> bytes:
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
            if column.name in NUMERIC_META:
                numeric.add(index)
            continue
        if column.choice is not None:
            numeric.add(index)
            value_labels[names[index]] = {
                0.0: "0",
                1.0: column.choice.text("label", table.language),
            }
        elif question.has_choices and question.type != QuestionType.RANK:
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
    columns: list[list[Any]] = [[] for _ in names]
    for row in raw_rows:
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
