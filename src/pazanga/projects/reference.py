"""The indicator catalogue: what the programme's library projects counted, 2014–2016.

The set and its real totals come from ../shared/seed/bp2_facts.csv (the programme's final
presentation and the national library's news of 2016); `load()` is idempotent.
"""

from pazanga.projects.enums import Aggregation, Disaggregation
from pazanga.projects.models import Indicator

SOURCE = "https://slideplayer.com./amp/13885423"
NEWS = (
    "https://www.lnb.lt/en/news/1768-three-year-innovation-project-has-changed-the-"
    "lithuanian-libraries-beyond-recognition"
)
PEOPLE = [Disaggregation.SEX, Disaggregation.AGE_GROUP]
# (code, name lt, name en, unit lt, unit en, aggregation, disaggregations, source, real total)
CATALOGUE = (
    (
        "people_trained",
        "Apmokyti žmonės",
        "People trained",
        "žmonės",
        "people",
        Aggregation.SUM,
        [*PEOPLE, Disaggregation.FIELD],
        SOURCE,
        13248,
    ),
    (
        "lab_participants",
        "Laboratorijų dalyviai",
        "Participants in labs",
        "žmonės",
        "people",
        Aggregation.SUM,
        [*PEOPLE, Disaggregation.FIELD],
        SOURCE,
        22143,
    ),
    (
        "events",
        "Surengti renginiai",
        "Events organised",
        "renginiai",
        "events",
        Aggregation.SUM,
        [],
        SOURCE,
        1190,
    ),
    (
        "event_participants",
        "Renginių dalyviai",
        "Event participants",
        "žmonės",
        "people",
        Aggregation.SUM,
        PEOPLE,
        NEWS,
        40000,
    ),
    (
        "services",
        "Naujos ar atnaujintos paslaugos",
        "New or upgraded services",
        "paslaugos",
        "services",
        Aggregation.SUM,
        [],
        SOURCE,
        91,
    ),
    (
        "products",
        "Sukurti produktai ar priemonės",
        "Products or tools developed",
        "produktai",
        "products",
        Aggregation.SUM,
        [],
        SOURCE,
        215,
    ),
    (
        "libraries_involved",
        "Įsitraukusios bibliotekos",
        "Libraries involved",
        "bibliotekos",
        "libraries",
        Aggregation.DISTINCT,
        [],
        NEWS,
        1000,
    ),
    (
        "satisfaction",
        "Dalyvių pasitenkinimas (1–5)",
        "Participants' satisfaction (1–5)",
        "balai",
        "points",
        Aggregation.MEAN,
        [],
        "",
        None,
    ),
)
# The real totals of 2014–2016 (None: the programme published no total).
REAL_TOTALS = {row[0]: row[8] for row in CATALOGUE}


def load() -> None:
    for position, (
        code,
        name_lt,
        name_en,
        unit_lt,
        unit_en,
        how,
        parts,
        source,
        _total,
    ) in enumerate(CATALOGUE):
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name_lt": name_lt,
                "name_en": name_en,
                "unit_lt": unit_lt,
                "unit_en": unit_en,
                "aggregation": how,
                "disaggregations": [str(part) for part in parts],
                "position": position,
                "source": source,
            },
        )
