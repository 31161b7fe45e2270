"""The launch conference's "čia »" leads to the plan; the programme page links the plan, the
results and the programme's conferences, and says it ended."""

import pytest

from pazanga.events import reference as event_reference
from pazanga.programme import reference as programme_reference

pytestmark = pytest.mark.django_db


@pytest.fixture
def real(db):
    from pazanga.common import reference as common_reference
    from pazanga.directory import reference as directory_reference

    common_reference.load()
    directory_reference.load()
    programme_reference.load()
    event_reference.load()


def test_the_launch_conference_links_its_plan(client, real):
    page = client.get("/lt/events/bp2-2014/").content.decode()
    assert '<a href="/lt/workplan/">čia »</a>' in page
    assert client.get("/lt/workplan/").status_code == 200


def test_the_programme_page_links_the_plan_and_its_conferences(client, real):
    page = client.get("/lt/programme/").content.decode()
    assert 'href="/lt/workplan/"' in page and 'href="/lt/results/"' in page
    assert 'href="/lt/events/bp2-2014/"' in page and 'href="/lt/events/bp2-2016/"' in page
    english = client.get("/en/programme/").content.decode()
    assert "ended on 31 December 2016" in english
    assert "baigėsi 2016 m. gruodžio 31 d." in page


def test_an_event_text_links_only_site_paths(client, programme):
    from pazanga.events.tests.factories import EventFactory

    EventFactory(
        programme=programme,
        slug="bandymas",
        body_lt="[spausk](javascript:alert(1)) ir [čia](/lt/workplan/) <b>x</b>",
    )
    page = client.get("/lt/events/bandymas/").content.decode()
    assert '<a href="/lt/workplan/">čia</a>' in page
    assert "javascript:alert" in page and 'href="javascript' not in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page
