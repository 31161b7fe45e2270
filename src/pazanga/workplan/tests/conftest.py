import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def language():
    with translation.override("lt"):
        yield


@pytest.fixture
def plan(programme):
    """A component with an activity and a milestone that waits for it."""
    from datetime import date

    from pazanga.workplan.enums import Level
    from pazanga.workplan.tests.factories import ActivityFactory

    component = ActivityFactory(
        programme=programme,
        number="1",
        name_lt="Mokymai",
        name_en="Training",
        planned_start=date(2014, 1, 1),
        planned_end=date(2015, 12, 31),
    )
    activity = ActivityFactory(
        programme=programme,
        number="1.1",
        parent=component,
        level=Level.ACTIVITY,
        name_lt="Pirmųjų metų mokymai",
        name_en="First-year training",
    )
    milestone = ActivityFactory(
        programme=programme,
        number="1.2",
        parent=component,
        level=Level.ACTIVITY,
        name_lt="Baigiamasis renginys",
        name_en="Closing event",
        planned_start=date(2015, 2, 25),
        planned_end=date(2015, 2, 25),
        is_milestone=True,
    )
    milestone.depends_on.add(activity)
    return {"component": component, "activity": activity, "milestone": milestone}
