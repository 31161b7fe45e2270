"""The library quota under parallel requests: needs PostgreSQL's row locks."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from pazanga.common.refusals import Refusal
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.training import services
from pazanga.training.models import Enrolment
from pazanga.training.tests.conftest import plan

COLLEAGUES = 6


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under concurrency need PostgreSQL (DATABASE_URL=postgres://…)")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_colleagues_applying_at_once_never_exceed_the_library_quota(
    postgres_only, course, alytus, staff_member, library_a
):
    starts = timezone.now() + timedelta(days=10)
    session = plan(
        course, alytus, staff_member, starts_at=starts, ends_at=starts + timedelta(hours=6)
    )
    people = [
        person_with_role(
            Role.LIBRARY_STAFF, email=f"kolega{n}@alytus.example", organisation=library_a
        )
        for n in range(COLLEAGUES)
    ]

    def apply(person) -> str:  # type: ignore[no-untyped-def]
        try:
            return services.enrol(session, person).registration.status
        except Refusal as refusal:
            return refusal.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=COLLEAGUES) as pool:
        outcomes = sorted(pool.map(apply, people))
    assert outcomes == ["pending"] * 2 + ["training.quota"] * (COLLEAGUES - 2)
    assert Enrolment.objects.filter(session=session, library=library_a).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_lowering_the_places_while_people_apply_never_leaves_more_held_than_places(
    postgres_only, course, alytus, staff_member
):
    from pazanga.directory.tests.factories import LibraryFactory
    from pazanga.events.capacity import seats_held

    starts = timezone.now() + timedelta(days=10)
    session = plan(
        course, alytus, staff_member, starts_at=starts, ends_at=starts + timedelta(hours=6)
    )
    people = [
        person_with_role(
            Role.LIBRARY_STAFF, email=f"darbuotoja{n}@kaimas.example", organisation=LibraryFactory()
        )
        for n in range(COLLEAGUES)
    ]
    smaller = services.SessionPlan(
        **{
            **{name: getattr(services.plan_of(session), name) for name in services.PLAN_FIELDS},
            "capacity": 2,
        }
    )

    def act(person) -> str:  # type: ignore[no-untyped-def]
        try:
            if person is None:
                services.save_session(
                    smaller, actor=staff_member, session=session, expected_version=1
                )
                return "saved"
            return services.enrol(session, person).registration.status
        except Refusal as refusal:
            return refusal.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=COLLEAGUES + 1) as pool:
        outcomes = list(pool.map(act, [*people[:3], None, *people[3:]]))
    session.event.refresh_from_db()
    held = seats_held(session.event)[None]
    assert held <= session.event.capacity
    refused = "training.capacity_below_held"
    assert outcomes[3] == ("saved" if session.event.capacity == 2 else refused)
