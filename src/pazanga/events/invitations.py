"""Reading invitee lists (CSV or XLSX): each bad cell is reported by row and column.

`read_invitees(file, kind, event)` never raises on bad content: it returns the good rows
and the problems, so the person importing can fix the file or import the good rows only.
"""

import csv
import io
from dataclasses import asdict, dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from pazanga.events.models import Event

COLUMNS = ("email", "first_name", "last_name", "organisation", "category", "language")
REQUIRED = ("email",)
LANGUAGES = ("lt", "en")
MAX_ROWS = 5000


@dataclass(frozen=True)
class Invitee:
    email: str
    first_name: str
    last_name: str
    organisation: str
    category: str
    language: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


@dataclass
class ReadResult:
    invitees: list[Invitee]
    problems: list[Problem]


def raw_rows(file: IO[bytes], kind: str) -> list[list[str]]:
    if kind == "xlsx":
        workbook = load_workbook(file, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)
        ]
        workbook.close()
        return rows
    text = file.read().decode("utf-8-sig", errors="replace")
    dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def read_invitees(file: IO[bytes], kind: str, event: Event) -> ReadResult:
    rows = raw_rows(file, kind)
    if not rows:
        return ReadResult([], [Problem(1, "", _("The file is empty."))])
    header = [cell.lower() for cell in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return ReadResult(
            [], [Problem(1, c, _("The first row must name this column.")) for c in missing]
        )
    categories = {c.code: c for c in event.categories.all()}
    default_category = next(iter(categories), "")
    result = ReadResult([], [])
    seen: set[str] = set()
    for number, row in enumerate(rows[1 : MAX_ROWS + 1], start=2):
        values = dict(zip(header, row, strict=False))
        if not any(values.values()):
            continue
        row_problems = check_row(number, values, categories, seen)
        if row_problems:
            result.problems.extend(row_problems)
            continue
        email = values["email"].lower()
        seen.add(email)
        result.invitees.append(
            Invitee(
                email=email,
                first_name=values.get("first_name", ""),
                last_name=values.get("last_name", ""),
                organisation=values.get("organisation", ""),
                category=values.get("category") or default_category,
                language=(values.get("language") or "lt").lower(),
            )
        )
    return result


def check_row(
    number: int, values: dict[str, str], categories: dict[str, Any], seen: set[str]
) -> list[Problem]:
    problems = []
    email = values.get("email", "").lower()
    try:
        validate_email(email)
    except ValidationError:
        problems.append(Problem(number, "email", _("Not a valid e-mail address.")))
    if email in seen:
        problems.append(Problem(number, "email", _("This address is already in the file.")))
    category = values.get("category", "")
    if category and category not in categories:
        problems.append(
            Problem(
                number,
                "category",
                _("Unknown category; use one of: %(codes)s.") % {"codes": ", ".join(categories)},
            )
        )
    if not categories:
        problems.append(Problem(number, "category", _("The event has no audience categories.")))
    language = (values.get("language") or "lt").lower()
    if language not in LANGUAGES:
        problems.append(Problem(number, "language", _("Use lt or en.")))
    return problems
