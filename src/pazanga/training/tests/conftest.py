"""Training personas and a session: "Projektų valdymas" in Alytus, 2014-05-20 and 21.

The clock stands at 2014-05-01 12:00 (Vilnius) unless a test moves it.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from pazanga.directory.tests.factories import LibraryFactory, MunicipalityFactory
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.training import instruments, reference, services
from pazanga.training.models import Course, CourseModule, Module, Trainer

VILNIUS = ZoneInfo("Europe/Vilnius")
BEFORE = datetime(2014, 5, 1, 12, 0, tzinfo=VILNIUS)
FIRST_DAY = datetime(2014, 5, 20, 12, 0, tzinfo=VILNIUS)
LAST_DAY = datetime(2014, 5, 21, 15, 0, tzinfo=VILNIUS)
AFTER = datetime(2014, 5, 22, 12, 0, tzinfo=VILNIUS)


@pytest.fixture(autouse=True)
def _language_of_each_test_is_its_own():
    """A page read in English leaves English active in the thread; each test starts afresh."""
    yield
    translation.deactivate()


@pytest.fixture
def clock():
    with time_machine.travel(BEFORE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def modules(db):
    reference.load()
    return {m.code: m for m in Module.objects.all()}


@pytest.fixture
def course(programme, modules, staff_member):
    module = modules["project-management"]
    pre, post = instruments.module_tests(module, programme, staff_member)
    feedback, follow_up = instruments.shared_questionnaires(programme, staff_member)
    course = Course.objects.create(
        code="pm",
        title_lt="Projektų valdymas",
        title_en="Project management",
        pre_test=pre,
        post_test=post,
        feedback=feedback,
        follow_up=follow_up,
    )
    CourseModule.objects.create(course=course, module=module)
    return course


@pytest.fixture
def trainer_user(programme):
    return person_with_role(
        Role.TRAINER, email="egle@lektoriai.example", first_name="Eglė", last_name="Lektorė"
    )


@pytest.fixture
def trainer(trainer_user, modules):
    trainer = Trainer.objects.create(user=trainer_user, bio_lt="Lektorė.")
    trainer.modules.add(modules["project-management"])
    return trainer


@pytest.fixture
def other_trainer(programme):
    user = person_with_role(Role.TRAINER, email="petras@lektoriai.example", first_name="Petras")
    return Trainer.objects.create(user=user)


@pytest.fixture
def alytus(library_a):
    return library_a.municipality


def plan(course, municipality, staff_member, trainers=(), **changes):  # type: ignore[no-untyped-def]
    values = {
        "course": course,
        "municipality": municipality,
        "title_lt": "Projektų valdymas Alytuje",
        "title_en": "Project management in Alytus",
        "starts_at": datetime(2014, 5, 20, 10, 0, tzinfo=VILNIUS),
        "ends_at": datetime(2014, 5, 21, 16, 0, tzinfo=VILNIUS),
        "venue_name": "Alytaus viešoji biblioteka",
        "venue_address": "Pulko g. 1",
        "venue_city": "Alytus",
        "capacity": 20,
        "library_quota": 2,
        "trainers": tuple(trainers),
        **changes,
    }
    return services.save_session(services.SessionPlan(**values), actor=staff_member)


@pytest.fixture
def session(clock, course, alytus, staff_member, trainer):
    return plan(course, alytus, staff_member, trainers=[trainer])


@pytest.fixture
def colleague_a(programme, library_a):
    return person_with_role(
        Role.LIBRARY_STAFF,
        email="jurate@alytus.example",
        organisation=library_a,
        first_name="Jūratė",
        last_name="Jurgaitė",
    )


@pytest.fixture
def third_of_a(programme, library_a):
    return person_with_role(
        Role.LIBRARY_STAFF,
        email="kazys@alytus.example",
        organisation=library_a,
        first_name="Kazys",
        last_name="Kazlauskas",
        preferred_language="en",
    )


@pytest.fixture
def director_a(programme, library_a):
    director = person_with_role(
        Role.LIBRARY_STAFF,
        email="direktore@alytus.example",
        organisation=library_a,
        first_name="Dalia",
        last_name="Direktorė",
    )
    library_a.director = director
    library_a.save(update_fields=["director"])
    return director


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory()


@pytest.fixture
def library_c(other_municipality):
    return LibraryFactory(name="Cirų biblioteka", municipality=other_municipality)
