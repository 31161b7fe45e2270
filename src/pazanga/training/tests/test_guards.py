"""Every staff and trainer page: forbidden to others, and constant queries as lists grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pazanga.events.enums import RegistrationStatus
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.training import services, workflow
from pazanga.training.tests.conftest import plan

S = RegistrationStatus
SESSION_PAGES = [
    ("get", "manage_session"),
    ("post", "complete_session"),
    ("post", "send_reminders"),
]


@pytest.mark.parametrize(("method", "name"), SESSION_PAGES)
def test_session_staff_pages_are_forbidden_to_others(
    client_of, session, outsider, trainer_user, librarian_a, method, name
):
    url = reverse(f"training:{name}", args=[session.pk])
    for person in (outsider, trainer_user, librarian_a):
        assert getattr(client_of(person), method)(url).status_code == 403


@pytest.mark.parametrize("name", ["decide", "complete"])
def test_decisions_on_enrolments_are_forbidden_to_others(
    client_of, session, librarian_a, outsider, trainer_user, name
):
    enrolment = services.enrol(session, librarian_a)
    args = [enrolment.pk, "confirmed"] if name == "decide" else [enrolment.pk]
    for person in (outsider, trainer_user, librarian_a):
        assert client_of(person).post(reverse(f"training:{name}", args=args)).status_code == 403
    enrolment.registration.refresh_from_db()
    assert enrolment.registration.status == S.PENDING


def queries_of(client, url) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_participants(session, staff_member, count, start=0):  # type: ignore[no-untyped-def]
    from pazanga.directory.tests.factories import LibraryFactory

    for n in range(start, start + count):
        person = person_with_role(
            Role.LIBRARY_STAFF, email=f"dalyvis{n}@b.example", organisation=LibraryFactory()
        )
        enrolment = services.enrol(session, person)
        workflow.transition(enrolment, S.CONFIRMED, actor=staff_member)


def test_the_participant_list_and_attendance_grid_have_constant_queries(
    client_of, session, staff_member, trainer_user
):
    add_participants(session, staff_member, 1)
    staff = client_of(staff_member)
    manage = reverse("training:manage_session", args=[session.pk])
    grid = reverse("training:attendance", args=[session.pk])
    one = (queries_of(staff, manage), queries_of(staff, grid))
    add_participants(session, staff_member, 2, start=1)
    assert (queries_of(staff, manage), queries_of(staff, grid)) == one


def test_the_approval_queue_has_constant_queries(client_of, session, staff_member):
    from pazanga.directory.tests.factories import LibraryFactory

    def apply(n: int) -> None:
        person = person_with_role(
            Role.LIBRARY_STAFF, email=f"pareiskejas{n}@b.example", organisation=LibraryFactory()
        )
        services.enrol(session, person)

    apply(0)
    client = client_of(staff_member)
    one = queries_of(client, reverse("training:approvals"))
    apply(1)
    apply(2)
    assert queries_of(client, reverse("training:approvals")) == one


def test_session_lists_have_constant_queries(
    client_of, session, course, alytus, staff_member, trainer, trainer_user
):
    staff, lists = client_of(staff_member), reverse("training:manage")
    one = queries_of(staff, lists)
    trainer_client = client_of(trainer_user)
    one_trainer = queries_of(trainer_client, reverse("training:trainer_sessions"))
    for title in ("Antra", "Trečia"):
        plan(course, alytus, staff_member, trainers=[trainer], title_lt=title)
    assert queries_of(client_of(staff_member), lists) == one
    assert queries_of(client_of(trainer_user), reverse("training:trainer_sessions")) == one_trainer
