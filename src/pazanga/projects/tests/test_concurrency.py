"""Payments under parallel requests: PostgreSQL's row locks (SQLite runs one writer)."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, connections

from pazanga.common.refusals import Refusal
from pazanga.directory.tests.factories import LibraryFactory
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import ProgrammeFactory, person_with_role
from pazanga.projects import reference, services
from pazanga.projects.enums import TrancheStatus
from pazanga.projects.models import Tranche
from pazanga.projects.tests.factories import awarded_grant, call_for, signed

PARALLEL = 8


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under concurrency need PostgreSQL (DATABASE_URL=postgres://…)")


@pytest.fixture
def approved_tranches():  # type: ignore[no-untyped-def]
    """A signed grant of 10,000 EUR whose 6,000 and 3,000 tranches are approved for payment."""
    reference.load()
    programme = ProgrammeFactory()
    staff = person_with_role(Role.PROGRAMME_STAFF, email="rasa@lnb.example")
    grant = signed(awarded_grant(call_for(programme), LibraryFactory()), staff)
    first = services.approve_tranche(grant.tranches.get(position=1), actor=staff)
    second = grant.tranches.get(position=2)
    return grant, first, second, staff


def pay_in_own_connection(tranche: Tranche, staff, n: int) -> str:  # type: ignore[no-untyped-def]
    try:
        services.pay_tranche(tranche, paid_on=date(2015, 7, 1), reference=f"MP-{n}", actor=staff)
        return "paid"
    except Refusal as refusal:
        return refusal.code
    finally:
        connections.close_all()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_paying_one_tranche_pay_it_once(postgres_only, approved_tranches):
    grant, first, _second, staff = approved_tranches
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        outcomes = sorted(
            pool.map(lambda n: pay_in_own_connection(first, staff, n), range(PARALLEL))
        )
    assert outcomes == ["common.transition"] * (PARALLEL - 1) + ["paid"]
    first.refresh_from_db()
    assert first.status == TrancheStatus.PAID
    paid = grant.tranches.filter(status=TrancheStatus.PAID)
    assert sum(paid.values_list("paid_amount", flat=True)) == Decimal(6000)
    assert grant.tranches.filter(status=TrancheStatus.PAID).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_payments_of_different_tranches_never_exceed_the_award(
    postgres_only, approved_tranches
):
    grant, first, second, staff = approved_tranches
    # A schedule edited by hand so that its tranches add up to more than the award: each
    # payment alone fits, both together would not. The grant's row lock decides.
    Tranche.objects.filter(pk=second.pk).update(amount=Decimal(7000), status=TrancheStatus.APPROVED)
    second.refresh_from_db()
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(
            pool.map(
                lambda pair: pay_in_own_connection(pair[1], staff, pair[0]),
                enumerate([first, second]),
            )
        )
    assert outcomes == ["paid", "projects.above_award"]
    total = sum(grant.tranches.filter(status=TrancheStatus.PAID).values_list("amount", flat=True))
    assert total <= grant.awarded_amount
