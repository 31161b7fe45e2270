"""The real workplan of "Bibliotekos pažangai 2": what the sources say was planned and done.

Sources: the announcement of the launch conference (the plan of the three years: launch,
first-year training on eight topics, calls, projects in years two and three, research at
the start, middle and end) and ../shared/seed/bp2_facts.csv (agreement November 2013,
launch 2014-02-25, the 2015 call, the 2015 peer-learning seminar and trainings, the closing
conference 2016-12-08, the formal end 2016-12-31). Where a source gives only the year or
the month, the activity spans that year or month. Components and the demo plan's tasks
below them are in demo.py. Idempotent: activities are matched by programme and number.
"""

from datetime import date

from django.contrib.contenttypes.models import ContentType

from pazanga.programme.models import Programme
from pazanga.workplan.enums import IndicatorLevel, Level, Measure
from pazanga.workplan.models import Activity, ActivityLink, ResultIndicator, ResultTarget

ANNOUNCEMENT = "https://konferencijos.lnb.lt/bp2-2014/"
ACTIVITY_REPORT_2015 = (
    "https://www.lnb.lt/naujienos/1058-projekto-bibliotekos-pazangai-2-2015-metais-"
    "nuveikti-darbai-pristatomi-veiklos-ataskaitoje"
)
PEER_LEARNING = (
    "http://biblioteka.visaginas.lt/index.php/lt/bibliotekos-pazangai-2/"
    "855-bibliotekos-pazangai-2-kolegos-dalijosi-patirtimi"
)
CLOSING = "https://konferencijos.lnb.lt/bp2-2016/"
IMPACT_REPORT = (
    "http://www.lnb.lt/naujienos/1923-pristatyta-projekto-bibliotekos-pazangai-2-poveikio-"
    "vertinimo-ataskaita"
)
NEWS_2016 = (
    "https://www.lnb.lt/en/news/1768-three-year-innovation-project-has-changed-the-"
    "lithuanian-libraries-beyond-recognition"
)
FIRST_YEAR_MODULES = (
    "project-preparation",
    "project-management",
    "user-analysis",
    "innovation",
    "advocacy",
    "publicity",
    "impact-assessment",
    "leadership",
)

