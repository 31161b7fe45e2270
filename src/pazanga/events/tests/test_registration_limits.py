"""Public registration is limited per client and event (settings.RATE_LIMITS)."""

import pytest

from pazanga.events.models import Registration
from pazanga.events.tests.factories import CategoryFactory, EventFactory

pytestmark = pytest.mark.django_db


def registration(category, number: int) -> dict[str, object]:
    return {
        "category": category.pk,
        "first_name": "Ona",
        "last_name": f"Onaitė {number}",
        "email": f"ona{number}@alytus.example",
        "organisation_name": "Alytaus biblioteka",
        "language": "lt",
    }


def test_a_client_registering_too_often_gets_the_429_page_and_nothing_is_saved(
    client, settings, librarians, programme
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "event_registration": "3/h"}
    url = "/lt/events/seminaras/register/"
    statuses = [client.post(url, registration(librarians, n)).status_code for n in range(3)]
    assert statuses == [200, 200, 200]  # each asks to confirm the address
    refused = client.post(url, registration(librarians, 3))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Per daug bandymų" in refused.content.decode()
    assert Registration.objects.count() == 3
    assert client.get(url).status_code == 200  # the form can still be read

    # The same client may still register for another event, and another client here.
    other = EventFactory(programme=programme, slug="mokymai", capacity=10)
    other_category = CategoryFactory(event=other, code="libraries")
    another = client.post("/lt/events/mokymai/register/", registration(other_category, 4))
    assert another.status_code == 200
    elsewhere = client.post(url, registration(librarians, 5), REMOTE_ADDR="198.51.100.7")
    assert elsewhere.status_code == 200
    assert Registration.objects.count() == 5
