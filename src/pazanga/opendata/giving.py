"""360Giving 1.4: every awarded grant of the programme as one data package, validated
against the official schemas vendored in `schemas/360giving/` (jsonschema, Draft 2020-12).

Each grant is in the currency it was awarded in (LTL for 2014, EUR from 2015); the amount
applied for is the application's request, the amount disbursed the tranches paid (in the
grant's currency); the recipient is the library with its municipality; the beneficiary
location is the municipality (ISO 3166-2 code). Nothing personal: no contact names or
e-mail addresses. Queries: a fixed number whatever the number of grants.
"""

import json
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from pazanga.common.i18n import localized
from pazanga.directory.models import Organisation
from pazanga.opendata import identifiers
from pazanga.programme.models import Programme
from pazanga.projects.enums import TrancheStatus
from pazanga.projects.models import Grant, Tranche

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "360giving"
GRANT_SCHEMA_URL = (
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/"
    "360-giving-schema.json"
)
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
VERSION = "1.4"


def number(value: Decimal) -> int | float:
    """A JSON number: whole amounts as integers, others as the nearest float."""
    return int(value) if value == value.to_integral_value() else float(value)


def grants_of(programme: Programme) -> QuerySet[Grant]:
    paid = Tranche.objects.filter(status=TrancheStatus.PAID).order_by("position")
    return (
        Grant.objects.filter(programme=programme)
        .select_related("library__municipality", "call", "application")
        .prefetch_related(Prefetch("tranches", queryset=paid, to_attr="paid_tranches"))
        .order_by("call__opens_at", "reference")
    )


def months(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + (end.day >= start.day)


def organisation(org: Organisation) -> dict[str, Any]:
    found: dict[str, Any] = {"id": identifiers.organisation_id(org), "name": org.name}
    if org.municipality_id:
        found["addressLocality"] = str(localized(org.municipality, "name", "lt"))
    found["addressCountry"] = "LT"
    return found


def grant_record(grant: Grant, funder: dict[str, Any]) -> dict[str, Any]:
    base = settings.SITE_URL
    paid = grant.paid_tranches  # type: ignore[attr-defined]
    with translation.override("en"):
        url = f"{base}{grant.get_public_url()}"
    record: dict[str, Any] = {
        "id": identifiers.grant_id(grant.reference),
        "title": grant.title,
        "description": grant.summary or grant.title,
        "currency": grant.currency,
        "amountAwarded": number(grant.awarded_amount),
        "awardDate": grant.awarded_on.isoformat(),
        "plannedDates": [
            {
                "startDate": grant.planned_start.isoformat(),
                "endDate": grant.current_end.isoformat(),
                "duration": months(grant.planned_start, grant.current_end),
            }
        ],
        "recipientOrganization": [organisation(grant.library)],
        "fundingOrganization": [funder],
        "grantProgramme": [
            {"code": grant.call.code, "title": str(localized(grant.call, "title", "lt"))}
        ],
        "fromOpenCall": "Yes",
        "url": url,
        "dateModified": grant.last_activity_at.isoformat(),
    }
    requested = grant.application.requested_total
    if requested is not None:
        record["amountAppliedFor"] = number(requested)
    if paid:
        record["amountDisbursed"] = number(sum((t.amount for t in paid), Decimal(0)))
        record["disbursementTransaction"] = [
            {
                "id": f"{record['id']}-{tranche.position}",
                "transactionDate": tranche.paid_on.isoformat(),
                "currency": grant.currency,
                "value": number(tranche.amount),
            }
            for tranche in paid
            if tranche.paid_on
        ]
    municipality = grant.library.municipality
    if municipality is not None:
        location = {"name": str(localized(municipality, "name", "lt")), "countryCode": "LT"}
        if municipality.code:
            location["geoCode"] = municipality.code
        record["beneficiaryLocation"] = [location]
    return record


def funder_of(programme: Programme) -> dict[str, Any]:
    publisher = identifiers.publisher()
    if publisher is None:
        return {"id": identifiers.publisher_id(), "name": str(programme.name)}
    return {"id": identifiers.publisher_id(publisher), "name": publisher.name}


def records(programme: Programme) -> Iterator[dict[str, Any]]:
    funder = funder_of(programme)
    for grant in grants_of(programme).iterator(chunk_size=500):
        yield grant_record(grant, funder)


def package(programme: Programme) -> dict[str, Any]:
    funder = funder_of(programme)
    now = timezone.now().replace(microsecond=0)
    return {
        "version": VERSION,
        "title": f"{localized(programme, 'name', 'en')}: grants",
        "description": (
            f"Every grant awarded by {localized(programme, 'name', 'en')} to public libraries' "
            "community projects."
        ),
        "identifier": f"{identifiers.prefix()}-{programme.code}",
        "issued": now.isoformat(),
        "modified": now.isoformat(),
        "publisher": {"identifier": funder["id"], "name": funder["name"]},
        "license": LICENCE,
        "grants": list(records(programme)),
    }


def package_json(programme: Programme) -> bytes:
    return json.dumps(package(programme), ensure_ascii=False, indent=1).encode("utf-8")


# Dates are either a date or a full date-time (`oneOf` a pattern and the date-time format),
# so the date-time format must really be checked; jsonschema checks it only with an extra
# package, and the check is one line with the standard library.
FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if "T" not in value.upper():
        return False
    datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return True


@cache
def validator() -> Draft202012Validator:
    """The package schema, with the grant schema it names resolved from the local copy."""
    grant = json.loads((SCHEMAS / "360-giving-schema.json").read_text(encoding="utf-8"))
    wrapper = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text(encoding="utf-8"))
    # The schemas name their dialect with "http://" where the library expects "https://":
    # say which it is rather than let it guess.
    resource = Resource(contents=grant, specification=DRAFT202012)
    registry = Registry().with_resources([(GRANT_SCHEMA_URL, resource), (grant["$id"], resource)])
    return Draft202012Validator(wrapper, registry=registry, format_checker=FORMATS)


def problems(data: dict[str, Any]) -> list[str]:
    """Every way `data` breaks the 360Giving schemas ("path: message"); [] when valid."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(package)'}: {error.message}"
        for error in sorted(validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    ]
