"""The demo's funded projects: marked, at realistic stages, the same on every machine, once."""

import random
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import transaction

from pazanga.directory.tests.factories import LibraryFactory
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.tests.factories import ApplicationFactory, BudgetLineFactory, CallFactory
from pazanga.projects import demo
from pazanga.projects.enums import GrantStatus, ReportKind, ReportStatus, TrancheStatus
from pazanga.projects.models import Grant, Tranche

pytestmark = pytest.mark.django_db


@pytest.fixture
def awards(programme):
    """Six 2014 (litas) and twelve 2015 (euro) demo awards, decided as the grants demo does."""
    for code, year, currency, count in (
        ("BP2-2014", 2014, "LTL", 6),
        ("BP2-2015", 2015, "EUR", 12),
    ):
        call = CallFactory(
            programme=programme,
            code=code,
            currency=currency,
            is_demo=True,
            opens_at=datetime(year, 2, 2, tzinfo=UTC),
            closes_at=datetime(year, 3, 16, tzinfo=UTC),
        )
        for number in range(1, count + 1):
            amount = Decimal(30000 if currency == "LTL" else 9000)
            application = ApplicationFactory(
                call=call,
                library=LibraryFactory(),
                status=ApplicationStatus.AWARDED,
                number=number,
                reference=f"{code}-{number:03d}",
                requested_total=amount,
                awarded_amount=amount,
                decided_at=datetime(year, 5, 4, 14, tzinfo=UTC),
                is_demo=True,
            )
            BudgetLineFactory(application=application, requested=amount * 2 / 3)
            BudgetLineFactory(application=application, requested=amount / 3, description="Kita")


def seeded(seed: str) -> random.Random:
    return random.Random(seed)  # noqa: S311 (the demo's generator, not cryptography)


def fingerprint() -> list[tuple[object, ...]]:
    return list(
        Grant.objects.order_by("reference").values_list(
            "reference", "status", "signed_on", "targets__indicator__code", "targets__target"
        )
    )


def test_the_demo_is_marked_realistic_deterministic_and_loaded_once(awards):
    with transaction.atomic():
        demo.load(seeded("20140225-projects"))
        first_machine = fingerprint()
        transaction.set_rollback(True)
    assert not Grant.objects.exists()
    demo.load(seeded("20140225-projects"))
    assert fingerprint() == first_machine
    demo.load(seeded("another seed"))
    assert fingerprint() == first_machine  # a second load adds nothing
    assert not Grant.objects.filter(is_demo=False).exists()

    closed_2014 = Grant.objects.filter(call__code="BP2-2014")
    assert set(closed_2014.values_list("status", flat=True)) == {GrantStatus.CLOSED}
    for grant in closed_2014:
        final = grant.reports.get(kind=ReportKind.FINAL)
        assert final.status == ReportStatus.APPROVED
        assert final.decided_at.date() <= date(2016, 12, 31)
        assert grant.closed_at.date() <= date(2016, 12, 31)
    litas = Tranche.objects.filter(grant__call__code="BP2-2014", status=TrancheStatus.PAID)
    assert set(
        litas.filter(paid_on__lt=date(2015, 1, 1)).values_list("paid_currency", flat=True)
    ) == {"LTL"}
    later = litas.filter(paid_on__gte=date(2015, 1, 1))
    assert set(later.values_list("paid_currency", flat=True)) == {"EUR"}
    for tranche in later:
        assert tranche.paid_amount == (tranche.amount / Decimal("3.45280")).quantize(
            Decimal("0.01")
        )

    stages_2015 = set(Grant.objects.filter(call__code="BP2-2015").values_list("status", flat=True))
    assert len(stages_2015) >= 3
    assert Grant.objects.filter(call__code="BP2-2015", status=GrantStatus.AGREEMENT).exists()
