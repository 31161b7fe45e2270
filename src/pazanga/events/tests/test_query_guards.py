"""Every event list takes the same, pinned number of queries for one item as for three."""

from datetime import date, datetime, timedelta

import pytest

from pazanga.directory.tests.factories import UserFactory
from pazanga.events import services
from pazanga.events.enums import RegistrationStatus
from pazanga.events.models import DoorStaff, Invitation
from pazanga.events.tests.factories import (
    VILNIUS,
    CategoryFactory,
    EventFactory,
    RegistrationFactory,
)

S = RegistrationStatus
DAY = date(2014, 5, 20)


@pytest.fixture
def roomy(librarians):
    librarians.event.capacity = 100
    librarians.event.save()
    return librarians


def registration_adder(category, status, staff_member=None):  # type: ignore[no-untyped-def]
    def add() -> str:
        registration = RegistrationFactory(category=category, status=status)
        if staff_member is not None:
            services.check_in(registration, day=DAY, actor=staff_member)
            services.issue_certificate(registration, actor=staff_member)
        return registration.last_name

    return add


@pytest.mark.parametrize(
    ("path", "status", "attended", "pinned"),
    [
        ("manage/registrations/", S.CONFIRMED, True, 10),
        ("manage/waiting-list/", S.WAITLISTED, False, 7),
        ("manage/approvals/", S.PENDING, False, 7),
        ("attendance/", S.CONFIRMED, True, 9),
        ("manage/certificates/", S.CONFIRMED, True, 7),
    ],
)
def test_registration_lists(
    query_guard, client_of, staff_member, roomy, path, status, attended, pinned
):
    client = client_of(staff_member)
    url = f"/lt/events/seminaras/{path}"
    add = registration_adder(roomy, status, staff_member if attended else None)
    query_guard(lambda: client.get(url), add, pinned=pinned)


def test_the_invitations(query_guard, client_of, staff_member, roomy):
    client = client_of(staff_member)
    counter = iter(range(100))

    def add() -> str:
        email = f"kviestas{next(counter)}@example.org"
        Invitation.objects.create(event=roomy.event, category=roomy, email=email)
        return email

    query_guard(lambda: client.get("/lt/events/seminaras/manage/invitations/"), add, pinned=7)


def test_the_door_staff(query_guard, client_of, staff_member, roomy):
    client = client_of(staff_member)

    def add() -> str:
        user = UserFactory()
        DoorStaff.objects.create(event=roomy.event, user=user)
        return user.email

    query_guard(lambda: client.get("/lt/events/seminaras/manage/door-staff/"), add, pinned=6)


def test_the_staff_event_list(query_guard, client_of, staff_member, programme, clock):
    client = client_of(staff_member)

    def add() -> str:
        category = CategoryFactory(event=EventFactory(programme=programme))
        RegistrationFactory(category=category, status=S.CONFIRMED)
        return category.event.title_lt

    query_guard(lambda: client.get("/lt/events/manage/"), add, pinned=6)


def test_the_check_in_event_list(query_guard, client_of, staff_member, programme, clock):
    client = client_of(staff_member)

    def add() -> str:
        return EventFactory(programme=programme).title_lt

    query_guard(lambda: client.get("/lt/events/check-in/"), add, pinned=6)


@pytest.mark.parametrize(("path", "days", "pinned"), [("", 19, 2), ("past/", -30, 2)])
def test_the_public_lists(query_guard, client, programme, clock, path, days, pinned):
    start = datetime(2014, 5, 1, 10, 0, tzinfo=VILNIUS) + timedelta(days=days)

    def add() -> str:
        event = EventFactory(
            programme=programme, starts_at=start, ends_at=start + timedelta(hours=6)
        )
        return event.title_lt

    query_guard(lambda: client.get(f"/lt/events/{path}"), add, pinned=pinned)


def test_my_registrations(query_guard, client_of, librarian_a, programme, clock):
    client = client_of(librarian_a)

    def add() -> str:
        category = CategoryFactory(event=EventFactory(programme=programme))
        RegistrationFactory(category=category, user=librarian_a, email=librarian_a.email)
        return category.event.title_lt

    query_guard(lambda: client.get("/lt/events/my/"), add, pinned=5)
