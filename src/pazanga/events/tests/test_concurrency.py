"""Seats under parallel requests: needs PostgreSQL's row locks (SQLite runs one writer)."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from pazanga.common.refusals import Refusal
from pazanga.directory.tests.factories import UserFactory
from pazanga.events import services
from pazanga.events.enums import RegistrationStatus
from pazanga.events.models import AudienceCategory, Event, Registration
from pazanga.programme.tests.factories import ProgrammeFactory

PARALLEL = 20
SEATS = 10


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under concurrency need PostgreSQL (DATABASE_URL=postgres://…)")


def confirm_in_own_connection(registration: Registration) -> str:
    """The registrant opens the link sent to their address: the moment a seat is taken."""
    try:
        return services.confirm_address(registration).status
    finally:
        connections.close_all()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_never_oversell(postgres_only):
    now = timezone.now()
    event = Event.objects.create(
        programme=ProgrammeFactory(),
        slug="lygiagretus",
        title_lt="Lygiagretus",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=6),
        status="published",
        capacity=SEATS,
    )
    category = AudienceCategory.objects.create(event=event, code="all", name_lt="Visi", quota=SEATS)
    registrations = [
        services.register(
            event,
            category=category,
            registrant=services.Registrant("Vardenis", f"Pavardenis{n}", f"p{n}@example.org"),
        )
        for n in range(PARALLEL)
    ]
    assert {r.status for r in registrations} == {RegistrationStatus.UNVERIFIED}
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        statuses = list(pool.map(confirm_in_own_connection, registrations))
    assert statuses.count(RegistrationStatus.CONFIRMED) == SEATS
    assert statuses.count(RegistrationStatus.WAITLISTED) == PARALLEL - SEATS
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == SEATS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_requests_with_one_email_make_one_registration(postgres_only):
    now = datetime.now(tz=timezone.get_current_timezone())
    event = Event.objects.create(
        programme=ProgrammeFactory(),
        slug="vienas-adresas",
        title_lt="Vienas adresas",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=6),
        status="published",
    )
    category = AudienceCategory.objects.create(event=event, code="all", name_lt="Visi")
    ona = UserFactory(email="ona@example.org")  # her own address: no confirmation link needed

    def attempt(_n: int) -> str:
        try:
            registrant = services.Registrant("Ona", "Onaitė", "ona@example.org")
            return services.register(
                event, category=category, registrant=registrant, user=ona
            ).status
        except Refusal as refusal:
            return refusal.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = Counter(str(outcome) for outcome in pool.map(attempt, range(8)))
    assert outcomes == {"events.already": 7, "confirmed": 1}
    assert Registration.objects.filter(event=event).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_anonymous_requests_with_one_email_make_one_unconfirmed_registration(
    postgres_only,
):
    now = timezone.now()
    event = Event.objects.create(
        programme=ProgrammeFactory(),
        slug="dvigubas-paspaudimas",
        title_lt="Dvigubas paspaudimas",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=6),
        status="published",
    )
    category = AudienceCategory.objects.create(event=event, code="all", name_lt="Visi")

    def attempt(_n: int) -> int:
        try:
            registrant = services.Registrant("Ona", "Onaitė", "ona@example.org")
            return services.register(event, category=category, registrant=registrant).pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = set(pool.map(attempt, range(8)))
    assert len(ids) == 1
    assert Registration.objects.get().status == RegistrationStatus.UNVERIFIED
