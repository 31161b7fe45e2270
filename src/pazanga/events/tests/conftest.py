from datetime import datetime

import pytest
import time_machine

from pazanga.events.tests.factories import VILNIUS, CategoryFactory, EventFactory

BEFORE_THE_SEMINAR = datetime(2014, 5, 1, 12, 0, tzinfo=VILNIUS)


@pytest.fixture
def clock():
    """The clock stands at 2014-05-01 12:00 in Vilnius, before the seminar of May 20."""
    with time_machine.travel(BEFORE_THE_SEMINAR, tick=False) as traveller:
        yield traveller


@pytest.fixture
def seminar(programme, clock):
    """A published seminar on 2014-05-20 with two seats and an open category."""
    return EventFactory(programme=programme, slug="seminaras", capacity=2)


@pytest.fixture
def librarians(seminar):
    return CategoryFactory(event=seminar, code="libraries", name_lt="Bibliotekos")


@pytest.fixture
def officials(seminar):
    return CategoryFactory(
        event=seminar, code="government", name_lt="Valdžios atstovai", needs_approval=True
    )


@pytest.fixture
def guests(seminar):
    return CategoryFactory(
        event=seminar, code="guests", name_lt="Kviestiniai svečiai", invitation_only=True
    )
