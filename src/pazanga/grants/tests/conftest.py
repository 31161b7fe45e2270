import pytest
import time_machine

from pazanga.directory.tests.factories import OrganisationFactory
from pazanga.grants.tests.factories import (
    CLOSES,
    CallFactory,
    CallReviewerFactory,
    CriterionFactory,
)
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role


@pytest.fixture
def call(programme):
    call = CallFactory(programme=programme)
    CriterionFactory(call=call, name_lt="Poveikis", name_en="Impact", weight=2)
    CriterionFactory(call=call, name_lt="Partnerystė", name_en="Partnership", weight=1, max_score=5)
    return call


@pytest.fixture
def during_call():
    with time_machine.travel(CLOSES.replace(day=20), tick=False) as traveller:
        yield traveller


@pytest.fixture
def committee_member(programme):
    return person_with_role(Role.COMMITTEE_MEMBER, email="komisija@lnb.example", first_name="Kazys")


@pytest.fixture
def panel(call, reviewer):
    """Three reviewers from organisations far from the test libraries."""
    second = person_with_role(
        Role.REVIEWER,
        email="petras@expert.example",
        first_name="Petras",
        organisation=OrganisationFactory(),
    )
    third = person_with_role(
        Role.REVIEWER,
        email="jurga@expert.example",
        first_name="Jurga",
        organisation=OrganisationFactory(),
    )
    reviewer.organisation = OrganisationFactory()
    reviewer.save()
    return [CallReviewerFactory(call=call, reviewer=r) for r in (reviewer, second, third)]
