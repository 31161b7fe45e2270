"""Pages against a bare Django view, in one process and one database, at scale 1 and 10.

Each page is fetched through Django's test client (the whole middleware stack, no network)
by programme staff (staff pages) or by an anonymous visitor (public pages, on a cache hit
and on a miss). A bare view (`HttpResponse("ok")` behind the same middleware) is the anchor.
Requests are interleaved (page A, B, ..., bare, then again) and the figures are medians over
the rounds, because the machine is shared: CPU per request is the process's CPU time,
requests per second 1 / the median wall time.

The data set is `manage.py load_demo --scale N` in a SQLite file under var/bench/, built
when missing (scale 1: about a minute; scale 10: ten minutes or more on two shared cores).
Scale 10 is measured when its file exists or BENCH_SCALE10=1.

Run: .venv/bin/python bench/pages.py            (prints the table and each goal's ratio)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "var" / "bench"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
STAFF_EMAIL = "programa@pazanga.example"
STAFF_GOAL_MS = 20.0
STAFF_GROWTH_GOAL = 10.0
HIT_GOAL = 0.5
MISS_GOAL_MS = 10.0


def database(scale: int) -> Path:
    return DATA / f"scale-{scale}.sqlite3"


def environment(scale: int) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database(scale)}",
        "ALLOWED_HOSTS": "testserver,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "PYTHONPATH": str(ROOT / "src"),
    }


def build(scale: int) -> None:
    """The demo at `scale`, in a file of its own (kept for the next run)."""
    DATA.mkdir(parents=True, exist_ok=True)
    partial = database(scale).with_suffix(".partial")
    partial.unlink(missing_ok=True)
    env = {**environment(scale), "DATABASE_URL": f"sqlite:///{partial}"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    started = time.perf_counter()
    commands = (["migrate", "-v", "0"], ["load_reference"], ["load_demo", "--scale", str(scale)])
    for command in commands:
        subprocess.run([*manage, *command], env=env, check=True, capture_output=True)  # noqa: S603
    partial.rename(database(scale))
    print(f"built the scale-{scale} data set in {time.perf_counter() - started:.0f} s")


# --- In the child process: one scale -----------------------------------------------------


def measure_one_scale(scale: int) -> dict[str, object]:
    os.environ.update(environment(scale))
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log, production templates: as served
    settings.ROOT_URLCONF = "bench_urls"
    sys.modules["bench_urls"] = bench_urls()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    staff_client, public_client = Client(), Client()
    from pazanga.directory.models import User

    staff_client.force_login(User.objects.get(email=STAFF_EMAIL))
    staff_pages, public_pages = pages()

    # A miss: the same anonymous request with a messages cookie, which the cache never serves
    # (pazanga.common.caching): the page is rendered, and nothing cached is thrown away.
    missing_client = Client()
    missing_client.cookies["messages"] = "bench"

    def fetch(client: Client, url: str) -> tuple[float, float, int]:
        cpu, wall = time.process_time(), time.perf_counter()
        response = client.get(url)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        assert response.status_code == 200, (url, response.status_code)
        return cpu, wall, len(response.content)

    plan = [("bare", public_client, "/bare/", False)]
    plan += [(name, staff_client, url, False) for name, url in staff_pages]
    plan += [(f"{name} (hit)", public_client, url, False) for name, url in public_pages]
    plan += [(f"{name} (miss)", missing_client, url, True) for name, url in public_pages]
    samples: dict[str, list[tuple[float, float, int]]] = {name: [] for name, *_ in plan}
    queries: dict[str, int] = {}
    cache.clear()
    for name, client, url, _miss in plan:  # warm, and count the queries once
        fetch(client, url)
        with CaptureQueriesContext(connection) as captured:
            fetch(client, url)
        queries[name] = len(captured.captured_queries)
    for _ in range(ROUNDS):
        for name, client, url, _miss in plan:
            samples[name].append(fetch(client, url))
    return {
        name: {
            "cpu_ms": statistics.median(s[0] for s in rows) * 1000,
            "per_second": 1 / statistics.median(s[1] for s in rows),
            "kb": rows[-1][2] / 1024,
            "queries": queries[name],
        }
        for name, rows in samples.items()
    }


def bench_urls():  # type: ignore[no-untyped-def]
    """The project's URLs plus the bare view."""
    import types

    from django.http import HttpResponse
    from django.urls import path

    import config.urls

    module = types.ModuleType("bench_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("bare/", lambda request: HttpResponse("ok")),
        *config.urls.urlpatterns,
    ]
    for name in ("handler400", "handler403", "handler404", "handler500", "handler429"):
        setattr(module, name, getattr(config.urls, name))
    return module


