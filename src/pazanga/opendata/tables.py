"""The open-data files: each public table as CSV (the API's fields, flattened), and the
360Giving grants in the standard's spreadsheet titles (CSV and XLSX), all through the one
exporter base."""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from pazanga.common.exports import Exporter, RowsExport, Sheet
from pazanga.opendata.api import serializers, views

# name -> (rows, serializer); the same tables as the API.
TABLES: dict[str, tuple[Callable[[], QuerySet[Any]], type]] = {
    "events": (views.events, serializers.EventSerializer),
    "training-sessions": (views.sessions, serializers.SessionSerializer),
    "libraries": (views.libraries, serializers.LibrarySerializer),
    "calls": (views.calls, serializers.CallSerializer),
    "grants": (views.grants, serializers.GrantSerializer),
}


def flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"title": {"lt": .., "en": ..}} -> {"title_lt": .., "title_en": ..}."""
    found: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            found.update(flat(value, f"{name}_"))
        else:
            found[name] = value
    return found


def table_rows(name: str) -> Iterator[list[Any]]:
    rows, serializer = TABLES[name]
    header: list[str] | None = None
    for row in rows().iterator(chunk_size=1000):
        data = flat(serializer(row).data)
        if header is None:
            header = list(data)
            yield header
        yield [data.get(column) for column in header]
    if header is None:
        yield list(flat_fields(serializer))


def flat_fields(serializer: type) -> Iterable[str]:
    for name, field in serializer().get_fields().items():
        if isinstance(field, serializers.Bilingual) or name == "title":
            yield from (f"{name}_lt", f"{name}_en")
        else:
            yield name


def table_export(name: str) -> Exporter:
    return RowsExport(f"open-data-{name}", name, table_rows(name))


# 360Giving's spreadsheet titles (the standard's flattened column names).
GIVING_COLUMNS = (
    ("Identifier", lambda g: g["id"]),
    ("Title", lambda g: g["title"]),
    ("Description", lambda g: g["description"]),
    ("Currency", lambda g: g["currency"]),
    ("Amount Applied For", lambda g: g.get("amountAppliedFor")),
    ("Amount Awarded", lambda g: g["amountAwarded"]),
    ("Amount Disbursed", lambda g: g.get("amountDisbursed")),
    ("Award Date", lambda g: g["awardDate"]),
    ("Planned Dates:Start Date", lambda g: g["plannedDates"][0]["startDate"]),
    ("Planned Dates:End Date", lambda g: g["plannedDates"][0]["endDate"]),
    ("Planned Dates:Duration (months)", lambda g: g["plannedDates"][0]["duration"]),
    ("Recipient Org:Identifier", lambda g: g["recipientOrganization"][0]["id"]),
    ("Recipient Org:Name", lambda g: g["recipientOrganization"][0]["name"]),
    ("Recipient Org:City", lambda g: g["recipientOrganization"][0].get("addressLocality")),
    ("Recipient Org:Country", lambda g: g["recipientOrganization"][0].get("addressCountry")),
    ("Beneficiary Location:Name", lambda g: first(g, "beneficiaryLocation", "name")),
    ("Beneficiary Location:Country Code", lambda g: first(g, "beneficiaryLocation", "countryCode")),
    ("Beneficiary Location:Geographic Code", lambda g: first(g, "beneficiaryLocation", "geoCode")),
    ("Funding Org:Identifier", lambda g: g["fundingOrganization"][0]["id"]),
    ("Funding Org:Name", lambda g: g["fundingOrganization"][0]["name"]),
    ("Grant Programme:Code", lambda g: g["grantProgramme"][0]["code"]),
    ("Grant Programme:Title", lambda g: g["grantProgramme"][0]["title"]),
    ("From An Open Call?", lambda g: g["fromOpenCall"]),
    ("URL", lambda g: g["url"]),
    ("Last Modified", lambda g: g["dateModified"]),
)


def first(grant: dict[str, Any], key: str, field: str) -> Any:
    items = grant.get(key) or [{}]
    return items[0].get(field)


class GivingExport(Exporter):
    def __init__(self, grants: Iterable[dict[str, Any]]) -> None:
        self.grants = grants

    def file_stem(self) -> str:
        return "360giving"

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet("grants", self.rows())

    def rows(self) -> Iterator[list[Any]]:
        yield [title for title, _read in GIVING_COLUMNS]
        for grant in self.grants:
            yield [read(grant) for _title, read in GIVING_COLUMNS]
