"""Events benchmarks: parallel registrations, big staff lists, check-in scan time.

Run on PostgreSQL (row locks are the point):
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/pazanga \
        .venv/bin/python bench/events_registration.py
It creates and drops its own test database. Prints figures and ratios against a baseline
measured in the same run.
"""

import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pazanga")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

PEOPLE, SEATS, BIG_LIST = 200, 100, 1000


def make_event(slug: str, capacity: int | None):  # type: ignore[no-untyped-def]
    from pazanga.events.models import AudienceCategory, Event
    from pazanga.programme.tests.factories import ProgrammeFactory

    now = timezone.now()
    event = Event.objects.create(
        programme=ProgrammeFactory(),
        slug=slug,
        title_lt=slug,
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=6),
        status="published",
        capacity=capacity,
    )
    return event, AudienceCategory.objects.create(event=event, code="all", name_lt="Visi")


def register(event, category, n: int) -> str:  # type: ignore[no-untyped-def]
    from pazanga.events import services

    try:
        person = services.Registrant("Vardenis", f"Pavardenis{n}", f"p{n}@example.org")
        return services.register(event, category=category, registrant=person).status
    except Exception as error:
        return f"error: {error}"
    finally:
        connections.close_all()


def parallel_registrations() -> None:
    event, category = make_event("bench-parallel", SEATS)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(lambda n: register(event, category, n), range(PEOPLE)))
    parallel = time.perf_counter() - started
    serial_event, serial_category = make_event("bench-serial", SEATS)
    started = time.perf_counter()
    for n in range(PEOPLE):
        register(serial_event, serial_category, n)
    serial = time.perf_counter() - started
    errors = [o for o in outcomes if o.startswith("error")]
    print(f"{PEOPLE} registrations for {SEATS} seats, 20 threads:")
    print(
        f"  confirmed {outcomes.count('confirmed')}, waitlisted {outcomes.count('waitlisted')}, "
        f"errors {len(errors)}"
    )
    print(
        f"  parallel {parallel:.2f} s; one after another (baseline) {serial:.2f} s; "
        f"ratio {parallel / serial:.2f}"
    )


def big_lists() -> None:
    from pazanga.events import services
    from pazanga.events.models import Registration
    from pazanga.events.tests.factories import RegistrationFactory
    from pazanga.programme.enums import Role
    from pazanga.programme.tests.factories import person_with_role

    event, category = make_event("bench-big", None)
    staff = person_with_role(Role.PROGRAMME_STAFF, email="bench@lnb.example")
    client = Client()
    client.force_login(staff)
    RegistrationFactory(category=category)
    urls = [
        f"/lt/events/{event.slug}/manage/",
        f"/lt/events/{event.slug}/manage/registrations/",
        f"/lt/events/{event.slug}/manage/registrations/export.csv",
    ]

    def measure() -> list[tuple[int, float]]:
        figures = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(url)
                figures.append((len(queries), time.perf_counter() - started))
        return figures

    one = measure()
    Registration.objects.bulk_create(
        Registration(
            event=event,
            category=category,
            first_name="V",
            last_name=f"P{n}",
            email=f"big{n}@example.org",
            status="confirmed",
        )
        for n in range(BIG_LIST - 1)
    )
    thousand = measure()
    print(f"staff pages with 1 and {BIG_LIST} registrations (queries, time):")
    for url, (q1, t1), (q2, t2) in zip(urls, one, thousand, strict=True):
        print(
            f"  {url.rsplit('/manage', 1)[-1] or '/'}: {q1} -> {q2} queries; "
            f"{t1 * 1000:.0f} ms -> {t2 * 1000:.0f} ms"
        )
    scan_times(client, event, services)


def scan_times(client: Client, event, services) -> None:  # type: ignore[no-untyped-def]
    from pazanga.events.tokens import checkin_code

    registrations = list(event.registrations.all()[:100])
    day = event.days[0].isoformat()
    url = f"/lt/events/{event.slug}/check-in/?day={day}"
    first, second = [], []
    for registration in registrations:
        code = checkin_code(registration)
        for bucket in (first, second):
            started = time.perf_counter()
            client.post(url, {"code": code, "day": day}, HTTP_HX_REQUEST="true")
            bucket.append(time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(100):
        client.get("/healthz")
    baseline = (time.perf_counter() - started) / 100
    print(
        f"check-in scan (HTMX post, {len(first)} people): median first scan "
        f"{statistics.median(first) * 1000:.1f} ms, repeat scan "
        f"{statistics.median(second) * 1000:.1f} ms; /healthz baseline {baseline * 1000:.1f} ms"
    )


def main() -> None:
    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["*"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        if connection.vendor != "postgresql":
            print("note: not PostgreSQL; parallel figures are not meaningful on SQLite")
        parallel_registrations()
        big_lists()
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
