"""Reading a workplan workbook (or CSV) into checked rows; nothing is written here.

The file is read through pazanga.common.spreadsheets (kind by content, limits, located
problems). Every row is checked before anything is saved: a missing column, a date that is
not a date, an end before its start, an unknown parent or dependency, a number twice, a
dependency cycle. Each problem names its row and column; `services.import_plan` saves the
plan only when there are none.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from pazanga.common.spreadsheets import (
    MAX_PROBLEMS,
    Limits,
    Problem,
    Record,
    SpreadsheetError,
    read_spreadsheet,
    table,
)
from pazanga.workplan.enums import Level
from pazanga.workplan.exports import PLAN_COLUMNS

REQUIRED = ("number", "name_lt", "planned_start", "planned_end")
NUMBER = re.compile(r"^\d{1,3}(\.\d{1,3}){0,2}$")
LIMITS = Limits(max_bytes=2 * 1024 * 1024, max_rows=2000, max_columns=40)
YES = {"yes", "taip", "true", "1", "x"}
NO = {"", "no", "ne", "false", "0"}
LEVEL_WORDS = {
    "component": Level.COMPONENT,
    "komponentas": Level.COMPONENT,
    "activity": Level.ACTIVITY,
    "veikla": Level.ACTIVITY,
    "task": Level.TASK,
    "užduotis": Level.TASK,
}
LEVEL_BY_DEPTH = (Level.COMPONENT, Level.ACTIVITY, Level.TASK)


@dataclass
class PlanRow:
    row: int
    number: str
    parent: str
    level: str
    name_lt: str
    name_en: str
    planned_start: date
    planned_end: date
    actual_start: date | None
    actual_end: date | None
    is_milestone: bool
    depends_on: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)


class RowChecker:
    """Collects the problems of one sheet, each with its row and column."""

    def __init__(self, sheet: str, columns: list[str]) -> None:
        self.sheet = sheet
        self.columns = {name: index for index, name in enumerate(columns, start=1)}
        self.problems: list[Problem] = []

    def problem(self, record: Record, column: str, message: str) -> None:
        self.problems.append(
            Problem(message, self.sheet or None, record.row, self.columns.get(column))
        )

    def day(self, record: Record, column: str, *, required: bool) -> date | None:
        text = record.values.get(column, "")
        if not text:
            if required:
                self.problem(record, column, _("A date is needed here."))
            return None
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            self.problem(
                record,
                column,
                _("“%(value)s” is not a date (write it as 2014-02-25).") % {"value": text[:40]},
            )
            return None


def read_plan(data: bytes, known_numbers: set[str]) -> list[PlanRow]:
    """The checked rows of the file, or SpreadsheetError with every problem located.

    `known_numbers` are the plan's activities already saved: a parent or a dependency may
    name one of them even when the file leaves it out.
    """
    sheet = read_spreadsheet(data, limits=LIMITS).first_sheet
    plan_table = table(sheet, required=REQUIRED)
    checker = RowChecker(plan_table.sheet, plan_table.columns)
    rows: list[PlanRow] = []
    seen: dict[str, int] = {}
    for record in plan_table.records:
        row = read_row(checker, record, seen)
        if row is not None:
            rows.append(row)
    numbers = set(seen) | known_numbers
    by_number = {row.number: row for row in rows}
    for row in rows:
        record = Record(row.row, {})
        if row.parent and row.parent not in numbers:
            checker.problem(
                record,
                "parent",
                _("There is no activity numbered %(number)s in the plan or the file.")
                % {"number": row.parent},
            )
        for needed in row.depends_on:
            if needed not in numbers:
                checker.problem(
                    record,
                    "depends_on",
                    _("There is no activity numbered %(number)s in the plan or the file.")
                    % {"number": needed},
                )
            elif needed == row.number:
                checker.problem(record, "depends_on", _("An activity cannot wait for itself."))
    for number in cycle(by_number):
        checker.problem(
            Record(by_number[number].row, {}),
            "depends_on",
            _("The dependencies go round in a circle: %(cycle)s.")
            % {"cycle": " → ".join(cycle(by_number))},
        )
        break
    if checker.problems:
        raise SpreadsheetError(checker.problems[:MAX_PROBLEMS])
    return rows


def read_row(checker: RowChecker, record: Record, seen: dict[str, int]) -> PlanRow | None:
    values = record.values
    before = len(checker.problems)
    number = values.get("number", "")
    if not NUMBER.match(number):
        checker.problem(
            record,
            "number",
            _("“%(value)s” is not an activity number like 1, 1.2 or 1.2.3.")
            % {"value": number[:40]},
        )
    elif number in seen:
        checker.problem(
            record,
            "number",
            _("Number %(number)s is already on row %(row)s.")
            % {"number": number, "row": seen[number]},
        )
    else:
        seen[number] = record.row
    parent = values.get("parent", "") or (number.rpartition(".")[0] if "." in number else "")
    if parent and number and NUMBER.match(number) and not number.startswith(parent + "."):
        checker.problem(
            record,
            "parent",
            _("Activity %(number)s cannot belong to %(parent)s.")
            % {"number": number, "parent": parent},
        )
    level_text = values.get("level", "").lower()
    level = LEVEL_WORDS.get(level_text)
    if level_text and level is None:
        checker.problem(record, "level", _("The level is component, activity or task."))
    if level is None:
        level = LEVEL_BY_DEPTH[min(number.count("."), 2)]
    name_lt = values.get("name_lt", "")
    if not name_lt:
        checker.problem(record, "name_lt", _("The name in Lithuanian is needed."))
    planned_start = checker.day(record, "planned_start", required=True)
    planned_end = checker.day(record, "planned_end", required=True)
    actual_start = checker.day(record, "actual_start", required=False)
    actual_end = checker.day(record, "actual_end", required=False)
    if planned_start and planned_end and planned_end < planned_start:
        checker.problem(record, "planned_end", _("The end is before the start."))
    if actual_end and not actual_start:
        checker.problem(record, "actual_start", _("An activity that ended has a start."))
    if actual_start and actual_end and actual_end < actual_start:
        checker.problem(record, "actual_end", _("The end is before the start."))
    milestone_text = values.get("milestone", "").lower()
    if milestone_text not in YES | NO:
        checker.problem(record, "milestone", _("Write yes or leave it empty."))
    depends_on = [part.strip() for part in values.get("depends_on", "").split(",") if part.strip()]
    if len(checker.problems) > before or planned_start is None or planned_end is None:
        return None
    texts = {
        name: values.get(name, "")
        for name in PLAN_COLUMNS
        if name.endswith(("_lt", "_en")) and name not in ("name_lt", "name_en")
    }
    return PlanRow(
        row=record.row,
        number=number,
        parent=parent,
        level=level,
        name_lt=name_lt,
        name_en=values.get("name_en", ""),
        planned_start=planned_start,
        planned_end=planned_end,
        actual_start=actual_start,
        actual_end=actual_end,
        is_milestone=milestone_text in YES,
        depends_on=depends_on,
        texts=texts,
    )


def cycle(rows: dict[str, PlanRow]) -> list[str]:
    """A circle of dependencies among the file's rows (numbers in order), or []."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(number: str) -> list[str]:
        state[number] = 1
        path.append(number)
        for needed in rows[number].depends_on:
            if needed not in rows:
                continue
            if state.get(needed) == 1:
                return [*path[path.index(needed) :], needed]
            if needed not in state:
                found = visit(needed)
                if found:
                    return found
        path.pop()
        state[number] = 2
        return []

    for number in sorted(rows):
        if number not in state:
            found = visit(number)
            if found:
                return found
    return []
