"""Demo workplan data, marked `is_demo`: tasks under the real activities, links to the
demo calls, sessions and funded projects, the budget by funder and year, yearly targets of
the results framework and a first baseline to measure slippage against.

Deterministic (the rng the loader gives) and idempotent (nothing is added twice). The
amounts add up to about the programme's real value (LTL 12.5 million, decision 0084) but
their split by funder, year and activity is invented: no source gives it.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from pazanga.programme.models import Programme
from pazanga.workplan import reference
from pazanga.workplan.enums import Funder, Level
from pazanga.workplan.models import (
    Activity,
    ActivityLink,
    Baseline,
    BaselineEntry,
    BudgetLine,
    ResultIndicator,
    ResultTarget,
)

# parent number, number, name lt, name en, planned start, planned end, done
TASKS = (
    (
        "3.1",
        "3.1.1",
        "Konkurso sąlygų parengimas",
        "Call terms drafted",
        date(2014, 1, 6),
        date(2014, 3, 31),
        True,
    ),
    (
        "3.1",
        "3.1.2",
        "Paraiškų vertinimas",
        "Applications reviewed",
        date(2014, 6, 1),
        date(2014, 8, 31),
        True,
    ),
    (
        "3.1",
        "3.1.3",
        "Finansavimo sprendimas",
        "Funding decision",
        date(2014, 9, 30),
        date(2014, 9, 30),
        True,
    ),
    (
        "3.2",
        "3.2.1",
        "Konkurso sąlygų parengimas",
        "Call terms drafted",
        date(2015, 1, 5),
        date(2015, 2, 27),
        True,
    ),
    (
        "3.2",
        "3.2.2",
        "Paraiškų vertinimas",
        "Applications reviewed",
        date(2015, 5, 1),
        date(2015, 6, 30),
        True,
    ),
    (
        "3.2",
        "3.2.3",
        "Finansavimo sprendimas",
        "Funding decision",
        date(2015, 7, 15),
        date(2015, 7, 15),
        True,
    ),
    (
        "3.3",
        "3.3.1",
        "Tarpinės ataskaitos",
        "Interim reports",
        date(2015, 6, 1),
        date(2016, 3, 31),
        True,
    ),
    (
        "3.3",
        "3.3.2",
        "Galutinės ataskaitos ir rezultatų apibendrinimas",
        "Final reports and summary of results",
        date(2016, 4, 1),
        date(2016, 11, 30),
        True,
    ),
    (
        "4.1",
        "4.1.1",
        "Imties planas ir klausimynas",
        "Sample design and questionnaire",
        date(2014, 1, 6),
        date(2014, 4, 30),
        True,
    ),
    ("4.1", "4.1.2", "Lauko darbai", "Fieldwork", date(2014, 5, 1), date(2014, 7, 31), True),
    (
        "4.1",
        "4.1.3",
        "Pradžios tyrimo ataskaita",
        "Baseline survey report",
        date(2014, 10, 31),
        date(2014, 10, 31),
        True,
    ),
)
# Share of the programme's money by funder (invented); the real total is LTL 12.5 million.
FUNDER_SHARES = {
    Funder.GATES: Decimal("0.80"),
    Funder.MINISTRY: Decimal("0.15"),
    Funder.LNB: Decimal("0.05"),
}
TOTAL_LTL = Decimal(12_500_000)
LTL_PER_EUR = Decimal("3.45280")
EURO_YEAR = 2015  # Lithuania's first year in euro
# component number -> share of the money, and the years it is spent in
COMPONENT_SHARES = {
    "1": Decimal("0.12"),
    "2": Decimal("0.23"),
    "3": Decimal("0.55"),
    "4": Decimal("0.10"),
}
YEARS = (2014, 2015, 2016)
YEAR_SHARES = (Decimal("0.35"), Decimal("0.40"), Decimal("0.25"))
TARGETS = {  # indicator code -> {year: target}
    "staff-trained": {2014: 1200, 2015: 600, 2016: 200},
    "calls": {2014: 1, 2015: 1},
    "applications": {2014: 60},
    "grants-awarded": {2014: 30},
    "events-held": {2014: 1, 2015: 1, 2016: 1},
    "people-trained": {2015: 5000, 2016: 10000},
    "lab-participants": {2015: 8000, 2016: 20000},
    "libraries-involved": {2016: 1000},
}


def load(rng: random.Random) -> None:
    programme = Programme.objects.filter(code="bp2").first()
    if programme is None:
        return
    if not Activity.objects.filter(programme=programme).exists():
        reference.load()
    if Activity.objects.filter(programme=programme, is_demo=True).exists():
        return
    plan = {a.number: a for a in Activity.objects.filter(programme=programme)}
    if not plan:
        return
    for position, (parent, number, name_lt, name_en, start, end, done) in enumerate(TASKS):
        plan[number] = Activity.objects.create(
            programme=programme,
            parent=plan[parent],
            number=number,
            level=Level.TASK,
            name_lt=name_lt,
            name_en=name_en,
            planned_start=start,
            planned_end=end,
            actual_start=start if done else None,
            actual_end=end + timedelta(days=rng.choice((0, 0, 7, 14, 21))) if done else None,
            is_milestone=start == end,
            position=plan[parent].position + position + 1,
            is_demo=True,
        )
    for first, second in (
        ("3.1.1", "3.1.2"),
        ("3.1.2", "3.1.3"),
        ("3.2.1", "3.2.2"),
        ("3.2.2", "3.2.3"),
        ("4.1.1", "4.1.2"),
        ("4.1.2", "4.1.3"),
    ):
        plan[second].depends_on.add(plan[first])
    link_demo_records(programme, plan)
    load_budget(plan)
    load_targets(programme)
    save_first_baseline(programme, plan, rng)


def link_demo_records(programme: Programme, plan: dict[str, Activity]) -> None:
    from pazanga.grants.models import Call
    from pazanga.impact.models import Wave
    from pazanga.projects.models import Grant
    from pazanga.training.models import Session

    def link(activity: Activity, record: object) -> None:
        ActivityLink.objects.get_or_create(
            activity=activity,
            content_type=ContentType.objects.get_for_model(type(record)),
            object_id=record.pk,  # type: ignore[attr-defined]
        )

    for number, code in (("3.1", "BP2-2014"), ("3.2", "BP2-2015")):
        call = Call.objects.filter(programme=programme, code=code).first()
        if call is not None:
            link(plan[number], call)
    for grant in Grant.objects.filter(programme=programme).order_by("pk"):
        link(plan["3.3"], grant)
    for session in Session.objects.filter(event__programme=programme, event__starts_at__year=2014):
        link(plan["2.1"], session)
    # The population surveys at the start, in the middle and at the end.
    for number, code in (("4.1", "POP-2014"), ("4.2", "POP-2015"), ("4.3", "POP-2016")):
        wave = Wave.objects.filter(study__programme=programme, code=code).first()
        if wave is not None:
            link(plan[number], wave)


def load_budget(plan: dict[str, Activity]) -> None:
    for number, component_share in COMPONENT_SHARES.items():
        for year, year_share in zip(YEARS, YEAR_SHARES, strict=True):
            for funder, funder_share in FUNDER_SHARES.items():
                ltl = (TOTAL_LTL * component_share * year_share * funder_share).quantize(
                    Decimal(1000)
                )
                amount, currency = (
                    (ltl, "LTL")
                    if year < EURO_YEAR
                    else (
                        (ltl / LTL_PER_EUR).quantize(Decimal(1)),
                        "EUR",
                    )
                )
                BudgetLine.objects.get_or_create(
                    activity=plan[number],
                    funder=funder,
                    year=year,
                    defaults={"amount": amount, "currency": currency, "is_demo": True},
                )


def load_targets(programme: Programme) -> None:
    for indicator in ResultIndicator.objects.filter(programme=programme):
        for year, target in TARGETS.get(indicator.code, {}).items():
            entry, created = ResultTarget.objects.get_or_create(
                indicator=indicator, year=year, defaults={"target": Decimal(target)}
            )
            if not created and entry.target is None:
                ResultTarget.objects.filter(pk=entry.pk).update(target=Decimal(target))


def save_first_baseline(
    programme: Programme, plan: dict[str, Activity], rng: random.Random
) -> None:
    """The plan as first approved (demo): some tasks were planned to end earlier."""
    baseline = Baseline.objects.create(programme=programme, name="2014-01 (demo)", is_demo=True)
    entries = []
    for activity in plan.values():
        end = activity.planned_end
        if activity.is_demo and not activity.is_milestone:
            end = max(activity.planned_start, end - timedelta(days=rng.choice((0, 14, 30))))
        entries.append(
            BaselineEntry(
                baseline=baseline,
                activity=activity,
                planned_start=activity.planned_start,
                planned_end=end,
            )
        )
    BaselineEntry.objects.bulk_create(entries)
