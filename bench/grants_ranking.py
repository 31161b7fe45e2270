"""The ranking page with 600 applications and 1,800 reviews: time and query count, against
the same page with 60 applications and 180 reviews (the baseline, measured in this run).

Run: .venv/bin/python bench/grants_ranking.py  (uses a throw-away SQLite database)
"""

import time
from decimal import Decimal

from _scratch import start_django_on_scratch_database

start_django_on_scratch_database()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def build(code: str, applications: int, staff):  # type: ignore[no-untyped-def]
    from random import Random

    from pazanga.directory.enums import OrganisationKind
    from pazanga.directory.models import Municipality, Organisation, User
    from pazanga.grants.models import (
        Application,
        Call,
        Criterion,
        CriterionScore,
        Review,
        ReviewAssignment,
    )
    from pazanga.programme.models import Programme

    rng = Random(code)  # noqa: S311 (bench data, not crypto)
    programme = Programme.objects.current()
    call = Call.objects.create(
        programme=programme,
        code=code,
        title_lt=code,
        opens_at="2015-02-02T09:00+02:00",
        closes_at="2015-03-16T17:00+02:00",
        budget=Decimal(500000),
        max_grant=Decimal(17000),
    )
    criteria = Criterion.objects.bulk_create(
        Criterion(call=call, name_lt=f"K{i}", weight=Decimal(w), max_score=10)
        for i, w in enumerate((30, 20, 20, 15, 15))
    )
    municipalities = list(Municipality.objects.all())
    libraries = Organisation.objects.bulk_create(
        Organisation(
            name=f"{code} biblioteka {i}",
            kind=OrganisationKind.MUNICIPAL_LIBRARY,
            municipality=rng.choice(municipalities),
        )
        for i in range(applications)
    )
    reviewers = User.objects.bulk_create(
        User(email=f"{code.lower()}-{i}@bench.example") for i in range(max(3, applications // 10))
    )
    apps = Application.objects.bulk_create(
        Application(
            call=call,
            library=lib,
            title=f"Projektas {i}",
            status="reviewed",
            number=i + 1,
            reference=f"{code}-{i + 1:03d}",
            requested_total=Decimal(rng.randint(3000, 17000)),
        )
        for i, lib in enumerate(libraries)
    )
    assignments = ReviewAssignment.objects.bulk_create(
        ReviewAssignment(application=a, reviewer=r, source="solver")
        for a in apps
        for r in rng.sample(reviewers, 3)
    )
    reviews = Review.objects.bulk_create(
        Review(assignment=x, status="submitted", recommendation="fund", total=Decimal(50))
        for x in assignments
    )
    CriterionScore.objects.bulk_create(
        CriterionScore(review=r, criterion=c, score=Decimal(rng.randint(0, 10)))
        for r in reviews
        for c in criteria
    )
    return call


def measure(client: Client, call) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    client.get(f"/lt/grants/calls/{call.pk}/ranking/")
    best = float("inf")
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(f"/lt/grants/calls/{call.pk}/ranking/")
            best = min(best, time.perf_counter() - started)
        assert response.status_code == 200
    return best, len(queries)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    from pazanga.directory.models import User
    from pazanga.programme.enums import AssignmentStatus, Role
    from pazanga.programme.models import Programme, RoleAssignment

    staff = User.objects.create(email="staff@bench.example")
    RoleAssignment.objects.create(
        user=staff,
        programme=Programme.objects.current(),
        role=Role.PROGRAMME_STAFF,
        status=AssignmentStatus.CONFIRMED,
    )
    client = Client()
    client.force_login(staff)
    small = build("SMALL", 60, staff)
    large = build("LARGE", 600, staff)
    small_time, small_queries = measure(client, small)
    large_time, large_queries = measure(client, large)
    print(f"60 applications / 180 reviews: {small_time * 1000:.0f} ms, {small_queries} queries")
    print(f"600 applications / 1,800 reviews: {large_time * 1000:.0f} ms, {large_queries} queries")
    same = small_queries == large_queries
    print(f"time ratio {large_time / small_time:.1f}x for 10x the data; same queries: {same}")


if __name__ == "__main__":
    main()
