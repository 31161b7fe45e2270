"""The workplan's pages through the real views: what each shows, in both languages."""

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from pazanga.events.tests.factories import EventFactory
from pazanga.workplan import services
from pazanga.workplan.models import ActivityLink, Baseline
from pazanga.workplan.tests.factories import BudgetLineFactory, link

pytestmark = pytest.mark.django_db
VILNIUS = ZoneInfo("Europe/Vilnius")


@time_machine.travel(datetime(2014, 7, 1, 12, 0, tzinfo=VILNIUS), tick=False)
def test_the_public_plan_shows_the_chart_with_todays_line_and_each_activity(client, plan):
    response = client.get("/lt/workplan/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="gantt"' in page and 'class="gantt-today"' in page
    assert "1.1 Pirmųjų metų mokymai" in page
    assert "2015 m. vasario 25 d." in page  # the milestone's date, written the Lithuanian way
    assert 'class="gantt-dependency"' in page
    english = client.get("/en/workplan/").content.decode()
    assert "1.1 First-year training" in english and "25 February 2015" in english


def test_today_outside_the_plan_is_said_in_words(client, plan):
    page = client.get("/en/workplan/").content.decode()
    assert 'class="gantt-today"' not in page
    assert "is outside the plan's years" in page


def test_slippage_shows_against_the_saved_baseline(client, plan, staff_member):
    services.save_baseline(plan["activity"].programme, "Pradinis", actor=staff_member)
    activity = plan["activity"]
    activity.planned_end = date(2015, 1, 30)
    activity.save()
    page = client.get("/en/workplan/").content.decode()
    assert "30 days late" in page and 'class="gantt-baseline"' in page
    assert "baseline “Pradinis”" in page


def test_the_chart_alone_is_an_svg_file(client, plan):
    response = client.get("/lt/workplan/gantt.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response.content.startswith(b"<?xml")
    assert b"Pirm\xc5\xb3j\xc5\xb3 met\xc5\xb3 mokymai" in response.content


def test_the_milestones_calendar_has_each_milestone_as_an_all_day_event(client, plan):
    response = client.get("/en/workplan/milestones.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Closing event"]
    assert events[0]["dtstart"].dt == date(2015, 2, 25)
    assert events[0]["dtend"].dt == date(2015, 2, 26)


def test_an_activity_shows_its_records_and_their_progress(client, plan, programme):
    held = EventFactory(
        programme=programme,
        title_lt="Seminaras Kaune",
        ends_at=datetime(2014, 5, 20, 16, 0, tzinfo=VILNIUS),
    )
    link(plan["activity"], held)
    page = client.get(reverse("workplan:activity", args=[plan["activity"].pk])).content.decode()
    assert "Seminaras Kaune" in page and "100 %" in page


def test_the_responsible_person_is_shown_to_staff_only(client, client_of, plan, staff_member):
    activity = plan["activity"]
    activity.responsible = staff_member
    activity.save()
    url = reverse("workplan:activity", args=[activity.pk])
    assert "Rasaitė" not in client.get(url).content.decode()
    assert "Rasaitė" in client_of(staff_member).get(url).content.decode()


def test_the_budget_is_by_funder_and_year_with_the_euro_equivalent(client, plan):
    BudgetLineFactory(
        activity=plan["component"], year=2014, amount=Decimal("345280"), currency="LTL"
    )
    BudgetLineFactory(
        activity=plan["component"],
        year=2015,
        amount=Decimal("50000"),
        currency="EUR",
        funder="ministry",
    )
    page = client.get("/en/workplan/budget/").content.decode()
    assert "345,280.00\xa0LTL" in page
    assert "100,000.00\xa0EUR" in page  # 345,280 LTL at 3.45280
    assert "150,000.00\xa0EUR" in page  # the total planned


def test_staff_export_the_plan_as_a_workbook(client_of, staff_member, plan):
    response = client_of(staff_member).get(reverse("workplan:export", args=["xlsx"]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "number"
    assert [row[0] for row in rows[1:]] == ["1", "1.1", "1.2"]
    assert rows[3][10] == "1.1"  # 1.2 waits for 1.1
    assert client_of(staff_member).get("/lt/workplan/manage/plan.pdf").status_code == 404


def test_a_bad_workbook_keeps_nothing_and_says_where(client_of, staff_member, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = b"number,name_lt,planned_start,planned_end\n1.5,Nauja,2015-13-01,2015-12-01\n"
    response = client_of(staff_member).post(
        "/en/workplan/manage/", {"file": SimpleUploadedFile("planas.csv", data)}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported" in page and "is not a date" in page
    assert "<td>2</td><td>3</td>" in page  # row 2, column 3


def test_staff_save_a_baseline_and_link_a_record(client_of, staff_member, plan, programme):
    client = client_of(staff_member)
    client.post(reverse("workplan:baseline"), {"name": "2014 m. planas"})
    assert Baseline.objects.get().entries.count() == 3
    event = EventFactory(programme=programme)
    client.post(
        reverse("workplan:links", args=[plan["activity"].pk]),
        {"record": f"events.event:{event.pk}"},
    )
    found = ActivityLink.objects.get()
    assert found.record == event
    again = client.post(
        reverse("workplan:links", args=[plan["activity"].pk]),
        {"record": f"events.event:{event.pk}"},
    )
    assert again.status_code == 400
    client.post(reverse("workplan:unlink", args=[plan["activity"].pk, found.pk]))
    assert not ActivityLink.objects.exists()
