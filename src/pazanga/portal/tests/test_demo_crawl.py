"""Each demo persona walks the Lithuanian site from the home page and their own page.

One walk per persona over the demo data (loaded once: it takes seconds), three checks:
every link shown opens (no link to a page the role may not open, nothing missing), no
internal code is shown (enum values, audit actions), and no English text reaches a
Lithuanian page.
"""

import pytest
from django.core.management import call_command
from django.test import Client

from pazanga.directory.models import User
from pazanga.portal.tests.crawl import walk
from pazanga.portal.tests.internal_codes import codes_on
from pazanga.portal.tests.test_lithuanian_pages import english_on
from pazanga.programme.demo import DEMO_LOGINS

pytestmark = pytest.mark.django_db

PERSONAS = ["", *(email for email, *_rest in DEMO_LOGINS)]


def walks() -> dict[str, dict]:
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    found = {}
    for email in PERSONAS:
        client = Client()
        starts = ["/lt/"]
        if email:
            client.force_login(User.objects.get(email=email))
            starts.append("/lt/my/")
        found[email or "visitor"] = walk(client, starts)
    return found


def test_every_persona_follows_every_link_it_is_shown_and_reads_no_codes_or_english():
    found = walks()
    broken = {who: w.broken for who, w in found.items() if w.broken}
    codes = {
        (who, url): shown
        for who, w in found.items()
        for url, page in w.pages.items()
        if (shown := codes_on(page))
    }
    english = {
        (who, url): shown
        for who, w in found.items()
        for url, page in w.pages.items()
        if (shown := english_on(page))
    }
    # The walks reach each role's work (a walk that stopped at the door would prove nothing).
    assert "/lt/grants/reviews/" in found["vertintoja@pazanga.example"].pages
    assert any("/ranking/" in url for url in found["komisija@pazanga.example"].pages)
    assert "/lt/training/trainer/" in found["lektore@pazanga.example"].pages
    assert "/lt/grants/applications/" in found["biblioteka@pazanga.example"].pages
    assert broken == {}
    assert codes == {}
    assert english == {}
