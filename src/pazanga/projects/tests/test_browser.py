"""The issue's journey in a real browser (Debian's Chromium driven by Playwright): programme
staff take a 2015 grant from its agreement through a returned and then approved interim
report to a released tranche; the library writes the report; the public list shows it."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from pazanga.projects import reference
from pazanga.projects.enums import GrantStatus, ReportKind, ReportStatus, TrancheStatus
from pazanga.projects.models import Grant, Indicator
from pazanga.projects.narrative import QUESTIONS
from pazanga.projects.tests.factories import awarded_grant, call_for, with_targets

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def browser(live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


def page_of(browser, live_server, user):  # type: ignore[no-untyped-def]
    """A browser page logged in as `user` (the session made by Django's test client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def write_and_submit(library, edit_url: str, grant: Grant, trained: str) -> None:  # type: ignore[no-untyped-def]
    """The library fills in its report in the browser and submits it."""
    library.goto(edit_url)
    for name, label_lt, *_rest in QUESTIONS:
        library.get_by_label(label_lt).fill(f"Atsakymas: {name}")
    for line in grant.budget_lines.all():
        library.fill(f"#id_line-{line.pk}", "2500")
    people = Indicator.objects.get(code="people_trained")
    events = Indicator.objects.get(code="events")
    library.fill(f"#id_value-{people.pk}", trained)
    library.fill(f"#id_part-{people.pk}-sex-female", str(int(trained) - 5))
    library.fill(f"#id_part-{people.pk}-sex-male", "5")
    library.fill(f"#id_part-{people.pk}-age_group-60_plus", trained)
    library.fill(f"#id_part-{people.pk}-field-ict", trained)
    library.fill(f"#id_value-{events.pk}", "6")
    library.get_by_role("button", name="Išsaugoti ir pateikti").click()
    assert "Ataskaita pateikta." in library.content()


def test_staff_take_a_grant_from_agreement_to_a_released_tranche(
    browser, live_server, programme, library_a, staff_member, librarian_a
):
    reference.load()
    grant = with_targets(awarded_grant(call_for(programme), library_a))
    staff = page_of(browser, live_server, staff_member)
    library = page_of(browser, live_server, librarian_a)
    grant_url = f"{live_server.url}/lt/projects/grants/{grant.pk}/"

    staff.goto(grant_url)
    staff.get_by_label("Pasirašymo data").fill("2015-06-10")
    staff.get_by_role("button", name="Sutartis pasirašyta").click()
    assert "Sutartis pasirašyta: projektas vykdomas." in staff.content()
    grant.refresh_from_db()
    assert grant.status == GrantStatus.ACTIVE

    report = grant.reports.get(kind=ReportKind.INTERIM)
    edit_url = f"{live_server.url}/lt/projects/reports/{report.pk}/edit/"

    write_and_submit(library, edit_url, grant, "40")
    report_url = f"{live_server.url}/lt/projects/reports/{report.pk}/"
    staff.goto(report_url)
    staff.get_by_label("Grąžinti taisyti").check()
    staff.get_by_label("Finansinė ataskaita").fill("Pridėkite sąskaitas faktūras.")
    staff.get_by_role("button", name="Užregistruoti sprendimą").click()
    assert "grąžinta taisyti" in staff.content()

    library.goto(edit_url)
    assert "Pridėkite sąskaitas faktūras." in library.content()
    write_and_submit(library, edit_url, grant, "42")

    staff.goto(report_url)
    staff.get_by_label("Patvirtinti").check()
    staff.get_by_role("button", name="Užregistruoti sprendimą").click()
    report.refresh_from_db()
    assert (report.status, report.version_count) == (ReportStatus.APPROVED, 2)
    staff.goto(grant_url)
    second = grant.tranches.get(position=2)
    assert second.status == TrancheStatus.DUE
    assert staff.locator(f"#tranche-{second.pk}").inner_text().count("mokėtinas") == 1

    visitor = browser.new_page()
    visitor.goto(f"{live_server.url}/lt/projects/")
    assert visitor.get_by_role("link", name=grant.title).is_visible()
    assert visitor.locator("svg path").count() == 60
    assert Grant.objects.get().status == GrantStatus.ACTIVE
