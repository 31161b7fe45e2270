"""Seats under parallel requests: needs PostgreSQL's row locks (SQLite runs one writer)."""

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from pazanga.common.refusals import Refusal
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


def register_in_own_connection(event: Event, category: AudienceCategory, n: int) -> str:
    try:
        registrant = services.Registrant("Vardenis", f"Pavardenis{n}", f"p{n}@example.org")
        return services.register(event, category=category, registrant=registrant).status
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
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        statuses = list(
            pool.map(lambda n: register_in_own_connection(event, category, n), range(PARALLEL))
        )
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

    def attempt(_n: int) -> str:
        try:
            registrant = services.Registrant("Ona", "Onaitė", "ona@example.org")
            return services.register(event, category=category, registrant=registrant).status
        except Refusal as refusal:
            return refusal.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = sorted(pool.map(attempt, range(8)))
    assert outcomes == ["events.already"] * 7 + ["confirmed"]
