# ruff: noqa: PLR2004 (the numbers are the demo model's shares and effects)
"""Demo surveys, clearly marked (`Study.is_demo`), the same on every machine.

- The population survey (16–74), waves POP-2014, POP-2015 and POP-2016: about 1,500
  respondents each, stratified by county × urban/rural, clusters of about ten people in a
  municipality, older people and women over-represented as in real fieldwork, raked to
  age group, sex and urban/rural margins. The answers are drawn so that the weighted share
  of people who had not used the internet in the last 3 months is Statistics Lithuania's
  27.9 %, 28.6 % and 25.6 % (the intercept of the model is set after weighting, which does
  not depend on the answers).
- The survey of library internet users (on library computers), LIB-2014/2015/2016: about
  1,000 per wave, libraries as clusters, no population margins.
- A librarian panel, STAFF-2015: the demo's library staff answer a short questionnaire
  through the questionnaire engine (submitted responses), taken into the wave as a
  researcher does.

Each wave goes through the same services a researcher uses (data version, weighting,
publication); the estimates follow through the task queue after commit.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

import stats
from pazanga.directory.models import Municipality
from pazanga.impact import reference, rules
from pazanga.impact.enums import StudyKind, WaveMode, WaveRound, WaveStatus
from pazanga.impact.models import CalibrationTarget, Study, Wave
from pazanga.impact.services import intake
from pazanga.impact.workflow import transition
from pazanga.programme.models import Programme
from pazanga.projects.queries import funded_municipality_codes

SOURCE = "Lietuvos statistikos departamentas (suapvalinta, demonstraciniai duomenys)"
# Share of the 16-74 population by county and the urban share within it (rounded).
COUNTIES = {
    "LT-VL": (0.285, 0.80),
    "LT-KU": (0.200, 0.70),
    "LT-KL": (0.112, 0.72),
    "LT-SA": (0.098, 0.62),
    "LT-PN": (0.083, 0.57),
    "LT-AL": (0.049, 0.58),
    "LT-MR": (0.049, 0.45),
    "LT-UT": (0.046, 0.55),
    "LT-TE": (0.050, 0.48),
    "LT-TA": (0.028, 0.42),
}
AGE_GROUPS = ("16-29", "30-44", "45-59", "60-74")
POPULATION_2014 = {
    "age_group": {"16-29": 520_000, "30-44": 560_000, "45-59": 650_000, "60-74": 480_000},
    "sex": {"female": 1_170_000, "male": 1_040_000},
    "urban_rural": {"urban": 1_480_000, "rural": 730_000},
}
# code, year, round, fieldwork, population scale, weighted share not online in 3 months
POPULATION_WAVES = (
    ("POP-2014", 2014, WaveRound.BASELINE, (date(2014, 3, 10), date(2014, 4, 20)), 1.0, 0.279),
    ("POP-2015", 2015, WaveRound.MIDLINE, (date(2015, 3, 9), date(2015, 4, 19)), 0.985, 0.286),
    ("POP-2016", 2016, WaveRound.ENDLINE, (date(2016, 3, 7), date(2016, 4, 17)), 0.97, 0.256),
)
LIBRARY_WAVES = (
    ("LIB-2014", 2014, WaveRound.BASELINE, (date(2014, 5, 5), date(2014, 6, 15))),
    ("LIB-2015", 2015, WaveRound.MIDLINE, (date(2015, 5, 4), date(2015, 6, 14))),
    ("LIB-2016", 2016, WaveRound.ENDLINE, (date(2016, 5, 2), date(2016, 6, 12))),
)
SAMPLE = 1500
CLUSTER = 10
LIBRARY_SAMPLE = 1000
# The sample's age and sex make-up (fieldwork reaches older people and women more easily).
SAMPLE_AGE = (0.17, 0.23, 0.31, 0.29)
SAMPLE_FEMALE = 0.58


def load(rng: random.Random) -> None:
    programme = Programme.objects.current()
    if programme is None or Study.objects.filter(programme=programme, is_demo=True).exists():
        return
    reference.load_indicators(programme)
    generator = np.random.default_rng(rng.getrandbits(64))
    municipalities = municipalities_by_county()
    if not municipalities:
        return
    funded = funded_municipality_codes(programme)
    load_population(programme, generator, municipalities, funded)
    load_library_users(programme, generator, municipalities)
    load_librarian_panel(programme, generator)


def municipalities_by_county() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for code, county in Municipality.objects.values_list("code", "county__code").order_by("code"):
        found.setdefault(county, []).append(code)
    return {county: codes for county, codes in found.items() if county in COUNTIES}


def margins_for(scale: float) -> dict[str, dict[str, int]]:
    """The 2014 margins scaled, each variable adding up to the same total."""
    total = round(sum(POPULATION_2014["sex"].values()) * scale)
    margins = {}
    for variable, counts in POPULATION_2014.items():
        scaled = {category: round(count * scale) for category, count in counts.items()}
        last = list(scaled)[-1]
        scaled[last] += total - sum(scaled.values())
        margins[variable] = scaled
    return margins


def new_wave(study: Study, code: str, year: int, round_: str, dates: Sequence[date]) -> Wave:
    return Wave.objects.create(
        study=study,
        code=code,
        year=year,
        round=round_,
        fieldwork_start=dates[0],
        fieldwork_end=dates[1],
        mode=WaveMode.IMPORT if study.kind == StudyKind.POPULATION else WaveMode.WEB,
    )


def load_population(
    programme: Programme,
    generator: np.random.Generator,
    municipalities: dict[str, list[str]],
    funded: set[str],
) -> None:
    study = Study.objects.create(
        programme=programme,
        code="population",
        kind=StudyKind.POPULATION,
        name_lt="Gyventojų apklausa",
        name_en="Population survey",
        population_lt="Lietuvos gyventojai nuo 16 iki 74 metų",
        population_en="Residents of Lithuania aged 16 to 74",
        is_demo=True,
    )
    for code, year, round_, dates, scale, nonuse in POPULATION_WAVES:
        wave = new_wave(study, code, year, round_, dates)
        margins = margins_for(scale)
        CalibrationTarget.objects.bulk_create(
            CalibrationTarget(
                wave=wave,
                variable=variable,
                category=category,
                population=count,
                source=SOURCE,
                year=year,
            )
            for variable, counts in margins.items()
            for category, count in counts.items()
        )
        columns = population_sample(generator, municipalities, funded, margins, year, nonuse)
        publish(wave, columns, f"{code}.sav")


def publish(wave: Wave, columns: dict[str, list[Any]], name: str) -> None:
    from pazanga.impact.services.weighting import weight_wave

    questions = [
        c for c in columns if c not in ("respondent", "stratum", "psu", "base_weight", *PEOPLE)
    ]
    intake.save_dataset(
        wave,
        columns,
        name=name,
        kind="demo",
        mapping={"roles": {}, "questions": questions},
        value_labels={},
        actor=None,
    )
    weight_wave(wave, actor=None)
    transition(wave, WaveStatus.PUBLISHED, actor=None)


PEOPLE = ("county", "municipality", "urban_rural", "age_group", "sex", "education")


def population_sample(  # noqa: PLR0917 (the wave's parameters, each needed)
    generator: np.random.Generator,
    municipalities: dict[str, list[str]],
    funded: set[str],
    margins: dict[str, dict[str, int]],
    year: int,
    nonuse: float,
) -> dict[str, list[Any]]:
    total = sum(margins["sex"].values())
    strata = [
        (county, setting, total * share * (urban if setting == "urban" else 1 - urban))
        for county, (share, urban) in COUNTIES.items()
        if county in municipalities
        for setting in ("urban", "rural")
    ]
    # Rural strata are over-sampled by half, so the weights differ between strata.
    sizes = rules.allocate(
        SAMPLE,
        [
            rules.Stratum(f"{c}-{s}", population * (1.5 if s == "rural" else 1.0))
            for c, s, population in strata
        ],
    )
    rows: dict[str, list[Any]] = {name: [] for name in ("respondent", "stratum", "psu")}
    rows |= {name: [] for name in ("base_weight", *PEOPLE)}
    number = 0
    for (county, setting, population), size in zip(strata, sizes, strict=True):
        clusters = max(2, round(size / CLUSTER))
        for k in range(clusters):
            municipality = str(generator.choice(municipalities[county]))
            members = size // clusters + (1 if k < size % clusters else 0)
            for _ in range(members):
                number += 1
                rows["respondent"].append(f"{year}-{number:05d}")
                rows["stratum"].append(f"{county}-{setting}")
                rows["psu"].append(f"{county}-{setting}-{k + 1:02d}")
                rows["base_weight"].append(round(population / size, 4))
                rows["county"].append(county)
                rows["municipality"].append(municipality)
                rows["urban_rural"].append(setting)
    n = number
    age = generator.choice(len(AGE_GROUPS), size=n, p=SAMPLE_AGE)
    rows["age_group"] = [AGE_GROUPS[a] for a in age]
    rows["sex"] = ["female" if f else "male" for f in generator.random(n) < SAMPLE_FEMALE]
    rural = np.array([s == "rural" for s in rows["urban_rural"]])
    high_share = np.where(rural, 0.18, 0.36) * np.array([1.2, 1.15, 0.9, 0.6])[age]
    low_share = np.where(rural, 0.22, 0.10) * np.array([0.5, 0.7, 1.1, 1.9])[age]
    draw = generator.random(n)
    education = np.where(draw < high_share, 2, np.where(draw < high_share + low_share, 0, 1))
    rows["education"] = [("low", "medium", "high")[e] for e in education]
    grant = np.array([m in funded for m in rows["municipality"]])
    since = year - 2014
    # Non-use of the internet: older, rural and less educated people more often; the
    # rural and grant-area gaps narrow a little each year.
    score = (
        np.array([-2.6, -1.3, 0.0, 1.6])[age]
        + rural * (0.8 - 0.12 * since)
        + np.array([0.9, 0.0, -0.9])[education]
        - grant * 0.1 * since
    )
    weights = raked_weights(rows, margins)
    u = generator.random(n)
    shift = intercept_for(score, u, weights, nonuse)
    offline = u < 1 / (1 + np.exp(-(score + shift)))
    kind = generator.random(n)
    last_use = np.where(offline, np.where(kind < 0.12, 2, np.where(kind < 0.3, 3, 4)), 1)
    rows["internet_last_use"] = [int(v) for v in last_use]
    weekly = ~offline & (generator.random(n) < 0.9)
    rows["internet_weekly"] = [int(v) for v in weekly]
    library = generator.random(n) < 1 / (1 + np.exp(-(-1.2 + 0.3 * rural - 0.4 * (age == 3))))
    rows["library_use_12m"] = [int(v) for v in library]
    computer = library & ~offline & (generator.random(n) < 0.45)
    rows["library_computer_12m"] = [int(v) for v in computer]
    return rows


def raked_weights(rows: dict[str, list[Any]], margins: dict[str, dict[str, int]]) -> Any:
    design = stats.Design.build(
        np.asarray(rows["base_weight"], dtype=float),
        strata=rows["stratum"],
        clusters=[rows["psu"]],
    )
    parts = [stats.Margin(name, rows[name], totals) for name, totals in margins.items()]
    return stats.rake(design, parts, tolerance=1e-10, max_iterations=200).design.weights


def intercept_for(score: Any, u: Any, weights: Any, target: float) -> float:
    """The shift of the model that makes the weighted share of `u < p` equal `target`
    (bisection: the share grows with the shift)."""
    low, high = -20.0, 20.0
    for _ in range(80):
        middle = (low + high) / 2
        share = float(weights[u < 1 / (1 + np.exp(-(score + middle)))].sum() / weights.sum())
        low, high = (middle, high) if share < target else (low, middle)
    return (low + high) / 2


def load_library_users(
    programme: Programme, generator: np.random.Generator, municipalities: dict[str, list[str]]
) -> None:
    study = Study.objects.create(
        programme=programme,
        code="library-users",
        kind=StudyKind.LIBRARY_USERS,
        name_lt="Bibliotekų interneto lankytojų apklausa",
        name_en="Survey of library internet users",
        population_lt="Viešųjų bibliotekų kompiuterių ir interneto naudotojai",
        population_en="People using public libraries' computers and internet",
        is_demo=True,
    )
    for code, year, round_, dates in LIBRARY_WAVES:
        wave = new_wave(study, code, year, round_, dates)
        publish(wave, library_sample(generator, municipalities, year), f"{code}.csv")


def library_sample(
    generator: np.random.Generator, municipalities: dict[str, list[str]], year: int
) -> dict[str, list[Any]]:
    """Users answering on screen in 100 libraries (10 per county), ten each."""
    rows: dict[str, list[Any]] = {name: [] for name in ("respondent", "stratum", "psu")}
    rows |= {name: [] for name in ("base_weight", *PEOPLE)}
    number = 0
    for county in sorted(municipalities):
        for k in range(LIBRARY_SAMPLE // 100):
            municipality = str(generator.choice(municipalities[county]))
            setting = "urban" if generator.random() < 0.5 else "rural"
            visits = float(generator.integers(800, 6000))
            for _ in range(10):
                number += 1
                rows["respondent"].append(f"U{year}-{number:05d}")
                rows["stratum"].append(county)
                rows["psu"].append(f"{county}-{k + 1:02d}")
                rows["base_weight"].append(visits / 10)
                rows["county"].append(county)
                rows["municipality"].append(municipality)
                rows["urban_rural"].append(setting)
    n = number
    age = generator.choice(len(AGE_GROUPS), size=n, p=(0.38, 0.24, 0.22, 0.16))
    rows["age_group"] = [AGE_GROUPS[a] for a in age]
    rows["sex"] = ["female" if f else "male" for f in generator.random(n) < 0.6]
    rows["education"] = [
        ("low", "medium", "high")[e] for e in generator.choice(3, size=n, p=(0.2, 0.5, 0.3))
    ]
    since = year - 2014
    for name, share in (
        ("used_egov", 0.30 + 0.04 * since),
        ("used_health", 0.35),
        ("used_job", 0.22 + 0.02 * since),
        ("used_learning", 0.40),
        ("used_contact", 0.55),
    ):
        rows[name] = [int(v) for v in generator.random(n) < share]
    egov = np.asarray(rows["used_egov"]) == 1
    rows["benefit_egov"] = [int(v) for v in egov & (generator.random(n) < 0.7)]
    return rows


PANEL_QUESTIONS = (
    (
        "trained_digital",
        "Ar dalyvavote mokymuose apie skaitmenines paslaugas?",
        "Did you take part in training on digital services?",
        0.7,
    ),
    (
        "teaches_eservices",
        "Ar mokote lankytojus naudotis e. paslaugomis?",
        "Do you teach visitors to use e-services?",
        0.55,
    ),
    (
        "wifi_for_visitors",
        "Ar jūsų bibliotekoje lankytojams veikia belaidis internetas?",
        "Does your library offer Wi-Fi to visitors?",
        0.8,
    ),
)
PANEL_SIZE = 400
VILNIUS = ZoneInfo("Europe/Vilnius")


def load_librarian_panel(programme: Programme, generator: np.random.Generator) -> None:
    """The demo's library staff answer the panel questionnaire on the web."""
    from pazanga.impact.services import web
    from pazanga.programme.enums import AssignmentStatus, Role
    from pazanga.programme.models import RoleAssignment
    from pazanga.questionnaires.enums import (
        Purpose,
        QuestionnaireStatus,
        QuestionType,
        ResponseStatus,
    )
    from pazanga.questionnaires.models import Choice, ChoiceList, Question, Questionnaire, Response

    people = list(
        RoleAssignment.objects.filter(
            programme=programme, role=Role.LIBRARY_STAFF, status=AssignmentStatus.CONFIRMED
        )
        .order_by("pk")
        .values_list("user_id", flat=True)
        .distinct()[:PANEL_SIZE]
    )
    if not people:
        return
    questionnaire = Questionnaire.objects.create(
        programme=programme,
        code="impact-librarian-panel",
        title_lt="Bibliotekininkų apklausa",
        title_en="Librarian panel",
        purpose=Purpose.SURVEY,
        status=QuestionnaireStatus.PUBLISHED,
        is_demo=True,
    )
    yes_no = ChoiceList.objects.create(questionnaire=questionnaire, name="yes_no")
    for position, (name, lt, en) in enumerate((("1", "Taip", "Yes"), ("0", "Ne", "No"))):
        Choice.objects.create(
            choice_list=yes_no, name=name, label_lt=lt, label_en=en, position=position
        )
    for position, (name, lt, en, _share) in enumerate(PANEL_QUESTIONS):
        Question.objects.create(
            questionnaire=questionnaire,
            name=name,
            type=QuestionType.SELECT_ONE,
            choice_list=yes_no,
            label_lt=lt,
            label_en=en,
            required=True,
            position=position,
        )
    answers = generator.random((len(people), len(PANEL_QUESTIONS)))
    Response.objects.bulk_create(
        Response(
            questionnaire=questionnaire,
            respondent_id=user,
            status=ResponseStatus.SUBMITTED,
            answers={
                name: "1" if answers[i, j] < share else "0"
                for j, (name, _lt, _en, share) in enumerate(PANEL_QUESTIONS)
            },
            submitted_at=datetime(2015, 10, 20, 12, tzinfo=VILNIUS),
            is_demo=True,
        )
        for i, user in enumerate(people)
    )
    study = Study.objects.create(
        programme=programme,
        code="librarian-panel",
        kind=StudyKind.LIBRARY_STAFF,
        name_lt="Bibliotekininkų apklausa",
        name_en="Librarian panel",
        population_lt="Viešųjų bibliotekų darbuotojai",
        population_en="Staff of public libraries",
        is_demo=True,
    )
    wave = Wave.objects.create(
        study=study,
        code="STAFF-2015",
        year=2015,
        round=WaveRound.MIDLINE,
        fieldwork_start=date(2015, 10, 5),
        fieldwork_end=date(2015, 10, 30),
        mode=WaveMode.WEB,
        questionnaire=questionnaire,
    )
    from pazanga.impact.services.weighting import weight_wave

    web.collect_web_answers(wave, actor=None)
    weight_wave(wave, actor=None)
    transition(wave, WaveStatus.PUBLISHED, actor=None)
