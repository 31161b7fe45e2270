"""The real programmes: "Bibliotekos pažangai 2" (from its announcement) and its predecessor."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from pazanga.directory.enums import OrganisationKind
from pazanga.directory.models import Organisation
from pazanga.directory.reference import NATIONAL_LIBRARY, upsert_organisation
from pazanga.programme.enums import ParticipantRole, ProgrammeStatus
from pazanga.programme.models import Participant, Programme, ProgrammeTask, ProgrammeValue

DATA_DIR = Path(__file__).resolve().parent / "data"
LNB_PROJECT_PAGE = (
    "https://lnb.lt/en/projects/programs-and-projects/education-exhibitions-and-events/"
    "libraries-for-innovation-2"
)
LNB_PROJECT_PAGE_LT = (
    "https://www.lnb.lt/projektai/programos-ir-projektai/infrastrukturos-atnaujinimas/"
    "bibliotekos-pazangai-2"
)
CONFERENCE_PAGE = "https://konferencijos.lnb.lt/bp2-2014/"

BP2 = {
    "code": "bp2",
    "name_lt": "Bibliotekos pažangai 2",
    "name_en": "Libraries for Innovation 2",
    "summary_lt": (
        "Lietuvos nacionalinės Martyno Mažvydo bibliotekos projektas su Bilo ir Melindos "
        "Geitsų fondu, iš dalies finansuojamas Lietuvos Respublikos kultūros ministerijos: "
        "mokymai viešųjų bibliotekų darbuotojams, bendruomenių projektų finansavimas ir "
        "bibliotekų poveikio vertinimas, 2013–2016 m."
    ),
    "summary_en": (
        "A project of the Martynas Mažvydas National Library of Lithuania with the Bill & "
        "Melinda Gates Foundation, partly funded by the Ministry of Culture of the Republic "
        "of Lithuania: training for public-library staff, funding for community projects and "
        "assessment of libraries' impact, 2013–2016."
    ),
    "goal_lt": (
        "Sustiprinti bibliotekų gebėjimus tenkinti besivystančios visuomenės poreikius ir "
        "įtvirtinti bibliotekas kaip tvarias bendruomenines institucijas, galinčias pagerinti "
        "Lietuvos žmonių gyvenimo kokybę."
    ),
    "goal_en": (
        "To strengthen libraries' ability to meet the needs of a developing society and to "
        "establish libraries as sustainable community institutions able to improve the "
        "quality of life of the people of Lithuania."
    ),
    "start_date": date(2013, 12, 1),
    "end_date": date(2016, 12, 31),
    "status": ProgrammeStatus.CURRENT,
}
BP2_TASKS = [
    (
        "Mokyti viešųjų bibliotekų darbuotojus: projektų rengimas ir jų įgyvendinimas, "
        "projektų valdymas, vartotojų analizė, inovacijų kūrimas, atstovavimas, viešinimas, "
        "poveikio vertinimas ir lyderystė.",
        "Train public-library staff in project preparation and implementation, project "
        "management, user analysis, innovation, advocacy, publicity, impact assessment and "
        "leadership.",
    ),
    (
        "Skatinti viešųjų bibliotekų darbuotojus rengti projektus, skirtus esamų ir naujų "
        "paslaugų plėtrai, ir gauti finansavimą jiems įgyvendinti.",
        "Encourage public-library staff to prepare projects that develop existing and new "
        "services, and to obtain funding to implement them.",
    ),
    (
        "Skelbti kvietimus viešosioms bibliotekoms teikti paraiškas bendruomenių projektams "
        "ir konkurso būdu atrinktiems projektams suteikti finansinę paramą.",
        "Invite public libraries to apply for funding of community projects and give financial "
        "support to the projects selected competitively.",
    ),
    (
        "Išplėsti viešųjų bibliotekų bendradarbiavimą su verslu, vietos valdžios "
        "institucijomis ir nevyriausybinėmis organizacijomis.",
        "Expand public libraries' cooperation with business, local government institutions "
        "and non-governmental organisations.",
    ),
    (
        "Įgyvendinti laimėjusius bendruomenių projektus ir apibendrinti rezultatus.",
        "Implement the winning community projects and summarise the results.",
    ),
    (
        "Projekto pradžioje, jo metu ir pabaigoje atlikti sociologinius tyrimus, vertinančius "
        "bibliotekų poveikį žmonių gerovei ir skaitmeninės atskirties mažėjimą.",
        "At the start, during and after the project, carry out sociological research assessing "
        "libraries' impact on people's well-being and on reducing the digital divide.",
    ),
]
BP2_VALUES = [
    # amount, currency, approximate, note_lt, note_en, source
    (Decimal("12500000"), "LTL", True, "daugiau nei", "more than", LNB_PROJECT_PAGE),
    (Decimal("4900000"), "USD", True, "", "", LNB_PROJECT_PAGE),
    (Decimal("3620000"), "EUR", True, "daugiau nei", "more than", LNB_PROJECT_PAGE_LT),
]
GATES = {"name": "Bill & Melinda Gates Foundation", "kind": OrganisationKind.FOUNDATION}
MINISTRY = {
    "name": "Lietuvos Respublikos kultūros ministerija",
    "name_en": "Ministry of Culture of the Republic of Lithuania",
    "kind": OrganisationKind.MINISTRY,
}
BP2_PARTNERS = [
    ("AB Lesto", OrganisationKind.BUSINESS),
    ("Samsung", OrganisationKind.BUSINESS),
    ("UAB Bitė Lietuva", OrganisationKind.BUSINESS),
    ("LRT", OrganisationKind.MEDIA),
    ("UAB Gaminu", OrganisationKind.BUSINESS),
    ("egzaminatorius.lt", OrganisationKind.BUSINESS),
    ("Nacionalinis diktantas", OrganisationKind.NGO),
]

BP1 = {
    "code": "bp1",
    "name_lt": "Bibliotekos pažangai",
    "name_en": "Libraries for Innovation",
    "summary_lt": (
        "Projektas panaikino kaimo ir miesto informacinės infrastruktūros netolygumus: "
        "daugelis viešųjų bibliotekų buvo kompiuterizuotos ir siūlo viešąją interneto prieigą."
    ),
    "summary_en": (
        "The project removed the disparities between rural and urban information "
        "infrastructure: many public libraries were computerised and offer public internet "
        "access."
    ),
    "start_date": date(2008, 1, 1),
    "end_date": date(2011, 12, 31),
    "status": ProgrammeStatus.PAST,
}
BP1_VALUES = [(Decimal("112000000"), "LTL", True, "apie", "about", CONFERENCE_PAGE)]


@transaction.atomic
def load() -> None:
    predecessor = upsert_programme(BP1, BP1_VALUES, tasks=[])
    current = upsert_programme(
        {
            **BP2,
            "description_lt": (DATA_DIR / "about_bp2_lt.txt").read_text(encoding="utf-8").strip(),
            "description_en": (DATA_DIR / "about_bp2_en.txt").read_text(encoding="utf-8").strip(),
            "predecessor": predecessor,
        },
        BP2_VALUES,
        tasks=BP2_TASKS,
    )
    load_participants(current, predecessor)


def upsert_programme(
    fields: dict[str, object],
    values: list[tuple[Decimal, str, bool, str, str, str]],
    *,
    tasks: list[tuple[str, str]],
) -> Programme:
    data = dict(fields)
    programme, _ = Programme.objects.update_or_create(code=data.pop("code"), defaults=data)
    as_of = programme.start_date
    for order, (amount, currency, approximate, note_lt, note_en, source) in enumerate(values):
        ProgrammeValue.objects.update_or_create(
            programme=programme,
            order=order,
            defaults={
                "amount": amount,
                "currency": currency,
                "as_of": as_of,
                "is_approximate": approximate,
                "note_lt": note_lt,
                "note_en": note_en,
                "source": source,
            },
        )
    for order, (text_lt, text_en) in enumerate(tasks, start=1):
        ProgrammeTask.objects.update_or_create(
            programme=programme, order=order, defaults={"text_lt": text_lt, "text_en": text_en}
        )
    return programme


def load_participants(current: Programme, predecessor: Programme) -> None:
    lnb = Organisation.objects.get(name=NATIONAL_LIBRARY["name"])
    gates = upsert_organisation(**GATES)
    ministry = upsert_organisation(**MINISTRY)
    participations = [
        (current, lnb, ParticipantRole.IMPLEMENTER),
        (current, gates, ParticipantRole.FUNDER),
        (current, ministry, ParticipantRole.CO_FUNDER),
        (predecessor, lnb, ParticipantRole.IMPLEMENTER),
        (predecessor, gates, ParticipantRole.FUNDER),
        (
            predecessor,
            upsert_organisation(
                name="Lietuvos Respublikos Vyriausybė",
                name_en="Government of the Republic of Lithuania",
                kind=OrganisationKind.MINISTRY,
            ),
            ParticipantRole.CO_FUNDER,
        ),
        (
            predecessor,
            upsert_organisation(name="Microsoft", kind=OrganisationKind.BUSINESS),
            ParticipantRole.PARTNER,
        ),
    ]
    participations += [
        (current, upsert_organisation(name=name, kind=kind), ParticipantRole.PARTNER)
        for name, kind in BP2_PARTNERS
    ]
    for order, (programme, organisation, role) in enumerate(participations):
        Participant.objects.update_or_create(
            programme=programme, organisation=organisation, role=role, defaults={"order": order}
        )
