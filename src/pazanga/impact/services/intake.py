"""A research firm's data for a wave: CSV, XLSX or SPSS `.sav`, read through
`pazanga.common.spreadsheets`, checked cell by cell, stored as a new data version.

The person maps the file's columns to the design variables (respondent id, stratum,
cluster, fpc, base weight), the respondent's characteristics (county, municipality,
urban/rural, age group, sex, education) and the questions. Nothing is saved unless every
check passes; every problem is reported with its file, row and column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

import stats
from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal
from pazanga.common.spreadsheets import Limits, Problem, SpreadsheetError, read_spreadsheet
from pazanga.directory.models import County, Municipality
from pazanga.impact import store
from pazanga.impact.analysis import DESIGN_COLUMNS, PERSON_COLUMNS
from pazanga.impact.enums import CATEGORY_LABELS, LonelyPSU, WaveStatus
from pazanga.impact.models import Dataset, Wave
from pazanga.impact.workflow import transition
from pazanga.questionnaires.enums import QuestionType

IMPORT_LIMITS = Limits(
    max_bytes=60 * 1024 * 1024,
    max_unpacked_bytes=200 * 1024 * 1024,
    max_part_bytes=150 * 1024 * 1024,
    max_shared_strings=2_000_000,
    max_rows=250_001,
    max_columns=400,
    max_cells=10_000_000,
)
KINDS = ("csv", "xlsx", "sav")
REQUIRED = ("respondent", "stratum", "psu", "base_weight")
ROLES = (*DESIGN_COLUMNS, *PERSON_COLUMNS)
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Upload:
    """What a file holds before it is mapped: its kind, header and the rows below."""

    name: str
    kind: str
    header: list[str]
    rows: list[list[str]]
    value_labels: dict[str, dict[str, str]]


def read_upload(data: bytes, name: str) -> Upload:
    """The file's header and rows; a SpreadsheetError names the file."""
    try:
        sheet = read_spreadsheet(data, kinds=KINDS, limits=IMPORT_LIMITS)
    except SpreadsheetError as error:
        raise SpreadsheetError([in_file(p, name) for p in error.problems]) from None
    first = sheet.first_sheet
    if not first.rows or not any(cell.strip() for cell in first.rows[0]):
        raise SpreadsheetError([Problem(_("%(file)s: the file is empty.") % {"file": name})])
    header = [cell.strip() for cell in first.rows[0]]
    return Upload(name, sheet.kind, header, first.rows[1:], first.value_labels)


def in_file(problem: Problem, name: str) -> Problem:
    return Problem(f"{name}: {problem.message}", problem.sheet, problem.row, problem.column)


def guess_mapping(header: Sequence[str]) -> dict[str, str]:
    """A role -> column guess: the column named as the role (any case)."""
    lowered = {name.lower(): name for name in header}
    return {role: lowered[role] for role in ROLES if role in lowered}


@dataclass
class Checker:
    upload: Upload
    wave: Wave
    problems: list[Problem]

    def problem(self, message: str, row: int | None = None, column: str | None = None) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            position = self.upload.header.index(column) + 1 if column else None
            self.problems.append(Problem(f"{self.upload.name}: {message}", None, row, position))


def categories_of(role: str) -> set[str] | None:
    if role in CATEGORY_LABELS:
        return set(CATEGORY_LABELS[role])
    if role == "county":
        return set(County.objects.values_list("code", flat=True))
    if role == "municipality":
        return set(Municipality.objects.values_list("code", flat=True))
    return None


def question_rules(wave: Wave) -> dict[str, tuple[str, set[str] | None]]:
    """Question name -> (type, the choice names a select question allows)."""
    if not wave.questionnaire_id:
        return {}
    found: dict[str, tuple[str, set[str] | None]] = {}
    questions = wave.questionnaire.questions.select_related("choice_list").prefetch_related(
        "choice_list__choices"
    )
    for question in questions:
        choices = None
        if question.choice_list is not None:
            choices = {choice.name for choice in question.choice_list.choices.all()}
        found[question.name] = (question.type, choices)
    return found


