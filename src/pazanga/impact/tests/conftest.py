"""Impact personas and data: a researcher, a partner, and the demo surveys loaded once per
test that asks for them."""

import random

import numpy as np
import pytest

from pazanga.directory import reference as directory_reference
from pazanga.directory.models import Municipality
from pazanga.directory.tests.factories import LibraryFactory
from pazanga.impact import demo, reference
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.projects.queries import funded_municipality_codes
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
def grant_areas(programme, geography):
    """Library grants in ten municipalities (the grant areas)."""
    call = call_for(programme)
    for number, municipality in enumerate(Municipality.objects.order_by("code")[:30:3], 1):
        awarded_grant(call, LibraryFactory(municipality=municipality), number=number)


@pytest.fixture
def demo_waves(programme, grant_areas, django_capture_on_commit_callbacks):
    """The whole demo: the population and library-user surveys."""
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(random.Random("impact"))  # noqa: S311 (the demo's generator)


@pytest.fixture
def population_waves(programme, grant_areas, django_capture_on_commit_callbacks):
    """The demo's population survey only (POP-2014, POP-2015, POP-2016), published."""
    reference.load_indicators(programme)
    generator = np.random.default_rng(20140225)
    with django_capture_on_commit_callbacks(execute=True):
        demo.load_population(
            programme,
            generator,
            demo.municipalities_by_county(),
            funded_municipality_codes(programme),
        )
