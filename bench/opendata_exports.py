"""Open-data benchmark: the 360Giving and IATI exports of 1,000 grants, and the API.

    .venv/bin/python bench/opendata_exports.py                      (SQLite)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pazanga \
        .venv/bin/python bench/opendata_exports.py                  (PostgreSQL)

Creates and drops its own test database, loads the reference data and writes 1,000 grants
(the funded-projects bench's data: 20 indicator targets each, 3 reports, tranches). Then it
prints, for the 360Giving package and the IATI document, the time to build, the time to
validate against the official schemas and the peak Python memory while building (tracemalloc);
and for each API list the queries and requests per second against a bare Django JSON view
of the same grants, measured in the same run. Query counts do not grow with the rows (pinned
by pazanga/opendata/tests/test_query_guards.py with 1 and 3 items).
"""

import os
import statistics
import sys
import time
import tracemalloc
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

REQUESTS = 40
BARE = "/bench/bare.json"
LISTS = (
    "/api/v1/grants/",
    "/api/v1/grants/?call=BENCH-2015",
    "/api/v1/libraries/",
    "/api/v1/calls/",
    "/api/v1/indicators/",
)


def bare_json(request):  # type: ignore[no-untyped-def]
    """The baseline: the first 50 grants' plain columns as JSON, nothing else."""
    from django.http import JsonResponse

    from pazanga.projects.models import Grant

    rows = list(
        Grant.objects.order_by("call__opens_at", "reference").values(
            "id", "reference", "title", "currency", "awarded_amount", "status"
        )[:50]
    )
    return JsonResponse({"count": len(rows), "results": rows})


def install_baseline_url() -> None:
    from django.urls import clear_url_caches, path

    from config import urls

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [path("bench/bare.json", bare_json), *urls.urlpatterns]  # type: ignore[attr-defined]
    sys.modules["bench_urls"] = module
    settings.ROOT_URLCONF = "bench_urls"
    clear_url_caches()


def per_second(client: Client, url: str) -> tuple[int, float]:
    """(queries, requests per second) of GET url, over REQUESTS requests."""
    reset_queries()  # the log keeps 9,000 queries: a full one would count nothing
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return len(captured), 1 / statistics.median(times)


def built(label: str, build, check) -> None:  # type: ignore[no-untyped-def]
    """Build once for the time (untraced), once for the peak memory (tracemalloc slows
    Python down several times), then validate."""
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = build()
        took = time.perf_counter() - started
    tracemalloc.start()
    build()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    started = time.perf_counter()
    problems = check(result)
    checked = time.perf_counter() - started
    print(
        f"  {label}: built in {took:.2f} s with {len(captured)} queries (peak "
        f"{peak / 2**20:.0f} MB), validated in {checked:.2f} s, {len(problems)} problems"
    )
    assert problems == [], problems[:5]


def main() -> None:
    setup_test_environment()
    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "open_data_api": "1000000/m"}
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> None:
    import random

    from projects_portfolio import write_data

    from pazanga.opendata import giving, iati
    from pazanga.programme.models import Programme
    from pazanga.projects.models import Grant

    install_baseline_url()
    call_command("load_reference", verbosity=0)
    write_data(random.Random(20140225))  # noqa: S311 (bench data, not cryptography)
    programme = Programme.objects.current()
    print(f"data: {Grant.objects.count()} grants; database: {connection.vendor}")
    built("360Giving package", lambda: giving.package(programme), giving.problems)
    built("IATI document", lambda: iati.document(programme), iati.problems)
    client = Client()
    base_queries, base = per_second(client, BARE)
    print(f"baseline: a bare Django JSON view, {base_queries} queries, {base:.0f} requests/s")
    for url in LISTS:
        queries, rate = per_second(client, url)
        share = rate / base
        print(f"  {url}: {queries} queries, {rate:.0f} requests/s ({share:.2f} of the bare view)")


if __name__ == "__main__":
    main()
