"""Three published XLSForms (fixtures/xlsforms) answered end to end in a real browser
(Debian's Chromium driven by Playwright) through the anonymous survey link, then exported."""

import csv
import io
import zipfile
from pathlib import Path

import pytest
from django.test import Client

from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.questionnaires import services
from pazanga.questionnaires.enums import QuestionnaireStatus
from pazanga.questionnaires.models import Response
from pazanga.questionnaires.tests.test_real_forms import workbook_of
from pazanga.questionnaires.workflow import transition

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def page(live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the database work below is ours, not its.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser.new_page()
        browser.close()


def published(name, programme, staff, code):
    questionnaire = services.import_questionnaire(
        workbook_of(name), programme=programme, actor=staff, code=code
    )
    questionnaire.allow_anonymous = True
    # The published forms have no form_title; staff give one before publishing.
    setattr(questionnaire, f"title_{questionnaire.fallback_language}", f"Form {code}")
    questionnaire.save()
    return transition(questionnaire, QuestionnaireStatus.PUBLISHED, actor=staff)


def type_in(page, selector, text):
    """Type an answer and let the page's relevance refresh (HTMX) finish before going on."""
    page.fill(selector, text)
    page.locator(selector).dispatch_event("change")
    page.wait_for_load_state("networkidle")


def exported_csv(staff, questionnaire):
    client = Client()
    client.force_login(staff)
    answer = client.get(f"/en/questionnaires/{questionnaire.pk}/responses/export.csv")
    assert answer.status_code == 200
    return answer.content


def test_three_real_forms_are_answered_in_the_browser_and_exported(live_server, page, programme):
    staff = person_with_role(Role.PROGRAMME_STAFF, email="tyrimai@lnb.example")

    # 1. A repeat with a calculation in each instance (position) shown in the next label.
    members = published("repeat_position_translated_messages.md", programme, staff, "members")
    page.goto(f"{live_server.url}/en/questionnaires/s/{members.public_token}/")
    assert page.locator("label", has_text="Name of 1").count() == 1
    type_in(page, 'input[name="q-member__0__member_name"]', "Ona")
    page.get_by_role("button", name="Add:").click()
    assert page.locator("label", has_text="Name of 2").count() == 1
    assert page.locator('input[name="q-member__0__member_name"]').input_value() == "Ona"
    type_in(page, 'input[name="q-member__1__member_name"]', "Jonas")
    type_in(page, 'input[name="q-member__1__a"]', "44")
    page.get_by_role("button", name="Submit answers").click()
    assert "/thanks/" in page.url
    stored = Response.objects.get(questionnaire=members).answers
    assert stored["member"] == [
        {"pos": "1", "member_name": "Ona"},
        {"pos": "2", "member_name": "Jonas", "a": "44"},
    ]
    archive = zipfile.ZipFile(io.BytesIO(exported_csv(staff, members)))
    rows = list(csv.DictReader(io.StringIO(archive.read("member.csv").decode("utf-8-sig"))))
    assert [(r["pos"], r["member_name"], r["_parent_index"]) for r in rows] == [
        ("1", "Ona", "1"),
        ("2", "Jonas", "1"),
    ]

    # 2. or_other: choosing "Other" opens the text question on the same page (HTMX).
    sexes = published("specify_other.md", programme, staff, "sexes")
    page.goto(f"{live_server.url}/en/questionnaires/s/{sexes.public_token}/")
    assert page.locator('input[name="q-sex_other"]').count() == 0
    page.get_by_label("Other").check()
    page.wait_for_load_state("networkidle")
    type_in(page, 'input[name="q-sex_other"]', "Nenoriu sakyti")
    page.get_by_role("button", name="Submit answers").click()
    assert "/thanks/" in page.url
    assert Response.objects.get(questionnaire=sexes).answers == {
        "sex": "other",
        "sex_other": "Nenoriu sakyti",
    }
    rows = list(csv.DictReader(io.StringIO(exported_csv(staff, sexes).decode("utf-8-sig"))))
    assert (rows[0]["sex"], rows[0]["sex_other"]) == ("other", "Nenoriu sakyti")

    # 3. A group and a phone number, two pages.
    family = published("group_phone_number.md", programme, staff, "family")
    page.goto(f"{live_server.url}/en/questionnaires/s/{family.public_token}/")
    type_in(page, 'input[name="q-family_name"]', "Kazlauskas")
    page.get_by_role("button", name="Next").click()
    type_in(page, 'input[name="q-phone_number"]', "+370 600 00000")
    type_in(page, 'input[name="q-age"]', "67")
    page.get_by_role("button", name="Submit answers").click()
    assert "/thanks/" in page.url
    assert Response.objects.get(questionnaire=family).answers == {
        "family_name": "Kazlauskas",
        "phone_number": "+370 600 00000",
        "age": 67,
    }
    rows = list(csv.DictReader(io.StringIO(exported_csv(staff, family).decode("utf-8-sig"))))
    assert (rows[0]["family_name"], rows[0]["age"]) == ("Kazlauskas", "67")
