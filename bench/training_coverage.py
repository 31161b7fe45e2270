"""Training benchmark: the coverage and learning reports over the 2014 demo year.

    DEBUG=1 .venv/bin/python bench/training_coverage.py          (SQLite)
    DEBUG=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/pazanga \
        .venv/bin/python bench/training_coverage.py                (PostgreSQL)

Creates and drops its own test database, loads the reference data and the demo
(~1,300 libraries, ~2,500 staff, 60 sessions of 2014 with ~1,000 enrolments), and prints
the query count and server time of the report pages, against two baselines measured in
the same run: the same pages before any session exists, and /healthz. The query count
is also guarded by a test (tests/test_reports.py): it does not grow with the data.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

REPEAT = 5
PAGES = (
    "/lt/training/reports/?year=2014",
    "/lt/training/reports/libraries/?year=2014",
    "/lt/training/reports/?year=2014&export=all",
    "/lt/training/",
)


def measure(client: Client, url: str) -> tuple[int, float]:
    """(queries, median server time in seconds) of GET url."""
    times = []
    queries = 0
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return queries, statistics.median(times)


def main() -> None:
    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["*"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> None:
    from pazanga.directory.models import Organisation, User
    from pazanga.training.models import Completion, Enrolment, Session

    call_command("load_reference", verbosity=0)
    client = Client()
    health = measure(client, "/healthz")[1]
    staff = User.objects.create(email="bench@lnb.example", is_superuser=True, is_staff=True)
    client.force_login(staff)
    empty = {url: measure(client, url) for url in PAGES}
    started = time.perf_counter()
    call_command("load_demo", verbosity=0)
    loaded = time.perf_counter() - started
    client.force_login(staff)
    print(
        f"data: {Organisation.objects.libraries().count()} libraries, "
        f"{User.objects.filter(email__endswith='@bibliotekos.example').count()} staff, "
        f"{Session.objects.count()} sessions, {Enrolment.objects.count()} enrolments, "
        f"{Completion.objects.count()} completions (whole demo loaded in {loaded:.1f} s)"
    )
    print(f"database: {connection.vendor}; /healthz baseline {health * 1000:.1f} ms")
    print("page: queries before -> after the demo; median server time before -> after")
    for url in PAGES:
        (q0, t0), (q1, t1) = empty[url], measure(client, url)
        print(
            f"  {url}: {q0} -> {q1} queries; {t0 * 1000:.0f} -> {t1 * 1000:.0f} ms "
            f"(x{t1 / t0:.1f}; {t1 / health:.0f} x /healthz)"
        )


if __name__ == "__main__":
    main()
