"""Demo libraries, branches, partners and staff: generated, deterministic, marked is_demo.

Every municipality gets its central library (the real name where a source gives one) and
branches, about 1,300 library units in all, about 84% of them rural, as in Lithuania's
public-library network; about 2,500 staff with Lithuanian names.
"""

import random

from django.contrib.auth.hashers import make_password
from faker import Faker

from pazanga.common.text import search_key
from pazanga.directory.enums import MunicipalityKind, OrganisationKind, Settlement
from pazanga.directory.models import Municipality, Organisation, User

DEMO_EMAIL_DOMAIN = "bibliotekos.example"
# Genitive stems of place names, combined into village names for branches ("… filialas").
PLACE_STEMS = (
    "Aukšt",
    "Balt",
    "Beržyn",
    "Dauj",
    "Dvar",
    "Ežer",
    "Gaiž",
    "Gir",
    "Juodupė",
    "Kalnuj",
    "Kaln",
    "Klev",
    "Lauk",
    "Liep",
    "Miškin",
    "Nauj",
    "Pašil",
    "Pamiš",
    "Pievyn",
    "Rag",
    "Raud",
    "Sen",
    "Slėn",
    "Šil",
    "Šventup",
    "Taurag",
    "Upyt",
    "Vėjuk",
    "Viešin",
    "Žalg",
    "Žiež",
    "Ąžuol",
    "Ėglyn",
    "Kuosyn",
    "Lieplauk",
    "Pušyn",
    "Trakel",
    "Varnup",
)
PLACE_ENDINGS = ("ių", "ėnų", "iškių", "ionių", "upio", "alio", "ainių", "ynės", "ėlių", "uvos")
PARTNER_KINDS = (
    (OrganisationKind.BUSINESS, "UAB „{}“"),
    (OrganisationKind.NGO, "Asociacija „{} bendruomenė“"),
    (OrganisationKind.SCHOOL, "{} gimnazija"),
    (OrganisationKind.MEDIA, "Laikraštis „{} žinios“"),
)
BRANCHES_BY_KIND = {
    MunicipalityKind.CITY: (6, 16),
    MunicipalityKind.DISTRICT: (18, 30),
    MunicipalityKind.MUNICIPALITY: (6, 12),
}
URBAN_BRANCH_SHARE_OUTSIDE_CITIES = 0.05


def load(rng: random.Random) -> None:
    if Organisation.objects.filter(is_demo=True).exists():
        return
    faker = Faker("lt_LT")
    faker.seed_instance(rng.randint(0, 2**31))
    municipalities = list(Municipality.objects.select_related("county").order_by("code"))
    centrals = ensure_central_libraries(municipalities)
    create_branches(rng, centrals)
    create_partners(rng, municipalities)
    create_staff(rng, faker)


def central_library_name(municipality: Municipality) -> str:
    return municipality.name_lt.removesuffix("savivaldybė") + "savivaldybės viešoji biblioteka"


def ensure_central_libraries(municipalities: list[Municipality]) -> dict[int, Organisation]:
    known = {
        org.municipality_id: org
        for org in Organisation.objects.filter(kind=OrganisationKind.MUNICIPAL_LIBRARY)
    }
    missing = [
        organisation(
            name=central_library_name(m),
            kind=OrganisationKind.MUNICIPAL_LIBRARY,
            municipality=m,
            settlement=Settlement.URBAN,
            address=f"{m.short_name_lt.split()[0]}",
        )
        for m in municipalities
        if m.pk not in known
    ]
    for created in Organisation.objects.bulk_create(missing):
        known[created.municipality_id] = created
    return known


def organisation(**fields: object) -> Organisation:
    org = Organisation(is_demo=True, **fields)
    org.refresh_search()
    return org


def place_name(rng: random.Random) -> str:
    return rng.choice(PLACE_STEMS) + rng.choice(PLACE_ENDINGS)


def create_branches(rng: random.Random, centrals: dict[int, Organisation]) -> None:
    branches = []
    for central in centrals.values():
        municipality = central.municipality
        low, high = BRANCHES_BY_KIND[MunicipalityKind(municipality.kind)]
        used: set[str] = set()
        for _ in range(rng.randint(low, high)):
            place = place_name(rng)
            while place in used:
                place = place_name(rng)
            used.add(place)
            urban = (
                municipality.kind == MunicipalityKind.CITY
                or rng.random() < URBAN_BRANCH_SHARE_OUTSIDE_CITIES
            )
            branches.append(
                organisation(
                    name=f"{central.name} {place} filialas",
                    kind=OrganisationKind.BRANCH,
                    parent=central,
                    municipality=municipality,
                    settlement=Settlement.URBAN if urban else Settlement.RURAL,
                    address=f"{place.capitalize()}, {municipality.short_name_lt}",
                    staff_headcount=rng.choice((1, 1, 1, 1, 2)),
                )
            )
    Organisation.objects.bulk_create(branches, batch_size=500)
    for central in centrals.values():
        drawn = rng.randint(8, 25)  # drawn always, so the demo does not depend on earlier runs
        central.staff_headcount = central.staff_headcount or drawn
    Organisation.objects.bulk_update(centrals.values(), ["staff_headcount"])
    Organisation.objects.filter(
        kind__in=(OrganisationKind.COUNTY_LIBRARY, OrganisationKind.NATIONAL_LIBRARY),
        staff_headcount__isnull=True,
    ).update(staff_headcount=60)


