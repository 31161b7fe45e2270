"""Reading invitee lists (CSV or XLSX): each bad cell is reported by row and column.

`read_invitees(file, kind, event)` never raises on bad content: it returns the good rows
and the problems, so the person importing can fix the file or import the good rows only.
The file itself is read by pazanga.common.spreadsheets (kind by content, limits, no XML
tricks); a file it refuses comes back as problems without a row.
"""

from dataclasses import asdict, dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from pazanga.common.spreadsheets import Limits, SpreadsheetError, read_spreadsheet, table
from pazanga.events.models import Event

COLUMNS = ("email", "first_name", "last_name", "organisation", "category", "language")
REQUIRED = ("email",)
LANGUAGES = ("lt", "en")
MAX_ROWS = 5000
LIMITS = Limits(max_rows=MAX_ROWS + 1, max_columns=50)  # the header and 5,000 people


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
    row: int | None  # None: the file as a whole
    column: str  # a column's name or letter; "" when the problem has none
    message: str


@dataclass
class ReadResult:
    invitees: list[Invitee]
    problems: list[Problem]


def read_invitees(file: IO[bytes], kind: str, event: Event) -> ReadResult:
    """The invitees in a file of `kind` ("csv" or "xlsx", as the upload was recognised)."""
    try:
        sheet = read_spreadsheet(file, kinds=(kind,), limits=LIMITS).first_sheet
        rows = table(sheet)
    except SpreadsheetError as error:
        problems = [Problem(p.row, p.column_letter or "", p.message) for p in error.problems]
        return ReadResult([], problems)
    missing = [c for c in REQUIRED if c not in rows.columns]
    if missing:
        return ReadResult(
            [], [Problem(1, c, _("The first row must name this column.")) for c in missing]
        )
    categories = {c.code: c for c in event.categories.all()}
    default_category = next(iter(categories), "")
    result = ReadResult([], [])
    seen: set[str] = set()
    for record in rows.records:
        number, values = record.row, record.values
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
