"""In a real browser, the pages run under the Content-Security-Policy without a violation:
every script and style is a static file (Debian's Chromium driven by Playwright)."""

from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]
PAGES = [
    "/lt/",
    "/en/",
    "/lt/events/",
    "/lt/events/{launch}/",
    "/lt/events/{launch}/register/",
    "/lt/accounts/login/",
    "/lt/accounts/signup/",
    "/admin/login/",
]


@pytest.fixture
def browser(live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def test_public_and_sign_in_pages_run_without_a_csp_violation(live_server, browser):
    from pazanga.events.models import Event

    call_command("load_reference", verbosity=0)
    launch = Event.objects.order_by("starts_at").first()
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    for path in PAGES:
        response = page.goto(live_server.url + path.format(launch=launch.slug))
        assert response.status == 200, path
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        if path.startswith(("/lt/", "/en/")):
            assert page.evaluate("typeof window.htmx") == "object", path  # the vendored script ran
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems

    # The check sees a violation when there is one.
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=go()>')")
