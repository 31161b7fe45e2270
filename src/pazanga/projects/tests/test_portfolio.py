"""The portfolio's risk flags, filters and search, and the indicator roll-up's arithmetic."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from openpyxl import load_workbook

from pazanga.directory.enums import Settlement
from pazanga.directory.models import County, Municipality
from pazanga.directory.tests.factories import LibraryFactory
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.projects import queries, services
from pazanga.projects.enums import GroupBy, ReportKind, RiskFlag
from pazanga.projects.models import Grant, Indicator
from pazanga.projects.tests.factories import approved, awarded_grant, signed, write_report

pytestmark = pytest.mark.django_db


def writer_for(grant: Grant):  # type: ignore[no-untyped-def]
    return person_with_role(
        Role.LIBRARY_STAFF, email=f"rasytojas{grant.pk}@example.org", organisation=grant.library
    )


@pytest.fixture
def four(call, catalogue, staff_member):
    """Four grants signed in June 2015, each in a different state on 2016-01-15."""
    with time_machine.travel(datetime(2015, 6, 11, 9).astimezone(), tick=False):
        grants = [
            signed(
                awarded_grant(call, LibraryFactory(name=name), number=n, title=title), staff_member
            )
            for n, (name, title) in enumerate(
                [
                    ("Šiaulių biblioteka", "Vėluojanti ataskaita"),
                    ("Kauno biblioteka", "Nesumokėta dalis"),
                    ("Utenos biblioteka", "Mažai išleista"),
                    ("Telšių biblioteka", "Tvarkingas projektas"),
                ],
                start=1,
            )
        ]
    late, unpaid, underspent, fine = grants
    with time_machine.travel(datetime(2016, 1, 10, 9).astimezone(), tick=False):
        # Reports of `unpaid` and `fine` are in; `underspent` spent 3,000 of a 5,000 plan.
        for grant in (unpaid, fine):
            approved(grant.reports.get(kind=ReportKind.INTERIM), writer_for(grant), staff_member)
        approved(
            underspent.reports.get(kind=ReportKind.INTERIM),
            writer_for(underspent),
            staff_member,
            spent=(Decimal(2000), Decimal(1000)),
        )
        write_report(late.reports.get(kind=ReportKind.INTERIM), writer_for(late))
        for grant in (late, underspent, fine):
            for tranche in grant.tranches.filter(status="due"):
                services.approve_tranche(tranche, actor=staff_member)
                services.pay_tranche(
                    tranche, paid_on=date(2016, 1, 10), reference="MP", actor=staff_member
                )
    # `unpaid`'s payments were due for months: due since mid-2015.
    unpaid.tranches.filter(status="due").update(due_since=date(2015, 6, 11))
    return {"late": late, "unpaid": unpaid, "underspent": underspent, "fine": fine}


def flags(grant: Grant) -> list[str]:
    annotated = queries.with_flags(Grant.objects.filter(pk=grant.pk)).get()
    return [flag for flag in RiskFlag.values if getattr(annotated, flag)]


def test_each_risk_is_flagged_where_it_is(four, clock):
    assert flags(four["late"]) == [RiskFlag.REPORT_LATE]
    assert flags(four["unpaid"]) == [RiskFlag.TRANCHE_OVERDUE]
    assert flags(four["underspent"]) == [RiskFlag.UNDERSPENT]
    assert flags(four["fine"]) == []


def test_a_grant_quiet_for_sixty_days_is_flagged(four):
    with time_machine.travel(datetime(2016, 3, 11, 9).astimezone(), tick=False):
        assert RiskFlag.QUIET in flags(four["fine"])
    with time_machine.travel(datetime(2016, 3, 9, 9).astimezone(), tick=False):
        assert RiskFlag.QUIET not in flags(four["fine"])


def test_the_portfolio_filters_by_risk_and_searches_without_diacritics(
    client_of, staff_member, four, clock
):
    client = client_of(staff_member)
    page = client.get("/en/projects/manage/?flag=tranche_overdue").content.decode()
    assert "Nesumokėta dalis" in page and "Vėluojanti ataskaita" not in page
    assert '<span class="flag">payment overdue</span>' in page
    page = client.get("/lt/projects/manage/?q=siauliu").content.decode()
    assert "Vėluojanti ataskaita" in page and "Tvarkingas projektas" not in page
    assert '<span class="flag">vėluoja ataskaita</span>' in page
    page = client.get("/lt/projects/manage/?status=closed").content.decode()
    assert "Atitinkančių projektų nėra." in page


def test_the_portfolio_shows_what_each_grant_waits_for(client_of, staff_member, four, clock):
    page = client_of(staff_member).get("/en/projects/manage/").content.decode()
    assert "the interim report · 30 December 2015" in page  # the late grant
    assert "a payment" in page  # the unpaid one


def test_the_portfolio_downloads_as_xlsx(client_of, staff_member, four, clock):
    response = client_of(staff_member).get("/en/projects/manage/?export=xlsx&flag=underspent")
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][0] == "Reference"
    assert [row[1] for row in rows[1:]] == ["Mažai išleista"]
    assert rows[1][-1] == "spending 20 per cent below plan"
    assert rows[1][6:9] == (10000, 9000, "EUR")


# --- the roll-up ---------------------------------------------------------------------------


@pytest.fixture
def counties(programme, catalogue):
    made = {}
    for code, name_lt, name_en in (
        ("LT-SA", "Šiaulių apskritis", "Šiauliai County"),
        ("LT-UT", "Utenos apskritis", "Utena County"),
    ):
        county = County.objects.create(code=code, name_lt=name_lt, name_en=name_en)
        made[code] = Municipality.objects.create(
            code=f"M{code[-2:]}",
            name_lt=f"{name_lt} sav.",
            short_name_lt=f"{name_lt[:5]} sav.",
            name_en=name_en,
            county=county,
            kind="district",
        )
    return made


def rolled(call, counties, staff_member):  # type: ignore[no-untyped-def]
    """Three grants: two in Šiauliai county (one urban, one rural), one in Utena."""
    places = [("LT-SA", Settlement.URBAN), ("LT-SA", Settlement.RURAL), ("LT-UT", Settlement.RURAL)]
    grants = []
    for n, (county, settlement) in enumerate(places, start=1):
        library = LibraryFactory(municipality=counties[county], settlement=settlement)
        grant = signed(awarded_grant(call, library, number=n), staff_member)
        grants.append(grant)
    involved = Indicator.objects.get(code="libraries_involved")
    satisfaction = Indicator.objects.get(code="satisfaction")
    for n, grant in enumerate(grants, start=1):
        writer = writer_for(grant)
        report = grant.reports.get(kind=ReportKind.INTERIM)
        write_report(report, writer, trained=10 * n)
        services.save_report(
            report,
            actor=writer,
            expenses={},
            co_financing_received=Decimal(0),
            public_summary="",
            values=[
                services.ValueInput(involved, Decimal(2), items=[1, n + 1]),
                services.ValueInput(satisfaction, Decimal(3 + n)),
            ],
        )
        services.submit_report(report, actor=writer)
        if n < 3:  # the third report is submitted, not approved: it does not count yet
            services.review_report(report, approve=True, comments={}, actor=staff_member)
    return grants


def cells(table, indicator_code):  # type: ignore[no-untyped-def]
    pk = Indicator.objects.get(code=indicator_code).pk
    rows = {row.label: row.cells.get(pk, queries.Cell()) for row in table.rows}
    rows["total"] = table.total.cells.get(pk, queries.Cell())
    return {label: (cell.target, cell.actual) for label, cell in rows.items()}


def test_the_rollup_by_county_sums_averages_and_counts_once(call, counties, staff_member, clock):
    rolled(call, counties, staff_member)
    table = queries.rollup(Grant.objects.all(), GroupBy.COUNTY, "lt")
    assert [(row.label, row.grants) for row in table.rows] == [
        ("Šiaulių apskritis", 2),
        ("Utenos apskritis", 1),
    ]
    assert cells(table, "people_trained") == {
        "Šiaulių apskritis": (Decimal(200), Decimal(30)),
        "Utenos apskritis": (Decimal(100), None),
        "total": (Decimal(300), Decimal(30)),
    }
    # Libraries 1 and 2, then 1 and 3: three different libraries, library 1 counted once.
    assert cells(table, "libraries_involved")["Šiaulių apskritis"] == (None, Decimal(3))
    assert cells(table, "satisfaction")["total"] == (None, Decimal("4.50"))


def test_the_rollup_by_urban_or_rural_and_in_english(call, counties, staff_member, clock):
    rolled(call, counties, staff_member)
    table = queries.rollup(Grant.objects.all(), GroupBy.SETTLEMENT, "en")
    assert cells(table, "people_trained") == {
        "rural": (Decimal(200), Decimal(20)),
        "urban": (Decimal(100), Decimal(10)),
        "total": (Decimal(300), Decimal(30)),
    }
    table = queries.rollup(Grant.objects.all(), GroupBy.COUNTY, "en")
    assert [row.label for row in table.rows] == ["Šiauliai County", "Utena County"]


def test_the_rollup_page_and_its_download(call, counties, staff_member, client_of, clock):
    rolled(call, counties, staff_member)
    client = client_of(staff_member)
    page = client.get("/lt/projects/manage/results/?group_by=county").content.decode()
    assert '<th scope="row">Šiaulių apskritis</th><td>2</td><td>30 / 200</td>' in page
    response = client.get("/en/projects/manage/results/?group_by=municipality&export=xlsx")
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][:4] == (
        "municipality",
        "Grants",
        "People trained: target",
        "People trained: actual",
    )
    assert rows[-1][:4] == ("All grants", 3, 300, 30)


def test_the_rollup_adds_up_the_breakdowns_of_approved_reports(call, counties, staff_member, clock):
    rolled(call, counties, staff_member)  # approved: 10 and 20 trained; 10 men in each
    table = queries.rollup(Grant.objects.all(), GroupBy.COUNTY, "en")
    found = {
        (b.indicator.code, b.dimension): [(p.label, p.amount, p.share) for p in b.parts]
        for b in table.breakdowns
    }
    assert found[("people_trained", "sex")] == [
        ("women", Decimal(10), Decimal(33)),
        ("men", Decimal(20), Decimal(67)),
    ]
    assert found[("people_trained", "age group")][-1] == ("60 and over", Decimal(30), 100)
    assert ("events", "sex") not in found  # nobody broke the events down


def test_the_rollup_page_shows_and_downloads_who_was_reached(
    call, counties, staff_member, client_of, clock
):
    client = client_of(staff_member)
    page = client.get("/lt/projects/manage/results/").content.decode()
    assert "Nė viena patvirtinta ataskaita dar neišskaidė savo skaičių." in page
    rolled(call, counties, staff_member)
    page = client.get("/lt/projects/manage/results/").content.decode()
    assert '<th scope="row">Vyrai</th><td>20</td><td>67 %</td>' in page
    response = client.get("/en/projects/manage/results/?export=xlsx")
    sheet = load_workbook(BytesIO(response.content))["Who was reached"]
    assert ("People trained", "sex", "men", 20, 67) in list(sheet.values)


def test_partners_read_the_rollup(call, counties, staff_member, client_of, clock):
    partner = person_with_role(Role.PARTNER, email="paulius@fondas.example")
    response = client_of(partner).get("/en/projects/manage/results/")
    assert response.status_code == 200
    assert "Indicator results" in response.content.decode()


def test_a_grant_waiting_for_its_agreement_has_no_late_report(grant):
    with time_machine.travel(datetime(2016, 2, 1, 9).astimezone(), tick=False):
        assert flags(grant) == []
    with time_machine.travel(datetime(2016, 6, 1, 9).astimezone(), tick=False):
        assert flags(grant) == [RiskFlag.QUIET]
