"""Impact personas and data: a researcher, a partner, and the demo surveys loaded once per
test that asks for them."""

import random

import pytest

from pazanga.directory import reference as directory_reference
from pazanga.directory.models import Municipality
from pazanga.directory.tests.factories import LibraryFactory
from pazanga.impact import demo
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.projects.tests.factories import awarded_grant, call_for


@pytest.fixture
def researcher(programme):
    return person_with_role(Role.RESEARCHER, email="ieva@tyrimai.example", first_name="Ieva")


@pytest.fixture
def partner(programme):
    return person_with_role(Role.PARTNER, email="paulius@fondas.example", first_name="Paulius")


@pytest.fixture
def geography(db):
    directory_reference.load_geography()


@pytest.fixture
def demo_waves(programme, geography, django_capture_on_commit_callbacks):
    """The demo's population and library-user surveys, with grants in ten municipalities."""
    call = call_for(programme)
    for number, municipality in enumerate(Municipality.objects.order_by("code")[:30:3], 1):
        awarded_grant(call, LibraryFactory(municipality=municipality), number=number)
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(random.Random("impact"))  # noqa: S311 (the demo's generator)
