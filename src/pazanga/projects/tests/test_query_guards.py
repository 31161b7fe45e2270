"""Every list of the projects app takes the same, pinned number of queries for 1 and 3 rows."""

from datetime import date
from decimal import Decimal
from itertools import count

import pytest

from pazanga.directory.tests.factories import CountyFactory, LibraryFactory, MunicipalityFactory
from pazanga.projects import services
from pazanga.projects.models import Indicator
from pazanga.projects.tests.factories import approved, awarded_grant, call_for, signed

pytestmark = pytest.mark.django_db
numbers = count(1)


@pytest.fixture
def grant_adder(call, catalogue, clock):
    def add(library=None, **fields):  # type: ignore[no-untyped-def]
        n = next(numbers)
        return awarded_grant(
            call, library or LibraryFactory(), number=n, title=f"Projektas numeris {n}", **fields
        )

    return add


def test_the_public_list(query_guard, client, grant_adder):
    def add() -> str:
        return grant_adder().title

    query_guard(lambda: client.get("/lt/projects/"), add, pinned=6)


def test_the_portfolio(query_guard, client_of, staff_member, grant_adder):
    client = client_of(staff_member)

    def add() -> str:
        grant = signed(grant_adder(), staff_member)
        return grant.reference

    query_guard(lambda: client.get("/lt/projects/manage/"), add, pinned=9)


def test_the_payment_list(query_guard, client_of, staff_member, grant_adder):
    client = client_of(staff_member)

    def add() -> str:
        return signed(grant_adder(), staff_member).reference

    query_guard(lambda: client.get("/lt/projects/manage/payments/"), add, pinned=7)


def test_the_rollup_by_county(query_guard, client_of, staff_member, librarian_a, grant_adder):
    client = client_of(staff_member)

    def add() -> str:
        county = CountyFactory()
        library = LibraryFactory(municipality=MunicipalityFactory(county=county))
        grant = signed(grant_adder(library=library), staff_member)
        from pazanga.programme.enums import Role
        from pazanga.programme.tests.factories import person_with_role

        writer = person_with_role(
            Role.LIBRARY_STAFF, email=f"rasytojas{grant.pk}@example.org", organisation=library
        )
        approved(grant.reports.get(kind="interim"), writer, staff_member)
        return county.name_lt

    query_guard(lambda: client.get("/lt/projects/manage/results/"), add, pinned=11)


def test_the_librarys_own_projects(query_guard, client_of, librarian_a, library_a, programme):
    client = client_of(librarian_a)
    from pazanga.projects import reference

    reference.load()

    def add() -> str:
        n = next(numbers)
        call = call_for(programme, code=f"BP2-K{n}")
        return awarded_grant(call, library_a, number=n, title=f"Mūsų projektas {n}").title

    query_guard(lambda: client.get("/lt/projects/mine/"), add, pinned=6)


def test_the_indicator_catalogue(query_guard, client_of, staff_member, catalogue):
    client = client_of(staff_member)

    def add() -> str:
        n = next(numbers)
        return Indicator.objects.create(
            code=f"rodiklis-{n}",
            name_lt=f"Rodiklis {n}",
            name_en=f"Indicator {n}",
            unit_lt="vnt.",
            unit_en="pcs",
        ).name_lt

    query_guard(lambda: client.get("/lt/projects/manage/indicators/"), add, pinned=5)


def test_the_grant_page_with_its_amendments(query_guard, client_of, staff_member, grant):
    signed(grant, staff_member)
    client = client_of(staff_member)
    line = grant.budget_lines.first()

    def add() -> str:
        n = next(numbers)
        reason = f"Pakeitimo priežastis {n}"
        amendment = services.request_extension(
            grant,
            new_end=date(2016, 6, n % 28 + 1),
            reason=reason,
            actor=staff_member,
            by_staff=False,
        )
        from pazanga.projects.models import AmendmentChange

        AmendmentChange.objects.create(
            amendment=amendment, line=line, before=Decimal(1), change=Decimal(0)
        )
        return reason

    query_guard(lambda: client.get(f"/lt/projects/grants/{grant.pk}/"), add, pinned=18)
