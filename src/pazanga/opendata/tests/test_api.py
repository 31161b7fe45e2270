"""The read-only API: pages, filters, JSON errors, rate limits, and an OpenAPI description
that matches the endpoints."""

import pytest
from django.urls import URLPattern

from pazanga.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db
LISTS = ["events", "training-sessions", "libraries", "calls", "grants", "indicators"]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_answers_json_with_a_count(client, paid_grant, name):
    response = client.get(f"/api/v1/{name}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "count" in response.json() and "results" in response.json()


def test_grants_are_paginated_and_filtered(client, paid_grant):
    page = client.get("/api/v1/grants/?page_size=1").json()
    assert page["count"] == 1
    assert page["results"][0]["reference"] == paid_grant.reference
    assert page["results"][0]["awarded"] == 10000.0
    found = client.get(f"/api/v1/grants/?call={paid_grant.call.code}").json()
    assert found["count"] == 1
    assert client.get("/api/v1/grants/?call=NO-SUCH").json()["count"] == 0
    one = client.get(f"/api/v1/grants/{paid_grant.pk}/").json()
    assert one["title"] == paid_grant.title


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/grants/?page=99", 404),
        ("/api/v1/grants/?page=nonsense", 404),
        ("/api/v1/grants/?colour=red", 400),
        ("/api/v1/grants/abc/", 404),
        ("/api/v1/grants/99999999/", 404),
        ("/api/v1/events/?from=2014-13-45", 400),
        ("/api/v1/indicators/?year=2014", 400),
    ],
)
def test_bad_requests_get_json_errors_never_a_500(client, paid_grant, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["error"]["status"] == status


def test_events_filter_by_dates(client, programme):
    EventFactory(programme=programme, title_en="Spring seminar")
    assert client.get("/api/v1/events/?from=2014-05-01").json()["count"] == 1
    assert client.get("/api/v1/events/?from=2014-06-01").json()["count"] == 0


def test_anonymous_clients_are_limited_with_retry_after(client, programme, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "open_data_api": "3/m"}
    answers = [client.get("/api/v1/calls/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert answers[-1].json()["error"]["status"] == 429


def test_the_openapi_description_lists_every_endpoint(client, programme):
    schema = client.get("/api/v1/schema/").json()
    assert schema["openapi"].startswith("3.1")
    described = set(schema["paths"])
    from pazanga.opendata.api import urls

    served = {
        "/api/v1/" + str(pattern.pattern).replace("<str:pk>", "{id}")
        for pattern in urls.urlpatterns
        if isinstance(pattern, URLPattern) and pattern.name != "schema"
    }
    assert described == served
    grants = schema["paths"]["/api/v1/grants/"]["get"]
    assert {p["name"] for p in grants["parameters"]} >= {"page", "call", "municipality"}
