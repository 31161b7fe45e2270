"""Every training list takes the same, pinned number of queries for one item as for three."""

from datetime import timedelta
from itertools import count

import pytest
from django.urls import reverse

from pazanga.directory.tests.factories import LibraryFactory
from pazanga.events.enums import AttendanceStatus, RegistrationStatus
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.training import services, workflow
from pazanga.training.enums import Instrument
from pazanga.training.models import Completion, Trainer
from pazanga.training.tests.conftest import plan
from pazanga.training.tests.test_services import ONE_RIGHT, answer

S = RegistrationStatus


@pytest.fixture
def numbers():
    return count(1)


@pytest.fixture
def new_person(programme, numbers):
    """`new_person()`: confirmed staff of a library of their own, with a distinct name."""

    def make():  # type: ignore[no-untyped-def]
        n = next(numbers)
        return person_with_role(
            Role.LIBRARY_STAFF,
            email=f"dalyvis{n}@kaimas.example",
            organisation=LibraryFactory(name=f"Kaimo biblioteka nr. {n}"),
            first_name=f"Vardas{n}",
            last_name=f"Pavardenis{n}",
        )

    return make


@pytest.fixture
def new_session(course, alytus, staff_member, trainer, numbers, clock):
    """`new_session()`: a published session a week after the previous one, with `trainer`."""

    def make():  # type: ignore[no-untyped-def]
        n = next(numbers)
        session = plan(course, alytus, staff_member, trainers=[trainer], title_lt=f"Grupė {n}")
        event = session.event
        event.starts_at += timedelta(weeks=n)
        event.ends_at += timedelta(weeks=n)
        event.registration_closes_at = event.starts_at
        event.save(update_fields=["starts_at", "ends_at", "registration_closes_at"])
        return session

    return make


def confirmed(session, person, staff_member):  # type: ignore[no-untyped-def]
    return workflow.transition(services.enrol(session, person), S.CONFIRMED, actor=staff_member)


def completed(enrolment, module):  # type: ignore[no-untyped-def]
    """A completion recorded for the enrolment (set-up: the rule itself is tested elsewhere)."""
    return Completion.objects.create(
        person=enrolment.person,
        module=module,
        enrolment=enrolment,
        completed_at=enrolment.session.event.ends_at,
    )


def test_the_calendar(query_guard, client, new_session, clock):
    query_guard(
        lambda: client.get(reverse("training:calendar")),
        lambda: new_session().event.title_lt,
        pinned=6,
    )


def test_the_curriculum(query_guard, client, modules, programme, numbers):
    def add() -> str:
        n = next(numbers)
        user = person_with_role(Role.TRAINER, email=f"lektorius{n}@lektoriai.example")
        user.first_name, user.last_name = f"Lektorius{n}", "Mokytojas"
        user.save()
        trainer = Trainer.objects.create(user=user, bio_lt=f"Patirtis nr. {n}")
        trainer.modules.add(modules["leadership"], modules["innovation"])
        return f"Patirtis nr. {n}"

    query_guard(lambda: client.get(reverse("training:curriculum")), add, pinned=3)


def test_the_staff_session_list(query_guard, client_of, staff_member, new_session, new_person):
    client = client_of(staff_member)

    def add() -> str:
        session = new_session()
        services.enrol(session, new_person())
        return session.event.title_lt

    query_guard(lambda: client.get(reverse("training:manage")), add, pinned=8)


def test_the_approval_queue(query_guard, client_of, staff_member, session, new_person):
    client = client_of(staff_member)

    def add() -> str:
        return services.enrol(session, new_person()).person.last_name

    query_guard(lambda: client.get(reverse("training:approvals")), add, pinned=6)


def test_the_participants_of_a_session(
    query_guard, client_of, staff_member, session, new_person, modules
):
    client = client_of(staff_member)
    url = reverse("training:manage_session", args=[session.pk])

    def add() -> str:
        enrolment = confirmed(session, new_person(), staff_member)
        answer(enrolment, Instrument.PRE_TEST, ONE_RIGHT)
        for day in session.event.days:
            services.record_attendance(
                session, enrolment, day=day, status=AttendanceStatus.PRESENT, actor=staff_member
            )
        completed(enrolment, modules["project-management"])
        return enrolment.person.last_name

    query_guard(lambda: client.get(url), add, pinned=12)


def test_the_attendance_grid(
    query_guard, client_of, trainer_user, staff_member, session, new_person
):
    client = client_of(trainer_user)
    url = reverse("training:attendance", args=[session.pk])

    def add() -> str:
        enrolment = confirmed(session, new_person(), staff_member)
        day = session.event.days[0]
        services.record_attendance(
            session, enrolment, day=day, status=AttendanceStatus.LATE, actor=staff_member
        )
        return enrolment.person.last_name

    query_guard(lambda: client.get(url, {"day": "2014-05-20"}), add, pinned=10)


def test_a_trainers_own_sessions(query_guard, client_of, trainer_user, new_session):
    client = client_of(trainer_user)
    query_guard(
        lambda: client.get(reverse("training:trainer_sessions")),
        lambda: new_session().event.title_lt,
        pinned=8,
    )


def test_the_trainer_list(query_guard, client_of, staff_member, modules, numbers):
    client = client_of(staff_member)

    def add() -> str:
        n = next(numbers)
        user = person_with_role(
            Role.TRAINER, email=f"lektore{n}@lektoriai.example", last_name=f"Lektorė{n}"
        )
        trainer = Trainer.objects.create(user=user, bio_lt="Lektorė.")
        trainer.modules.add(modules["leadership"], modules["advocacy"])
        return f"Lektorė{n}"

    query_guard(lambda: client.get(reverse("training:trainers")), add, pinned=7)


def test_the_people_who_may_get_a_trainer_profile(query_guard, client_of, staff_member, numbers):
    client = client_of(staff_member)

    def add() -> str:
        email = f"kandidate{next(numbers)}@lektoriai.example"
        person_with_role(Role.TRAINER, email=email)
        return email

    query_guard(lambda: client.get(reverse("training:add_trainer")), add, pinned=7)


@pytest.mark.parametrize("whose", ["own", "staff"])
def test_a_training_record(
    query_guard, client_of, librarian_a, staff_member, new_session, modules, whose
):
    reader = librarian_a if whose == "own" else staff_member
    client = client_of(reader)
    url = (
        reverse("training:my_record")
        if whose == "own"
        else reverse("training:record", args=[librarian_a.pk])
    )

    def add() -> str:
        session = new_session()
        completed(confirmed(session, librarian_a, staff_member), modules["project-management"])
        return session.event.title_lt

    query_guard(lambda: client.get(url), add, pinned=6 if whose == "own" else 7)


def test_the_report_page(query_guard, client_of, staff_member, new_session, new_person, modules):
    client = client_of(staff_member)

    def add() -> str:
        session = new_session()
        enrolment = confirmed(session, new_person(), staff_member)
        completed(enrolment, modules["project-management"])
        return session.event.title_lt

    query_guard(lambda: client.get(reverse("training:reports")), add, pinned=24)


def test_the_library_report(query_guard, client_of, staff_member, session, new_person, modules):
    client = client_of(staff_member)

    def add() -> str:
        enrolment = confirmed(session, new_person(), staff_member)
        completed(enrolment, modules["project-management"])
        return enrolment.library.name

    query_guard(lambda: client.get(reverse("training:report_libraries")), add, pinned=7)
