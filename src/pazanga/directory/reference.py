"""Real reference data: counties, municipalities and the libraries named in sources."""

import csv
from pathlib import Path

from django.db import transaction

from pazanga.directory.enums import OrganisationKind, Settlement
from pazanga.directory.models import County, Municipality, Organisation

DATA_DIR = Path(__file__).resolve().parent / "data"

NATIONAL_LIBRARY = {
    "name": "Lietuvos nacionalinė Martyno Mažvydo biblioteka",
    "name_en": "Martynas Mažvydas National Library of Lithuania",
    "address": "Gedimino pr. 51, Vilnius",
    "website": "https://www.lnb.lt/",
    "municipality_code": "LT-57",
}
# County libraries sit in their county's city municipality.
COUNTY_LIBRARY_SEATS = {
    "Vilniaus": "LT-57",
    "Kauno": "LT-15",
    "Klaipėdos": "LT-20",
    "Šiaulių": "LT-43",
    "Panevėžio": "LT-32",
}


def read_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load() -> None:
    load_geography()
    load_known_libraries()


def load_geography() -> None:
    counties = {}
    for row in read_rows("counties.csv"):
        counties[row["iso_code"]], _ = County.objects.update_or_create(
            code=row["iso_code"], defaults={"name_lt": row["name_lt"], "name_en": row["name_en"]}
        )
    for row in read_rows("municipalities.csv"):
        Municipality.objects.update_or_create(
            code=row["iso_code"],
            defaults={
                "name_lt": row["name_lt"],
                "short_name_lt": row["name_lt_short"],
                "name_en": row["name_en"],
                "county": counties[row["county_iso"]],
                "kind": row["type"],
                "lau_code": row["lau_code"],
            },
        )


def load_known_libraries() -> None:
    municipalities = {m.code: m for m in Municipality.objects.all()}
    national = dict(NATIONAL_LIBRARY)
    seat = municipalities[national.pop("municipality_code")]
    upsert_organisation(
        kind=OrganisationKind.NATIONAL_LIBRARY,
        municipality=seat,
        settlement=Settlement.URBAN,
        **national,
    )
    for row in read_rows("public_libraries_seen.csv"):
        if row["level"] == "county":
            code = COUNTY_LIBRARY_SEATS[row["library_name_lt"].split()[0]]
            kind = OrganisationKind.COUNTY_LIBRARY
        else:
            code = row["municipality_iso"]
            kind = OrganisationKind.MUNICIPAL_LIBRARY
        upsert_organisation(
            name=row["library_name_lt"],
            kind=kind,
            municipality=municipalities[code],
            settlement=Settlement.URBAN,
        )


def upsert_organisation(*, name: str, kind: str, **fields: object) -> Organisation:
    """Create or update an organisation identified by its name and kind."""
    organisation = Organisation.objects.filter(name=name, kind=kind).first() or Organisation(
        name=name, kind=kind
    )
    for field, value in fields.items():
        setattr(organisation, field, value)
    organisation.save()
    return organisation
