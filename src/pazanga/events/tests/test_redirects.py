"""A registration decision goes back to the list it came from, never to another site."""

import pytest
from django.urls import reverse

from pazanga.events.enums import RegistrationStatus
from pazanga.events.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("target", "followed"),
    [
        ("https://evil.example/", False),
        ("//evil.example/", False),
        ("/\\evil.example", False),
        ("/lt/renginiai/seminaras/manage/registrations/?status=pending", True),
    ],
)
def test_a_decision_follows_only_a_local_next(
    target, followed, client_of, staff_member, seminar, officials
):
    registration = RegistrationFactory(
        event=seminar, category=officials, status=RegistrationStatus.PENDING
    )
    address = reverse(
        "events:decide", args=[seminar.slug, registration.pk, RegistrationStatus.REJECTED]
    )
    answer = client_of(staff_member).post(address, {"next": target, "note": ""})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    fallback = reverse("events:registration", args=[seminar.slug, registration.pk])
    assert answer["Location"] == (target if followed else fallback)
