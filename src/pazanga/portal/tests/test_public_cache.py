"""Anonymous public pages come from the cache, show a change as soon as it is committed, and
are never cached for a signed-in person or with a CSRF token or a message in them; they carry
validators (ETag, Last-Modified) and are compressed; pages with secrets are not."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pazanga.events.tests.factories import EventFactory
from pazanga.grants.tests.factories import CallFactory
from pazanga.portal.models import NewsItem

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def cache_kept(settings):
    settings.PUBLIC_PAGE_SECONDS = 300


def fetch(client, url, **headers):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response, len(captured.captured_queries)


def test_it_serves_a_second_anonymous_visit_from_the_cache(client, programme):
    first, first_queries = fetch(client, "/lt/")
    second, second_queries = fetch(client, "/lt/")
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert "csrf" not in second.content.decode().lower()
    assert "Last-Modified" in second
    assert "must-revalidate" in second["Cache-Control"]


def test_a_changed_event_shows_at_once(client, programme):
    event = EventFactory(programme=programme, title_lt="Seminaras Kaune")
    assert "Seminaras Kaune" in fetch(client, "/lt/events/")[0].content.decode()
    assert "Seminaras Kaune" in fetch(client, f"/lt/events/{event.slug}/")[0].content.decode()
    event.title_lt = "Seminaras Klaipėdoje"
    event.save()
    listing = fetch(client, "/lt/events/")[0].content.decode()
    detail = fetch(client, f"/lt/events/{event.slug}/")[0].content.decode()
    assert "Seminaras Klaipėdoje" in listing
    assert "Seminaras Kaune" not in listing
    assert "Seminaras Klaipėdoje" in detail


def test_new_news_and_a_changed_call_show_at_once(client, programme):
    fetch(client, "/lt/news/")
    NewsItem.objects.create(title_lt="Prasideda mokymai", body_lt="Tekstas")
    assert "Prasideda mokymai" in fetch(client, "/lt/news/")[0].content.decode()
    call = CallFactory(programme=programme, title_lt="Kvietimas A")
    assert "Kvietimas A" in fetch(client, "/lt/grants/")[0].content.decode()
    call.title_lt = "Kvietimas B"
    call.save()
    page = fetch(client, "/lt/grants/")[0].content.decode()
    assert "Kvietimas B" in page
    assert "Kvietimas A" not in page


def test_a_signed_in_person_is_never_served_or_stored(client_of, staff_member, client):
    staff = client_of(staff_member)
    mine, queries = fetch(staff, "/lt/")
    assert queries > 0
    assert staff_member.get_short_name() in mine.content.decode()
    again, queries_again = fetch(staff, "/lt/")
    assert queries_again > 0
    assert "csrfmiddlewaretoken" in again.content.decode()
    client.logout()
    anonymous = fetch(client, "/lt/")[0].content.decode()
    assert staff_member.get_short_name() not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous


def test_a_visitor_with_a_message_or_a_session_gets_the_page_rendered(client, programme):
    fetch(client, "/lt/")
    client.cookies["messages"] = "anything"
    assert fetch(client, "/lt/")[1] > 0
    del client.cookies["messages"]
    client.cookies["sessionid"] = "anything"
    assert fetch(client, "/lt/")[1] > 0


def test_a_page_with_a_form_is_neither_stored_nor_compressed(client, programme, settings):
    """Even among the cached views, a page that read the CSRF token is rendered each time
    (each carries its own masked token) and sent uncompressed."""
    settings.PUBLIC_PAGE_VIEWS = {*settings.PUBLIC_PAGE_VIEWS, "account_login"}
    first = client.get("/lt/accounts/login/", headers={"accept-encoding": "gzip"})
    second = client.get("/lt/accounts/login/", headers={"accept-encoding": "gzip"})
    assert first.get("Content-Encoding") is None
    tokens = [
        r.content.decode().split('name="csrfmiddlewaretoken" value="')[1][:64]
        for r in (first, second)
    ]
    assert tokens[0] != tokens[1]


def test_an_unchanged_page_is_answered_not_modified(client, programme):
    first = fetch(client, "/lt/grants/")[0]
    response = client.get("/lt/grants/", headers={"if-none-match": first["ETag"]})
    assert response.status_code == 304
    assert response.content == b""


def test_anonymous_pages_are_compressed_and_signed_in_ones_are_not(client, client_of, staff_member):
    plain = fetch(client, "/lt/events/")[0]
    packed = client.get("/lt/events/", headers={"accept-encoding": "gzip"})
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    signed_in = client_of(staff_member).get("/lt/events/", headers={"accept-encoding": "gzip"})
    assert signed_in.get("Content-Encoding") is None
    assert b"csrfmiddlewaretoken" in signed_in.content
