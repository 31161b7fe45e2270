"""axe-core over every page the main journeys visit, in Chromium: no violation at all.

The demo data is loaded once; a visitor and each demo persona open the pages of their
journeys (the Lithuanian site; one page of each kind), and axe-core (vendored under
`vendor/axe-core`, never fetched) checks each. The page's own Content-Security-Policy is
bypassed only so that the test can add axe's script.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from pazanga.portal.tests.crawl import walk
from pazanga.programme.demo import DEMO_LOGINS

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor/axe-core/axe.min.js"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]
# The pages of each journey: where a person starts and what their work links to.
PERSONAS = ["", *(email for email, *_rest in DEMO_LOGINS)]
MOST_PAGES = {"": 30, "programa@pazanga.example": 60}


def journey_pages() -> dict[str, list[str]]:
    """For each persona, the pages their journeys reach (one of each kind)."""
    pages = {}
    for email in PERSONAS:
        client = Client()
        starts = ["/lt/"]
        if email:
            client.force_login(get_user_model().objects.get(email=email))
            starts.append("/lt/my/")
        found = walk(client, starts, most=MOST_PAGES.get(email, 25))
        pages[email] = list(found.pages)
    return pages


def violations_on(page, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("axe.run(document).then(r => r.violations.map(v => v.id))")
    return sorted(found)


def test_the_journeys_pages_have_no_accessibility_violation(live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    pages = journey_pages()
    found: dict[str, list[str]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for email, urls in pages.items():
            context = browser.new_context(bypass_csp=True)
            if email:
                client = Client()
                client.force_login(get_user_model().objects.get(email=email))
                name = settings.SESSION_COOKIE_NAME
                session = client.cookies[name].value
                context.add_cookies([{"name": name, "value": session, "url": live_server.url}])
            page = context.new_page()
            for url in urls:
                if ids := violations_on(page, live_server.url + url):
                    found[f"{email or 'visitor'} {url}"] = ids
            context.close()
        browser.close()
    assert sum(len(urls) for urls in pages.values()) > 100
    assert found == {}