def create_partners(rng: random.Random, municipalities: list[Municipality]) -> None:
    partners = []
    for m in municipalities:
        partners.append(
            organisation(
                name=m.name_lt.removesuffix("savivaldybė") + "savivaldybės administracija",
                kind=OrganisationKind.MUNICIPAL_ADMINISTRATION,
                municipality=m,
            )
        )
        for kind, pattern in rng.sample(PARTNER_KINDS, 2):
            place = place_name(rng)
            partners.append(
                organisation(
                    name=pattern.format(place.capitalize()),
                    kind=kind,
                    municipality=m,
                    registry_code=str(rng.randint(100_000_000, 399_999_999)),
                )
            )
    Organisation.objects.bulk_create(partners)


def create_staff(rng: random.Random, faker: Faker) -> None:
    """One person per staff position of each public library, with an unusable password."""
    unusable = make_password(None)
    people = []
    directors: list[tuple[Organisation, User]] = []
    libraries = Organisation.objects.filter(
        kind__in=(OrganisationKind.MUNICIPAL_LIBRARY, OrganisationKind.BRANCH)
    ).order_by("pk")
    for library in libraries:
        for index in range(library.staff_headcount or 1):
            first, last = faker.first_name(), faker.last_name()
            person = User(
                email=f"{search_key(first)}.{search_key(last)}.{library.pk}.{index}"
                f"@{DEMO_EMAIL_DOMAIN}",
                first_name=first,
                last_name=last,
                organisation=library,
                position=position_of(library, index),
                password=unusable,
                is_demo=True,
            )
            people.append(person)
            if index == 0:
                directors.append((library, person))
    rng.shuffle(people)
    User.objects.bulk_create(people, batch_size=500)
    set_directors(directors)


def set_directors(directors: list[tuple[Organisation, User]]) -> None:
    """The person with index 0 heads the library or branch (see position_of)."""
    for library, person in directors:
        library.director = person
    Organisation.objects.bulk_update(
        [library for library, _person in directors], ["director"], batch_size=500
    )


def position_of(library: Organisation, index: int) -> str:
    if index == 0:
        return "filialo vedėjas" if library.parent_id else "direktorius"
    return "bibliotekininkas"


# --- Copies of the network (manage.py load_demo --scale N) ------------------------------

COPY_BRANCHES_PER_CENTRAL = (16, 26)  # about 1,240 branches a copy
COPY_HEADCOUNTS = (1, 2, 2, 3)  # about 2,500 staff a copy


def copy_domain(copy: int) -> str:
    """The e-mail domain of copy `copy`'s staff: how every later app finds that copy."""
    return f"s{copy}.{DEMO_EMAIL_DOMAIN}"


def load_copy(rng: random.Random, copy: int) -> None:
    """Copy `copy` of the network: more branches under the same central libraries, each with
    its staff (e-mails at `copy_domain(copy)`); skipped when that copy is loaded."""
    if User.objects.filter(email__endswith=f"@{copy_domain(copy)}").exists():
        return
    faker = Faker("lt_LT")
    faker.seed_instance(rng.randint(0, 2**31))
    centrals = Organisation.objects.filter(kind=OrganisationKind.MUNICIPAL_LIBRARY).select_related(
        "municipality"
    )
    branches = []
    for central in centrals.order_by("municipality__code"):
        municipality = central.municipality
        for _ in range(rng.randint(*COPY_BRANCHES_PER_CENTRAL)):
            place = place_name(rng)
            urban = municipality.kind == MunicipalityKind.CITY
            branches.append(
                organisation(
                    name=f"{central.name} {place} {copy}-asis filialas",
                    kind=OrganisationKind.BRANCH,
                    parent=central,
                    municipality=municipality,
                    settlement=Settlement.URBAN if urban else Settlement.RURAL,
                    address=f"{place.capitalize()}, {municipality.short_name_lt}",
                    staff_headcount=rng.choice(COPY_HEADCOUNTS),
                )
            )
    Organisation.objects.bulk_create(branches, batch_size=1000)
    unusable = make_password(None)
    people = []
    directors: list[tuple[Organisation, User]] = []
    for library in branches:  # primary keys are set by bulk_create (SQLite and PostgreSQL)
        for index in range(library.staff_headcount or 1):
            first, last = faker.first_name(), faker.last_name()
            person = User(
                email=f"{search_key(first)}.{search_key(last)}.{library.pk}.{index}"
                f"@{copy_domain(copy)}",
                first_name=first,
                last_name=last,
                organisation=library,
                position=position_of(library, index),
                password=unusable,
                is_demo=True,
            )
            people.append(person)
            if index == 0:
                directors.append((library, person))
    User.objects.bulk_create(people, batch_size=1000)
    set_directors(directors)
