"""The API lists and the open-data files: the same number of queries for 1 and 3 rows."""

from itertools import count

import pytest

from pazanga.directory.tests.factories import LibraryFactory
from pazanga.events.tests.factories import EventFactory
from pazanga.projects import reference as project_reference
from pazanga.projects.tests.factories import awarded_grant, call_for

pytestmark = pytest.mark.django_db
NUMBERS = count(1)


@pytest.fixture
def add_grant(programme, clock):
    project_reference.load()
    call = call_for(programme)

    def add() -> str:
        number = next(NUMBERS)
        title = f"Projektas {number}"
        awarded_grant(call, LibraryFactory(), number=number, title=title)
        return title

    return add


@pytest.mark.parametrize(
    ("url", "pinned"),
    [
        ("/api/v1/grants/", 3),
        ("/open-data/grants.csv", 2),
        ("/open-data/360giving.json", 7),
        ("/open-data/360giving.csv", 5),
        ("/open-data/iati-activities.xml", 11),
    ],
)
def test_grants_everywhere(client, query_guard, add_grant, url, pinned):
    query_guard(lambda: client.get(url), add_grant, pinned=pinned)


def test_events_in_the_api(client, query_guard, programme):
    def add() -> str:
        event = EventFactory(programme=programme)
        return event.slug

    query_guard(lambda: client.get("/api/v1/events/"), add, pinned=3)


def test_libraries_in_the_api(client, query_guard, programme):
    def add() -> str:
        return LibraryFactory(name=f"Biblioteka {next(NUMBERS)}").name

    query_guard(lambda: client.get("/api/v1/libraries/"), add, pinned=2)
