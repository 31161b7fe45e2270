from datetime import date

import pytest
from django.utils import translation

from pazanga.projects import reference as project_reference
from pazanga.projects import services
from pazanga.projects.tests.conftest import DURING
from pazanga.projects.tests.factories import approved, awarded_grant, call_for, signed


@pytest.fixture(autouse=True)
def language():
    with translation.override("en"):
        yield


@pytest.fixture
def clock():
    import time_machine

    with time_machine.travel(DURING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def paid_grant(programme, library_a, librarian_a, staff_member, clock):
    """Library A's 2015 grant (10,000 EUR): signed, its first tranche paid, its interim
    report approved with 40 people trained."""
    project_reference.load()
    library_a.registry_code = "188712345"
    library_a.save()
    grant = signed(awarded_grant(call_for(programme), library_a), staff_member)
    tranche = services.approve_tranche(grant.tranches.get(position=1), actor=staff_member)
    services.pay_tranche(tranche, paid_on=date(2015, 6, 20), reference="MK-1", actor=staff_member)
    approved(grant.reports.get(number=1), librarian_a, staff_member)
    return grant
