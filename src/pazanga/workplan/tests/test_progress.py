"""Progress from the records an activity produced, the results framework's actuals from the
platform's records, and the real plan loaded from the sources."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from pazanga.events.enums import EventStatus
from pazanga.events.tests.factories import EventFactory
from pazanga.projects import reference as project_reference
from pazanga.projects.tests.factories import awarded_grant, call_for
from pazanga.workplan import progress, reference, results
from pazanga.workplan.enums import Measure
from pazanga.workplan.models import Activity, ActivityLink, ResultIndicator
from pazanga.workplan.tests.factories import ActivityFactory, ResultIndicatorFactory, link

pytestmark = pytest.mark.django_db
VILNIUS = ZoneInfo("Europe/Vilnius")
NOW = datetime(2015, 6, 1, 12, 0, tzinfo=VILNIUS)


def held_and_planned(programme):  # type: ignore[no-untyped-def]
    held = EventFactory(
        programme=programme,
        starts_at=datetime(2015, 5, 1, 9, tzinfo=VILNIUS),
        ends_at=datetime(2015, 5, 1, 16, tzinfo=VILNIUS),
    )
    planned = EventFactory(
        programme=programme,
        starts_at=datetime(2015, 9, 1, tzinfo=VILNIUS),
        ends_at=datetime(2015, 9, 1, 16, tzinfo=VILNIUS),
    )
    cancelled = EventFactory(
        programme=programme,
        status=EventStatus.CANCELLED,
        starts_at=datetime(2015, 4, 1, 9, tzinfo=VILNIUS),
        ends_at=datetime(2015, 4, 1, 16, tzinfo=VILNIUS),
    )
    return held, planned, cancelled


def test_events_count_once_held(programme, plan):
    for event in held_and_planned(programme):
        link(plan["activity"], event)
    records = progress.linked_records(ActivityLink.objects.all(), NOW)
    assert sorted(r.done for r in records[plan["activity"].pk]) == [0, 0, 1]
    shares = progress.shares(list(Activity.objects.all()), records, NOW.date())
    third = Decimal(1) / 3
    assert shares[plan["activity"].pk] == third
    # The component has no records: its children's progress weighted by planned length
    # (the milestone, one day and finished nowhere, says nothing).
    assert abs(shares[plan["component"].pk] - third) < Decimal("1e-20")


def test_a_finished_activity_without_records_is_complete(plan):
    plan["milestone"].actual_start = plan["milestone"].actual_end = date(2015, 2, 25)
    plan["milestone"].save()
    shares = progress.shares(list(Activity.objects.all()), {}, NOW.date())
    assert shares[plan["milestone"].pk] == 1
    assert shares[plan["activity"].pk] is None


@time_machine.travel(datetime(2016, 1, 15, 12, 0, tzinfo=VILNIUS), tick=False)
def test_a_call_counts_projects_closed_of_those_awarded(programme, plan, library_a, library_b):
    project_reference.load()
    call = call_for(programme)
    awarded_grant(call, library_a)
    awarded_grant(call, library_b, number=2)
    link(plan["activity"], call)
    [record] = progress.linked_records(ActivityLink.objects.all())[plan["activity"].pk]
    assert (record.done, record.planned) == (0, 2)


def test_a_kind_of_record_without_a_reader_is_left_out(plan, programme):
    from django.contrib.contenttypes.models import ContentType

    ActivityLink.objects.create(
        activity=plan["activity"],
        content_type=ContentType.objects.get_for_model(type(programme)),
        object_id=programme.pk,
    )
    assert progress.linked_records(ActivityLink.objects.all()) == {}


@time_machine.travel(NOW, tick=False)
def test_the_framework_counts_events_by_year_and_says_when_demo_data_counts(programme):
    held_and_planned(programme)
    EventFactory(
        programme=programme,
        starts_at=datetime(2014, 3, 1, 9, tzinfo=VILNIUS),
        ends_at=datetime(2014, 3, 1, 16, tzinfo=VILNIUS),
        is_demo=True,
    )
    ResultIndicatorFactory(programme=programme, code="events", measure=Measure.EVENTS_HELD)
    [row] = results.framework(programme).rows
    assert [cell.actual for cell in row.years] == [None, Decimal(1), Decimal(1), None]
    assert row.total_actual == 2
    assert row.demo


def test_the_framework_counts_grants_awarded_in_their_year(programme, library_a):
    project_reference.load()
    with time_machine.travel(datetime(2015, 6, 1, tzinfo=VILNIUS), tick=False):
        awarded_grant(call_for(programme), library_a)
    ResultIndicatorFactory(programme=programme, code="grants", measure=Measure.GRANTS_AWARDED)
    [row] = results.framework(programme).rows
    assert (
        dict(zip(results.programme_years(programme), [c.actual for c in row.years], strict=True))[
            2015
        ]
        == 1
    )
    assert not row.demo


def test_the_real_plan_loads_once_with_its_sources_and_links(programme):
    from pazanga.events import reference as event_reference

    event_reference.load()
    reference.load()
    reference.load()
    plan = {a.number: a for a in Activity.objects.all()}
    assert len(plan) == len(reference.PLAN)
    assert not any(a.is_demo for a in plan.values())
    launch = plan["1.2"]
    assert launch.is_milestone and launch.planned_end == date(2014, 2, 25)
    assert plan["1.3"].planned_end == date(2016, 12, 8)
    assert [a.number for a in launch.depends_on.all()] == ["1.1"]
    assert launch.links.get().record.slug == "bp2-2014"
    assert all(a.source.startswith("http") for a in plan.values())
    grants = ResultIndicator.objects.get(code="grants-awarded")
    target = grants.targets.get(year=2015)
    assert (target.target, target.reported) == (30, 45)  # planned 30, approved 45 (2015)


def test_an_activity_reads_its_status_from_its_dates():
    activity = ActivityFactory.build(planned_start=date(2014, 1, 1), planned_end=date(2014, 6, 30))
    assert activity.progress_on(date(2013, 12, 1)) == "planned"
    assert activity.progress_on(date(2014, 3, 1)) == "under_way"
    assert activity.progress_on(date(2014, 7, 1)) == "late"
    activity.actual_start, activity.actual_end = date(2014, 1, 1), date(2014, 7, 3)
    assert activity.progress_on(date(2014, 7, 1)) == "done"


def test_a_survey_wave_counts_its_steps_to_publication(plan, programme):
    from pazanga.impact.enums import WaveStatus
    from pazanga.impact.tests.factories import StudyFactory, WaveFactory

    study = StudyFactory(programme=programme)
    weighted = WaveFactory(study=study, code="POP-2014", status=WaveStatus.WEIGHTED)
    planned = WaveFactory(study=study, code="POP-2016", year=2016)
    for wave in (weighted, planned):
        link(plan["activity"], wave)
    records = progress.linked_records(ActivityLink.objects.all(), NOW)[plan["activity"].pk]
    assert sorted((r.title.split(" · ")[0], r.done, r.planned) for r in records) == [
        ("POP-2014", 3, 4),
        ("POP-2016", 0, 4),
    ]
    assert {r.url for r in records} == {"/lt/impact/"}