# number, level, name lt, name en, planned start, planned end, actual start, actual end,
# milestone, depends on (numbers), source, linked records ((app.model, key), ...)
PLAN: tuple[tuple, ...] = (  # type: ignore[type-arg]
    (
        "1",
        Level.COMPONENT,
        "Projekto valdymas",
        "Project management",
        date(2013, 11, 1),
        date(2016, 12, 31),
        date(2013, 11, 1),
        date(2016, 12, 31),
        False,
        (),
        ANNOUNCEMENT,
        (),
    ),
    (
        "1.1",
        Level.ACTIVITY,
        "LNB ir Bilo ir Melindos Geitsų fondo sutartis pasirašyta",
        "Agreement between LNB and the Bill & Melinda Gates Foundation signed",
        date(2013, 11, 30),
        date(2013, 11, 30),
        date(2013, 11, 30),
        date(2013, 11, 30),
        True,
        (),
        ANNOUNCEMENT,
        (),
    ),
    (
        "1.2",
        Level.ACTIVITY,
        "Projekto pradžios konferencija",
        "Launch conference",
        date(2014, 2, 25),
        date(2014, 2, 25),
        date(2014, 2, 25),
        date(2014, 2, 25),
        True,
        ("1.1",),
        ANNOUNCEMENT,
        (("events.event", "bp2-2014"),),
    ),
    (
        "1.3",
        Level.ACTIVITY,
        "Projekto baigiamoji konferencija",
        "Closing conference",
        date(2016, 12, 8),
        date(2016, 12, 8),
        date(2016, 12, 8),
        date(2016, 12, 8),
        True,
        (),
        CLOSING,
        (("events.event", "bp2-2016"),),
    ),
    (
        "1.4",
        Level.ACTIVITY,
        "Projekto pabaiga",
        "End of the project",
        date(2016, 12, 31),
        date(2016, 12, 31),
        date(2016, 12, 31),
        date(2016, 12, 31),
        True,
        ("1.3",),
        IMPACT_REPORT,
        (),
    ),
    (
        "2",
        Level.COMPONENT,
        "Bibliotekų darbuotojų mokymai",
        "Training of library staff",
        date(2014, 1, 1),
        date(2015, 12, 31),
        date(2014, 1, 1),
        date(2015, 12, 31),
        False,
        (),
        ANNOUNCEMENT,
        (),
    ),
    (
        "2.1",
        Level.ACTIVITY,
        "Pirmųjų metų mokymai aštuoniomis temomis",
        "First-year training on eight topics",
        date(2014, 1, 1),
        date(2014, 12, 31),
        date(2014, 1, 1),
        date(2014, 12, 31),
        False,
        ("1.2",),
        ANNOUNCEMENT,
        tuple(("training.module", code) for code in FIRST_YEAR_MODULES),
    ),
    (
        "2.2",
        Level.ACTIVITY,
        "Pokyčių valdymo mokymai",
        "Change-management training",
        date(2015, 1, 1),
        date(2015, 12, 31),
        date(2015, 1, 1),
        date(2015, 12, 31),
        False,
        ("2.1",),
        ACTIVITY_REPORT_2015,
        (("training.module", "change-management"),),
    ),
    (
        "2.3",
        Level.ACTIVITY,
        "Projektų poveikio vertinimo mokymai",
        "Project impact-assessment training",
        date(2015, 1, 1),
        date(2015, 12, 31),
        date(2015, 1, 1),
        date(2015, 12, 31),
        False,
        ("2.1",),
        ACTIVITY_REPORT_2015,
        (("training.module", "project-impact-assessment"),),
    ),
    (
        "2.4",
        Level.ACTIVITY,
        "Pirmasis kolegų mokymosi (patirties sklaidos) seminaras",
        "First peer-learning (experience-sharing) seminar",
        date(2015, 11, 4),
        date(2015, 11, 5),
        date(2015, 11, 4),
        date(2015, 11, 5),
        False,
        (),
        PEER_LEARNING,
        (),
    ),
    (
        "3",
        Level.COMPONENT,
        "Bendruomenių projektų konkursai ir projektai",
        "Community-project calls and projects",
        date(2014, 1, 1),
        date(2016, 12, 31),
        date(2014, 1, 1),
        date(2016, 12, 31),
        False,
        (),
        ANNOUNCEMENT,
        (),
    ),
    (
        "3.1",
        Level.ACTIVITY,
        "2014 m. konkursas",
        "2014 call for proposals",
        date(2014, 1, 1),
        date(2014, 12, 31),
        date(2014, 1, 1),
        date(2014, 12, 31),
        False,
        ("1.2",),
        ANNOUNCEMENT,
        (),
    ),
    (
        "3.2",
        Level.ACTIVITY,
        "2015 m. konkursas",
        "2015 call for proposals",
        date(2015, 1, 1),
        date(2015, 12, 31),
        date(2015, 1, 1),
        date(2015, 12, 31),
        False,
        ("3.1",),
        ACTIVITY_REPORT_2015,
        (),
    ),
    (
        "3.3",
        Level.ACTIVITY,
        "Laimėjusių projektų įgyvendinimas",
        "Implementation of the winning projects",
        date(2015, 1, 1),
        date(2016, 12, 31),
        date(2015, 1, 1),
        date(2016, 12, 31),
        False,
        ("3.1",),
        ANNOUNCEMENT,
        (),
    ),
    (
        "4",
        Level.COMPONENT,
        "Poveikio vertinimas",
        "Impact assessment",
        date(2014, 1, 1),
        date(2016, 12, 31),
        date(2014, 1, 1),
        date(2016, 12, 31),
        False,
        (),
        ANNOUNCEMENT,
        (),
    ),
    (
        "4.1",
        Level.ACTIVITY,
        "Tyrimas projekto pradžioje",
        "Survey at the start",
        date(2014, 1, 1),
        date(2014, 12, 31),
        date(2014, 1, 1),
        date(2014, 12, 31),
        False,
        (),
        ANNOUNCEMENT,
        (),
    ),
    (
        "4.2",
        Level.ACTIVITY,
        "Tyrimas projekto viduryje",
        "Survey at the middle",
        date(2015, 1, 1),
        date(2015, 12, 31),
        date(2015, 1, 1),
        date(2015, 12, 31),
        False,
        ("4.1",),
        ANNOUNCEMENT,
        (),
    ),
    (
        "4.3",
        Level.ACTIVITY,
        "Tyrimas projekto pabaigoje",
        "Survey at the end",
        date(2016, 1, 1),
        date(2016, 12, 31),
        date(2016, 1, 1),
        date(2016, 12, 31),
        False,
        ("4.2",),
        IMPACT_REPORT,
        (),
    ),
)

