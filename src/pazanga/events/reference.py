"""The programme's real events: the launch conference (from the announcement) and the
closing conference (from the programme facts). Idempotent: update_or_create by slug."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pazanga.directory.models import Organisation
from pazanga.events.enums import EventStatus, Visibility
from pazanga.events.models import AgendaItem, AudienceCategory, Event, Venue
from pazanga.programme.models import Programme

DATA = Path(__file__).resolve().parent / "data"
VILNIUS = ZoneInfo("Europe/Vilnius")
NATIONAL_LIBRARY = "Lietuvos nacionalinė Martyno Mažvydo biblioteka"

GOVERNMENT = {
    "name_lt": "Lietuvos Respublikos Vyriausybė",
    "name_en": "Government of the Republic of Lithuania",
    "address": "Gedimino pr. 11",
    "city": "Vilnius",
    "map_url": "https://www.openstreetmap.org/search?query=Gedimino%20pr.%2011%2C%20Vilnius",
}
LNB = {
    "name_lt": NATIONAL_LIBRARY,
    "name_en": "Martynas Mažvydas National Library of Lithuania",
    "address": "Gedimino pr. 51",
    "city": "Vilnius",
    "map_url": "https://www.openstreetmap.org/search?query=Gedimino%20pr.%2051%2C%20Vilnius",
}
LAUNCH_SUMMARY_LT = (
    "Projekto „Bibliotekos pažangai 2“ pradžios konferencija – pirmoji projekto pradžią "
    "skelbianti konferencija, kuri skirta Lietuvos bibliotekoms ir jų partneriams, savivaldybių "
    "ir centrinės valdžios atstovams kitiems kviestiniams svečiams. Konferencijos metu bus "
    "pristatyti projekto tikslai, uždaviniai ir numatomos vykdyti veiklos."
)
LAUNCH_SUMMARY_EN = (
    'The launch conference of the project "Libraries for Innovation 2" is the first '
    "conference announcing the start of the project. It is intended for Lithuania's libraries "
    "and their partners, representatives of municipal and central government and other invited "
    "guests. The conference will present the project's goals, tasks and planned activities."
)
# The audiences the announcement names; government and guests need approval or invitation.
LAUNCH_CATEGORIES = (
    ("libraries", "Bibliotekos ir jų partneriai", "Libraries and their partners", False, False),
    (
        "government",
        "Savivaldybių ir centrinės valdžios atstovai",
        "Municipal and central government representatives",
        True,
        False,
    ),
    ("guests", "Kviestiniai svečiai", "Invited guests", False, True),
)
# Only what the sources say: the opening and the greetings (bp2_facts.csv).
LAUNCH_AGENDA = (
    (
        datetime(2014, 2, 25, 9, 0, tzinfo=VILNIUS),
        "Konferencijos atidarymas",
        "Opening of the conference",
        "Algirdas Butkevičius, Lietuvos Respublikos Ministras Pirmininkas",
    ),
    (
        None,
        "Sveikinimo žodžiai",
        "Greetings",
        "Šarūnas Birutis, kultūros ministras; Deborah Jacobs, Bilo ir Melindos Geitsų fondas "
        "(Global Libraries)",
    ),
    (
        None,
        "Projekto „Bibliotekos pažangai 2“ tikslai, uždaviniai ir numatomos veiklos",
        'The goals, tasks and planned activities of "Libraries for Innovation 2"',
        "Lietuvos nacionalinė Martyno Mažvydo biblioteka",
    ),
)
CLOSING_CATEGORIES = (
    ("libraries", "Bibliotekos ir jų partneriai", "Libraries and their partners", False, False),
    ("guests", "Kviestiniai svečiai", "Invited guests", False, True),
)


def load() -> None:
    programme = Programme.objects.filter(code="bp2").first()
    if programme is None:
        return
    organiser = Organisation.objects.filter(name=NATIONAL_LIBRARY).first()
    launch = upsert_event(
        programme,
        slug="bp2-2014",
        title_lt="Projekto „Bibliotekos pažangai 2“ pradžios konferencija",
        title_en='Launch conference of the project "Libraries for Innovation 2"',
        summary_lt=LAUNCH_SUMMARY_LT,
        summary_en=LAUNCH_SUMMARY_EN,
        body_lt=(DATA / "launch_conference_lt.txt").read_text(encoding="utf-8"),
        body_en=(DATA / "launch_conference_en.txt").read_text(encoding="utf-8"),
        starts_at=datetime(2014, 2, 25, 9, 0, tzinfo=VILNIUS),
        ends_at=datetime(2014, 2, 25, 16, 0, tzinfo=VILNIUS),
        venue=upsert_venue(GOVERNMENT),
        organiser=organiser,
        registration_closes_at=datetime(2014, 2, 24, 12, 0, tzinfo=VILNIUS),
    )
    upsert_categories(launch, LAUNCH_CATEGORIES)
    for position, (starts_at, title_lt, title_en, speakers) in enumerate(LAUNCH_AGENDA):
        AgendaItem.objects.update_or_create(
            event=launch,
            position=position,
            defaults={
                "starts_at": starts_at,
                "title_lt": title_lt,
                "title_en": title_en,
                "speakers": speakers,
            },
        )
    closing = upsert_event(
        programme,
        slug="bp2-2016",
        title_lt="Projekto „Bibliotekos pažangai 2“ baigiamoji konferencija",
        title_en='Closing conference of the project "Libraries for Innovation 2"',
        summary_lt="Projekto „Bibliotekos pažangai 2“ rezultatų apibendrinimo konferencija.",
        summary_en='The conference summing up the results of "Libraries for Innovation 2".',
        body_lt="",
        body_en="",
        starts_at=datetime(2016, 12, 8, 9, 30, tzinfo=VILNIUS),
        ends_at=datetime(2016, 12, 8, 18, 0, tzinfo=VILNIUS),
        venue=upsert_venue(LNB),
        organiser=organiser,
        registration_closes_at=datetime(2016, 12, 7, 12, 0, tzinfo=VILNIUS),
    )
    upsert_categories(closing, CLOSING_CATEGORIES)


def upsert_venue(fields: dict[str, str]) -> Venue:
    venue, _created = Venue.objects.update_or_create(
        name_lt=fields["name_lt"], address=fields["address"], defaults=fields
    )
    return venue


def upsert_event(programme: Programme, *, slug: str, **fields: object) -> Event:
    event, _created = Event.objects.update_or_create(
        slug=slug,
        defaults={
            "programme": programme,
            "status": EventStatus.PUBLISHED,
            "visibility": Visibility.PUBLIC,
            **fields,
        },
    )
    return event


def upsert_categories(
    event: Event, categories: tuple[tuple[str, str, str, bool, bool], ...]
) -> None:
    for position, (code, name_lt, name_en, approval, invitation) in enumerate(categories):
        AudienceCategory.objects.update_or_create(
            event=event,
            code=code,
            defaults={
                "name_lt": name_lt,
                "name_en": name_en,
                "needs_approval": approval,
                "invitation_only": invitation,
                "position": position,
            },
        )
