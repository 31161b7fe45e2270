"""50 clients for 60 s against gunicorn on PostgreSQL, with a mixed script (Locust).

Visitors read the public pages (nine in ten clients), programme staff open the reports,
the ranking, an event dashboard and the portfolio (bench/_locustfile.py). The server runs
with production settings (DEBUG=0, collected static files, two gunicorn workers of four
threads for the two cores) on a database of its own holding the demo at scale 1; the load
generator runs on the same machine, so the figures are a floor.

Prints p50/p95/p99, requests per second and errors, and the goal: 0 errors, p95 < 300 ms.
Needs PostgreSQL at LOAD_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/
pazanga_perf_load; created when missing); without one it says so and stops.

Run: .venv/bin/python bench/load_test.py    (LOAD_SECONDS, LOAD_USERS change the run)
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OUT = ROOT / "var" / "bench"
URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pazanga_perf_load")
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
USERS = int(os.environ.get("LOAD_USERS", "50"))
PORT = int(os.environ.get("LOAD_PORT", "18917"))
P95_GOAL_MS = 300.0
ENV = {
    **os.environ,
    "DEBUG": "0",
    "SECRET_KEY": "load-test-only-" + "k9Vq2xLm7Rt4Wz8Np3Hs6Jd1Fb5Gc0Ye" * 2,
    "DATABASE_URL": URL,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "BEHIND_PROXY": "0",
    "SECURE_HSTS_SECONDS": "0",
    "STATIC_ROOT": str(OUT / "static"),
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "PYTHONPATH": str(ROOT / "src"),
    "LOG_LEVEL": "ERROR",
}


def manage(*command: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), *command],
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {command[0]} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def database_ready() -> bool:
    """Create the database when missing; False when no PostgreSQL answers."""
    parts = urlparse(URL)
    host, user, name = parts.hostname or "127.0.0.1", parts.username or "postgres", parts.path[1:]
    probe = subprocess.run(  # noqa: S603
        ["psql", "-h", host, "-U", user, "-d", "postgres", "-Atc", "select 1"],  # noqa: S607
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        return False
    subprocess.run(  # noqa: S603 - "already exists" is fine
        ["createdb", "-h", host, "-U", user, name],  # noqa: S607
        capture_output=True,
        check=False,
    )
    return True


FIND = """
import json
from django.db.models import Count
from pazanga.events.models import Event
from pazanga.grants.models import Call
call = Call.objects.annotate(n=Count("applications")).order_by("-n", "pk").first()
busiest = Event.objects.annotate(n=Count("registrations")).order_by("-n", "pk").first()
conference = Event.objects.filter(is_demo=False).order_by("starts_at").first() or busiest
print(json.dumps({"call": call.pk, "busiest": busiest.slug, "conference": conference.slug}))
"""


def prepare() -> dict[str, str]:
    started = time.perf_counter()
    manage("migrate", "--noinput", "-v", "0")
    manage("load_reference")
    manage("load_demo")
    manage("collectstatic", "--noinput", "-v", "0")
    found = json.loads(manage("shell", "-c", FIND).strip().splitlines()[-1])
    print(f"database ready in {time.perf_counter() - started:.0f} s")
    return {
        "LOAD_RANKING_CALL": str(found["call"]),
        "LOAD_DASHBOARD_EVENT": found["busiest"],
        "LOAD_CONFERENCE_SLUG": found["conference"],
    }


def serve() -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            "config.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "2",
            "-k",
            "gthread",
            "--threads",
            "4",
            "--timeout",
            "60",
            # Longer than a client's pause between requests: a connection the server closes
            # just as the client reuses it is reset (with nginx in front this never happens).
            "--keep-alive",
            "10",
        ],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGTERM)
    sys.exit("gunicorn did not start")


def run_locust(extra: dict[str, str]) -> dict[str, str]:
    OUT.mkdir(parents=True, exist_ok=True)
    prefix = OUT / "load"
    subprocess.run(  # noqa: S603
        [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "bench" / "_locustfile.py"),
            "--headless",
            "--only-summary",
            "-u",
            str(USERS),
            "-r",
            str(max(1, USERS // 5)),
            "-t",
            f"{SECONDS}s",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--csv",
            str(prefix),
        ],
        env={**os.environ, **extra},
        capture_output=True,
        check=False,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["Name"] != "Aggregated":
            print(
                f"  {row['Name']:<28} {int(row['Request Count']):6d} req "
                f"{int(row['Failure Count']):4d} errors  p50 {row['50%']:>5} ms  "
                f"p95 {row['95%']:>5} ms  p99 {row['99%']:>5} ms"
            )
    with open(f"{prefix}_failures.csv", newline="") as handle:
        for failure in csv.DictReader(handle):
            print(f"  error: {failure['Name']}: {failure['Error']} x{failure['Occurrences']}")
    return next(row for row in rows if row["Name"] == "Aggregated")


def main() -> None:
    if not database_ready():
        print(f"skipped: no PostgreSQL answers at {URL} (set LOAD_DATABASE_URL)")
        return
    extra = prepare()
    server = serve()
    try:
        total = run_locust(extra)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    errors = int(total["Failure Count"])
    p95 = float(total["95%"])
    print(
        f"{USERS} clients, {SECONDS} s, gunicorn 2x4 on PostgreSQL, Locust on the same machine: "
        f"{float(total['Requests/s']):.1f} req/s, p50 {total['50%']} ms, p95 {total['95%']} ms, "
        f"p99 {total['99%']} ms, {errors} errors of {total['Request Count']}"
    )
    print("goals (ratio  target  met):")
    print(f"  {'errors':<52} {errors:8d}  {'= 0':<8} {'met' if errors == 0 else 'NOT MET'}")
    met = p95 < P95_GOAL_MS
    print(f"  {'p95 ms':<52} {p95:8.0f}  {'< 300':<8} {'met' if met else 'NOT MET'}")


if __name__ == "__main__":
    main()
