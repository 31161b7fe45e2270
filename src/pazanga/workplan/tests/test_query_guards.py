"""Every list page's queries stay the same with 1 and 3 items (pinned counts)."""

from datetime import date
from itertools import count

import pytest
from django.urls import reverse

from pazanga.events.tests.factories import EventFactory
from pazanga.workplan.tests.factories import (
    ActivityFactory,
    BudgetLineFactory,
    ResultIndicatorFactory,
    ResultTargetFactory,
    link,
)

pytestmark = pytest.mark.django_db
NUMBERS = count(1)


@pytest.fixture
def add_activity(programme):
    """An activity with a milestone after it, an event linked and a budget line."""

    def add() -> str:
        number = next(NUMBERS)
        activity = ActivityFactory(
            programme=programme,
            number=str(number),
            name_lt=f"Veikla {number}",
            name_en=f"Activity {number}",
        )
        milestone = ActivityFactory(
            programme=programme,
            number=f"{number}.1",
            parent=activity,
            name_lt=f"Gairė {number}",
            planned_start=date(2014, 6, 1),
            planned_end=date(2014, 6, 1),
            is_milestone=True,
        )
        milestone.depends_on.add(activity)
        link(activity, EventFactory(programme=programme))
        BudgetLineFactory(activity=activity)
        return f"Veikla {number}"

    return add


@pytest.mark.parametrize(
    ("url", "pinned"),
    [
        ("/lt/workplan/", 7),
        ("/lt/workplan/gantt.svg", 6),
        ("/lt/workplan/milestones.ics", 2),
        ("/lt/workplan/budget/", 4),
    ],
)
def test_the_public_plan_pages(client, query_guard, add_activity, url, pinned):
    def add() -> str:
        text = add_activity()
        return "Gairė" if "ics" in url else ("LTL" if "budget" in url else text)

    query_guard(lambda: client.get(url), add, pinned=pinned)


def test_the_staff_plan(client_of, staff_member, query_guard, add_activity):
    client = client_of(staff_member)
    query_guard(lambda: client.get(reverse("workplan:manage")), add_activity, pinned=10)


def test_the_results_framework(client, query_guard, programme):
    """Indicators the team reports add no query; each indicator counted from records adds
    one grouped query (results.actuals), bounded by the framework's short, fixed list."""
    numbers = count(1)

    def add() -> str:
        number = next(numbers)
        indicator = ResultIndicatorFactory(programme=programme, name_lt=f"Rodiklis {number}")
        ResultTargetFactory(indicator=indicator)
        return f"Rodiklis {number}"

    query_guard(lambda: client.get(reverse("workplan:framework")), add, pinned=3)
