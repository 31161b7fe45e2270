from datetime import datetime

import pytest
import time_machine

from pazanga.directory.enums import Settlement
from pazanga.projects import reference
from pazanga.projects.tests.factories import awarded_grant, call_for

# Mid-project: the interim period is over, the final report is months away.
DURING = datetime.fromisoformat("2016-01-15T12:00:00+02:00")


@pytest.fixture
def clock():
    with time_machine.travel(DURING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def catalogue(db):
    reference.load()


@pytest.fixture
def call(programme):
    return call_for(programme)


@pytest.fixture
def grant(call, library_a, catalogue, clock):
    """An awarded grant of library A (10,000 EUR in two lines), waiting for its signature."""
    library_a.settlement = Settlement.URBAN
    library_a.save()
    return awarded_grant(call, library_a)


@pytest.fixture(autouse=True)
def language():
    """Each test starts in the platform's first language, whatever a page before it chose."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