# code, level, name lt, name en, unit lt, unit en, measure, measure code, source,
# {year: (target, reported actual)} from the sources
INDICATORS: tuple[tuple, ...] = (  # type: ignore[type-arg]
    (
        "staff-trained",
        IndicatorLevel.OUTPUT,
        "Apmokyti bibliotekų darbuotojai",
        "Library staff trained",
        "darbuotojai",
        "staff",
        Measure.STAFF_TRAINED,
        "",
        ANNOUNCEMENT,
        {},
    ),
    (
        "calls",
        IndicatorLevel.OUTPUT,
        "Paskelbti konkursai",
        "Calls for proposals held",
        "konkursai",
        "calls",
        Measure.CALLS,
        "",
        ANNOUNCEMENT,
        {},
    ),
    (
        "applications",
        IndicatorLevel.OUTPUT,
        "Gautos paraiškos",
        "Applications received",
        "paraiškos",
        "applications",
        Measure.APPLICATIONS,
        "",
        ACTIVITY_REPORT_2015,
        {2015: (None, 57)},
    ),
    (
        "grants-awarded",
        IndicatorLevel.OUTPUT,
        "Finansuoti bendruomenių projektai",
        "Community projects funded",
        "projektai",
        "projects",
        Measure.GRANTS_AWARDED,
        "",
        ACTIVITY_REPORT_2015,
        {2015: (30, 45)},
    ),
    (
        "events-held",
        IndicatorLevel.OUTPUT,
        "Programos konferencijos ir seminarai",
        "Programme conferences and seminars",
        "renginiai",
        "events",
        Measure.EVENTS_HELD,
        "",
        ANNOUNCEMENT,
        {},
    ),
    (
        "people-trained",
        IndicatorLevel.OUTCOME,
        "Bibliotekų projektuose apmokyti žmonės",
        "People trained by the libraries' projects",
        "žmonės",
        "people",
        Measure.PROJECT_INDICATOR,
        "people_trained",
        "https://slideplayer.com./amp/13885423",
        {},
    ),
    (
        "lab-participants",
        IndicatorLevel.OUTCOME,
        "Laboratorijų dalyviai",
        "Participants in labs",
        "žmonės",
        "people",
        Measure.PROJECT_INDICATOR,
        "lab_participants",
        "https://slideplayer.com./amp/13885423",
        {},
    ),
    (
        "libraries-involved",
        IndicatorLevel.IMPACT,
        "Įsitraukusios viešosios bibliotekos",
        "Public libraries involved",
        "bibliotekos",
        "libraries",
        Measure.REPORTED,
        "",
        NEWS_2016,
        {2016: (None, 1000)},
    ),
)


def load() -> None:
    programme = Programme.objects.filter(code="bp2").first()
    if programme is None:
        return
    by_number: dict[str, Activity] = {}
    for position, row in enumerate(PLAN):
        number, level, name_lt, name_en, p_start, p_end, a_start, a_end = row[:8]
        milestone, _depends, source, _links = row[8:]
        parent = by_number.get(number.rpartition(".")[0]) if "." in number else None
        activity, _created = Activity.objects.update_or_create(
            programme=programme,
            number=number,
            defaults={
                "parent": parent,
                "level": level,
                "name_lt": name_lt,
                "name_en": name_en,
                "planned_start": p_start,
                "planned_end": p_end,
                "actual_start": a_start,
                "actual_end": a_end,
                "is_milestone": milestone,
                "position": position * 100,
                "source": source,
                "is_demo": False,
            },
        )
        by_number[number] = activity
    for row in PLAN:
        activity = by_number[row[0]]
        activity.depends_on.set([by_number[number] for number in row[9]])
        for label, key in row[11]:
            link_record(activity, label, key)
    load_indicators(programme)


def link_record(activity: Activity, label: str, key: str) -> None:
    """Link the record named by slug (events) or code (modules, calls), when it exists."""
    from django.apps import apps

    model = apps.get_model(label)
    field = "slug" if label == "events.event" else "code"
    record = model.objects.filter(**{field: key}).first()
    if record is not None:
        ActivityLink.objects.get_or_create(
            activity=activity,
            content_type=ContentType.objects.get_for_model(model),
            object_id=record.pk,
        )


def load_indicators(programme: Programme) -> None:
    for position, row in enumerate(INDICATORS):
        code, level, name_lt, name_en, unit_lt, unit_en, measure, measure_code, source = row[:9]
        indicator, _created = ResultIndicator.objects.update_or_create(
            programme=programme,
            code=code,
            defaults={
                "level": level,
                "name_lt": name_lt,
                "name_en": name_en,
                "unit_lt": unit_lt,
                "unit_en": unit_en,
                "measure": measure,
                "measure_code": measure_code,
                "position": position,
                "source": source,
            },
        )
        for year, (target, reported) in row[9].items():
            ResultTarget.objects.update_or_create(
                indicator=indicator,
                year=year,
                defaults={"target": target, "reported": reported},
            )