def import_data(
    wave: Wave,
    data: bytes,
    *,
    name: str,
    mapping: Mapping[str, str],
    questions: Sequence[str],
    actor: Any,
    replace: bool = False,
) -> Dataset:
    """Check the file against the mapping and store it as the wave's new data version.

    `mapping` is role -> file column; `questions` the file columns kept as answers (under
    their own names). Raises SpreadsheetError listing every problem by file, row and column
    (nothing saved), or a Refusal when the wave already has data and `replace` is not given,
    or is published.

    Side effects: a new `Dataset` version becomes current (the previous one is kept, no
    longer current); the wave moves to `data_in` (from planned, fieldwork or weighted); writes
    `impact.wave.imported`.
    """
    if wave.status == WaveStatus.PUBLISHED:
        raise Refusal("impact.published")
    if wave.datasets.exists() and not replace:
        raise Refusal("impact.confirm_replace")
    upload = read_upload(data, name)
    columns = checked_columns(upload, wave, mapping, questions)
    labels = {q: upload.value_labels[q] for q in questions if q in upload.value_labels}
    return save_dataset(
        wave,
        columns,
        name=name,
        kind=upload.kind,
        mapping={"roles": dict(mapping), "questions": list(questions)},
        value_labels=labels,
        actor=actor,
    )


def save_dataset(
    wave: Wave,
    columns: store.Columns,
    *,
    name: str,
    kind: str,
    mapping: dict[str, Any],
    value_labels: dict[str, Any],
    actor: Any,
) -> Dataset:
    """Store checked columns as the wave's new current data version (see import_data)."""
    with transaction.atomic():
        locked = Wave.objects.select_for_update().get(pk=wave.pk)
        previous = locked.datasets.order_by("-version").first()
        locked.datasets.update(is_current=False)
        dataset = Dataset.objects.create(
            wave=locked,
            version=(previous.version + 1) if previous else 1,
            source_name=name[:255],
            source_kind=kind,
            rows=len(columns["respondent"]),
            mapping=mapping,
            value_labels=value_labels,
            columns=store.pack(columns),
        )
        log_action(
            locked,
            "impact.wave.imported",
            actor=actor,
            data={"version": dataset.version, "rows": dataset.rows, "file": name},
        )
        if locked.status != WaveStatus.DATA_IN:
            transition(locked, WaveStatus.DATA_IN, actor=actor)
    wave.refresh_from_db()
    return dataset


def checked_columns(
    upload: Upload, wave: Wave, mapping: Mapping[str, str], questions: Sequence[str]
) -> store.Columns:
    check = Checker(upload, wave, [])
    header = upload.header
    check_mapping(check, mapping, questions)
    if check.problems:
        raise SpreadsheetError(check.problems)
    position = {name: i for i, name in enumerate(header)}
    rules = question_rules(wave)
    check_value_labels(check, questions, rules)
    columns: store.Columns = {}
    for role, column in mapping.items():
        if column:
            columns[role] = role_column(check, role, column, position[column])
    for question in questions:
        columns[question] = question_column(check, question, position[question], rules)
    check_duplicates(check, columns.get("respondent", []), mapping.get("respondent", ""))
    if not check.problems:
        check_design(check, columns, wave, mapping["stratum"])
    if check.problems:
        raise SpreadsheetError(check.problems)
    return columns


def check_mapping(check: Checker, mapping: Mapping[str, str], questions: Sequence[str]) -> None:
    """Every required role is mapped, to a column the file has."""
    header = check.upload.header
    wave = check.wave
    for role in (*REQUIRED, *wave.targets.values_list("variable", flat=True).distinct()):
        if not mapping.get(role):
            check.problem(_("no column is mapped to “%(role)s”.") % {"role": role}, 1)
    for role, column in mapping.items():
        if role not in ROLES:
            check.problem(_("“%(role)s” is not a design variable.") % {"role": role}, 1)
        elif column and column not in header:
            check.problem(_("there is no column “%(column)s”.") % {"column": column}, 1)
    for question in questions:
        if question not in header:
            check.problem(_("there is no column “%(column)s”.") % {"column": question}, 1)


def cells(check: Checker, index: int) -> list[tuple[int, str]]:
    """(row number in the file, cell) of one column; the header is row 1."""
    return [
        (number, row[index].strip() if index < len(row) else "")
        for number, row in enumerate(check.upload.rows, start=2)
    ]


