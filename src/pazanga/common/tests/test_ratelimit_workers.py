"""Login limits hold across worker processes when the counters live in Redis.

Two gunicorn servers with two workers each (four processes, as in production) answer the
same wrong guesses in turn, behind one trusted proxy. Whichever process answers, exactly the
configured number of guesses is checked; with each process's own memory as the cache (the
development default) the limit multiplies, which is what the Redis setting is for.
"""

import http.cookies
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from pazanga.common.tests.test_deploy import ROOT, free_port, manage, production_env

REDIS = ("127.0.0.1", 6379)
HOST = "pazanga.example"
LOGIN = "/lt/accounts/login/"
PASSWORD = "correct-horse-battery"
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def redis_is_up() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not redis_is_up(), reason="Redis is not running on 6379")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def call(port: int, client: str, data: dict[str, str] | None = None, cookie: str = ""):
    headers = {
        "Host": HOST,
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": client,
        "Origin": f"https://{HOST}",
    }
    if cookie:
        headers["Cookie"] = f"csrftoken={cookie}"
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{LOGIN}", body, headers)
    try:
        with OPENER.open(request, timeout=20) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def guess(port: int, client: str, email: str) -> int | str:
    """One wrong password: "checked" when the password was compared, else the status."""
    _, headers, page = call(port, client)
    cookies = http.cookies.SimpleCookie()
    for header in headers.get_all("Set-Cookie"):
        cookies.load(header)
    cookie = cookies["csrftoken"].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = {"login": email, "password": "wrong-password", "csrfmiddlewaretoken": token}
    status, _, page = call(port, client, data, cookie)
    if status == 200 and "neteisingi" in page:
        return "checked"
    return status


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workers")
    env = production_env(folder)
    migrated = manage(env, "migrate", "--noinput", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr
    made = manage(
        env,
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; from pazanga.directory.models import User; "
        f"settings.PASSWORD_HASHERS = {FAST_HASHER!r}; "
        f"User.objects.create_user(email='ona@alytus.example', password='{PASSWORD}')",
    )
    assert made.returncode == 0, made.stderr
    return folder


def start_servers(folder: Path, **variables: str) -> tuple[list[int], list[subprocess.Popen]]:
    env = {
        **production_env(folder),
        "PYTHONPATH": str(ROOT / "src"),
        "TRUSTED_PROXY_COUNT": "1",
        "CACHE_KEY_PREFIX": f"pazanga-test-workers-{os.getpid()}-{time.monotonic_ns()}",
        **variables,
    }
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(  # noqa: S603 (our own server)
            [
                str(Path(sys.executable).parent / "gunicorn"),
                *("-w", "2", "--preload", "--no-control-socket"),
                *("-b", f"127.0.0.1:{port}"),
                "pazanga.common.tests.fast_wsgi",
            ],
            env=env,
            cwd=ROOT,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    deadline = time.monotonic() + 60
    for port in ports:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.1)
    return ports, servers


def stop(servers: list[subprocess.Popen]) -> None:
    # Throw-away servers: end each one's whole process group at once (master and workers)
    # rather than wait for gunicorn's graceful shutdown.
    for server in servers:
        os.killpg(server.pid, signal.SIGKILL)
    for server in servers:
        server.wait(timeout=20)


def test_login_limits_hold_across_four_workers_sharing_redis(database):
    ports, servers = start_servers(database, REDIS_URL="redis://127.0.0.1:6379/13")
    try:
        # 24 guesses at one account from 24 addresses: 5 per account (per 5 minutes).
        per_account = [
            guess(ports[n % 2], f"203.0.113.{n + 1}", "ona@alytus.example") for n in range(24)
        ]
        # 24 guesses at 24 accounts from one address: 10 per address (per minute).
        per_address = [
            guess(ports[n % 2], "198.51.100.7", f"person{n}@example.org") for n in range(24)
        ]
    finally:
        stop(servers)
    assert per_account == ["checked"] * 5 + [429] * 19
    assert per_address == ["checked"] * 10 + [429] * 14


def test_with_each_processs_own_memory_the_limit_multiplies(database):
    ports, servers = start_servers(database, REDIS_URL="")
    try:
        per_account = [
            guess(ports[n % 2], f"203.0.113.{n + 1}", "ona@alytus.example") for n in range(24)
        ]
    finally:
        stop(servers)
    assert per_account.count("checked") >= 10