def pages() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The staff and public pages measured, at their largest in the data set."""
    from django.db.models import Count

    from pazanga.events.models import Event
    from pazanga.grants.models import Call

    call = Call.objects.annotate(n=Count("applications")).order_by("-n", "pk").first()
    busiest = Event.objects.annotate(n=Count("registrations")).order_by("-n", "pk").first()
    conference = Event.objects.filter(is_demo=False).order_by("starts_at").first() or busiest
    staff = [
        ("training reports", "/lt/training/reports/"),
        ("grant ranking", f"/lt/grants/calls/{call.pk}/ranking/"),
        ("event dashboard", f"/lt/events/{busiest.slug}/manage/"),
        ("projects portfolio", "/lt/projects/manage/"),
    ]
    public = [
        ("home", "/lt/"),
        ("libraries", "/lt/libraries/"),
        ("events", "/lt/events/"),
        ("conference", f"/lt/events/{conference.slug}/"),
        ("training calendar", "/lt/training/"),
        ("calls", "/lt/grants/"),
        ("awarded", "/lt/grants/awarded/"),
        ("projects", "/lt/projects/"),
    ]
    return staff, public


# --- In the parent: the table and the goals ----------------------------------------------


def run_scale(scale: int) -> dict[str, dict[str, float]]:
    if not database(scale).exists():
        build(scale)
    done = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--one-scale", str(scale)],
        env=environment(scale),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"scale {scale} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(results: dict[int, dict[str, dict[str, float]]]) -> None:
    scales = sorted(results)
    print(f"medians of {ROUNDS} interleaved rounds; in-process test client, SQLite")
    header = "page".ljust(30) + "".join(
        f"| s{s} req/s | CPU ms | % bare | queries | KB " for s in scales
    )
    print(header)
    for name in results[scales[0]]:
        line = name.ljust(30)
        for s in scales:
            row, bare = results[s][name], results[s]["bare"]["per_second"]
            line += (
                f"| {row['per_second']:9.0f} | {row['cpu_ms']:6.1f} | "
                f"{100 * row['per_second'] / bare:5.1f}% | {row['queries']:7d} | {row['kb']:4.0f} "
            )
        print(line)
    print("goals (ratio  target  met):")
    first = results[scales[0]]
    staff = [n for n in first if n != "bare" and "(" not in n]
    for name in staff:
        cpu = first[name]["cpu_ms"]
        goal(f"{name}: CPU ms at scale 1", cpu, f"<= {STAFF_GOAL_MS:.0f}", cpu <= STAFF_GOAL_MS)
        if len(scales) > 1:
            growth = results[scales[-1]][name]["cpu_ms"] / cpu
            same = results[scales[-1]][name]["queries"] == first[name]["queries"]
            goal(
                f"{name}: CPU scale {scales[-1]} / scale 1",
                growth,
                f"<= {STAFF_GROWTH_GOAL:.0f}",
                growth <= STAFF_GROWTH_GOAL,
            )
            goal(f"{name}: same queries at both scales", float(same), "= 1", same)
    for s in scales:
        bare = results[s]["bare"]["per_second"]
        for name, row in results[s].items():
            if name.endswith("(hit)"):
                ratio = row["per_second"] / bare
                goal(f"s{s} {name}: req/s / bare", ratio, f">= {HIT_GOAL}", ratio >= HIT_GOAL)
            if name.endswith("(miss)"):
                cpu = row["cpu_ms"]
                goal(f"s{s} {name}: CPU ms", cpu, f"<= {MISS_GOAL_MS:.0f}", cpu <= MISS_GOAL_MS)


def goal(what: str, ratio: float, target: str, met: bool) -> None:
    print(f"  {what:<52} {ratio:8.2f}  {target:<8} {'met' if met else 'NOT MET'}")


def main() -> None:
    if sys.argv[1:2] == ["--one-scale"]:
        print(json.dumps(measure_one_scale(int(sys.argv[2]))))
        return
    scales = [1]
    if database(10).exists() or os.environ.get("BENCH_SCALE10") == "1":
        scales.append(10)
    report({scale: run_scale(scale) for scale in scales})


if __name__ == "__main__":
    main()
