"""End to end in a real browser (Debian's Chromium driven by Playwright)."""

from pathlib import Path

import pytest
from django.core.management import call_command

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


def test_a_visitor_reads_the_programme_in_both_languages_and_finds_a_library(live_server, page):
    call_command("load_reference", verbosity=0)
    page.goto(live_server.url + "/")
    assert page.url == live_server.url + "/lt/"
    assert page.locator("h1").inner_text() == "Bibliotekos pažangai 2"

    page.get_by_role("link", name="EN", exact=True).click()
    assert page.url == live_server.url + "/en/"
    assert page.locator("h1").inner_text() == "Libraries for Innovation 2"

    page.get_by_role("link", name="About the programme").click()
    assert "user analysis, innovation, advocacy" in page.content()

    page.get_by_role("link", name="Libraries", exact=True).first.click()
    page.get_by_label("Name").fill("siauliu")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("link", name="Šiaulių apskrities Povilo Višinskio viešoji biblioteka")
    assert "1 organisation found" in page.content()
