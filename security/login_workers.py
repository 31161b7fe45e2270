"""Login guesses checked across 4 gunicorn workers sharing Redis (goal: exactly the limit).

    .venv/bin/python security/login_workers.py      (Redis on 127.0.0.1:6379)

Two gunicorn servers with two workers each, behind one trusted proxy, answer wrong
guesses in turn: 24 at one account from 24 addresses (limit 5 per account) and 24 at 24
accounts from one address (limit 10 per address). Then, after the address is locked out,
a correct login of another person from another address must succeed (one user's failures
do not lock out others). The same run with each process's own memory shows what Redis
prevents.
"""

import tempfile
from pathlib import Path

import _here  # noqa: F401 (the source folder on the path)

from pazanga.common.tests.test_deploy import manage, production_env
from pazanga.common.tests.test_ratelimit_workers import (
    FAST_HASHER,
    PASSWORD,
    call,
    guess,
    redis_is_up,
    start_servers,
    stop,
)


def database(folder: Path) -> None:
    env = production_env(folder)
    assert manage(env, "migrate", "--noinput", "-v", "0").returncode == 0
    made = manage(
        env,
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; from pazanga.directory.models import User; "
        f"settings.PASSWORD_HASHERS = {FAST_HASHER!r}; "
        f"User.objects.create_user(email='ona@alytus.example', password='{PASSWORD}'); "
        f"jonas = User.objects.create_user(email='jonas@birzai.example', password='{PASSWORD}'); "
        "from allauth.account.models import EmailAddress; "
        "EmailAddress.objects.create(user=jonas, email=jonas.email, verified=True, primary=True)",
    )
    assert made.returncode == 0, made.stderr


def correct_login(port: int, client: str, email: str) -> int:
    import http.cookies
    import re

    _, headers, page = call(port, client)
    cookies = http.cookies.SimpleCookie()
    for header in headers.get_all("Set-Cookie"):
        cookies.load(header)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = {"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    status, _, _ = call(port, client, data, cookies["csrftoken"].value)
    return status


def run(folder: Path, redis_url: str) -> dict[str, object]:
    ports, servers = start_servers(folder, REDIS_URL=redis_url)
    try:
        per_account = [
            guess(ports[n % 2], f"203.0.113.{n + 1}", "ona@alytus.example") for n in range(24)
        ]
        per_address = [
            guess(ports[n % 2], "198.51.100.7", f"person{n}@example.org") for n in range(24)
        ]
        other = correct_login(ports[1], "192.0.2.44", "jonas@birzai.example")
    finally:
        stop(servers)
    return {
        "per account (limit 5)": per_account.count("checked"),
        "per address (limit 10)": per_address.count("checked"),
        "another person's correct login after the lock-out": other,
    }


def main() -> None:
    if not redis_is_up():
        raise SystemExit("Redis is not running on 127.0.0.1:6379.")
    with tempfile.TemporaryDirectory() as folder:
        database(Path(folder))
        print("4 workers, Redis:", run(Path(folder), "redis://127.0.0.1:6379/13"))
        print("4 workers, own memory:", run(Path(folder), ""))


if __name__ == "__main__":
    main()