def labelled(check: Checker, column: str, cell: str) -> str:
    """A coded cell of an SPSS file read through its value label, when it has one."""
    labels = check.upload.value_labels.get(column)
    return labels.get(cell, cell) if labels else cell


def role_column(check: Checker, role: str, column: str, index: int) -> list[store.Value]:
    values: list[store.Value] = []
    allowed = categories_of(role)
    for row, cell in cells(check, index):
        if role in ("base_weight", "fpc"):
            value = store.number(cell)
            if not isinstance(value, int | float) or value <= 0:
                message = _("the weight must be a number above zero, not “%(value)s”.")
                if role == "fpc":
                    message = _("the population size must be a number above zero, not “%(value)s”.")
                check.problem(message % {"value": cell}, row, column)
            values.append(value)
            continue
        text = labelled(check, column, cell)
        if not text:
            check.problem(_("the value is missing."), row, column)
        elif allowed is not None and text not in allowed and text.lower() not in allowed:
            check.problem(
                _("“%(value)s” is not one of: %(allowed)s.")
                % {"value": text, "allowed": ", ".join(sorted(allowed))},
                row,
                column,
            )
        values.append(text.lower() if allowed is not None and text.lower() in allowed else text)
    return values


NUMBER_TYPES = {QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.LIKERT}


def question_column(
    check: Checker, question: str, index: int, rules: Mapping[str, tuple[str, set[str] | None]]
) -> list[store.Value]:
    kind, choices = rules.get(question, ("", None))
    values: list[store.Value] = []
    for row, cell in cells(check, index):
        value = store.number(cell)
        if value is not None:
            if choices is not None and str(value) not in choices:
                check.problem(
                    _("“%(value)s” is not a choice of the question “%(question)s”.")
                    % {"value": cell, "question": question},
                    row,
                    question,
                )
            elif kind in NUMBER_TYPES and not isinstance(value, int | float):
                check.problem(_("“%(value)s” is not a number.") % {"value": cell}, row, question)
            elif kind == QuestionType.INTEGER and isinstance(value, float):
                check.problem(
                    _("“%(value)s” is not a whole number.") % {"value": cell}, row, question
                )
        values.append(value)
    return values


def check_value_labels(
    check: Checker, questions: Sequence[str], rules: Mapping[str, tuple[str, set[str] | None]]
) -> None:
    """An SPSS file's value labels must be choices the questionnaire knows."""
    for question in questions:
        labels = check.upload.value_labels.get(question, {})
        choices = rules.get(question, ("", None))[1]
        if choices is None:
            continue
        unknown = sorted(code for code in labels if code not in choices)
        if unknown:
            check.problem(
                _(
                    "the value labels %(codes)s of “%(question)s” are not choices the "
                    "questionnaire knows (%(choices)s)."
                )
                % {
                    "codes": ", ".join(f"{c} “{labels[c]}”" for c in unknown),
                    "question": question,
                    "choices": ", ".join(sorted(choices)),
                },
                1,
                question,
            )


def check_duplicates(check: Checker, ids: Sequence[store.Value], column: str) -> None:
    seen: dict[str, int] = {}
    for row, value in enumerate(ids, start=2):
        key = str(value)
        if key in seen:
            check.problem(
                _("respondent “%(id)s” appears again (first on row %(first)s).")
                % {"id": key, "first": seen[key]},
                row,
                column,
            )
        else:
            seen[key] = row


def check_design(check: Checker, columns: store.Columns, wave: Wave, stratum: str) -> None:
    """The design must hold with the wave's lonely-PSU rule (strata with one cluster)."""
    try:
        stats.Design.build(
            [float(w) for w in columns["base_weight"]],  # type: ignore[arg-type]
            strata=[str(s) for s in columns["stratum"]],
            clusters=[[str(p) for p in columns["psu"]]],
            lonely_psu=wave.lonely_psu,
        )
    except stats.errors.LonelyPSUError as error:
        check.problem(
            _(
                "%(reason)s The wave's rule for a stratum with one cluster is “%(rule)s”; "
                "choose another rule or fix the strata."
            )
            % {"reason": str(error), "rule": LonelyPSU(wave.lonely_psu).label},
            None,
            stratum,
        )
    except stats.errors.StatsError as error:
        check.problem(str(error))
