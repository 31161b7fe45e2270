"""Production configuration: deploy checks, start-up errors and gunicorn with WhiteNoise."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
PRODUCTION_KEY = "x" * 20 + "-a-long-random-production-key-1234567890-abcdefghij"


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "DATABASE_URL",
            "SECRET_KEY",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="pazanga.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        VAR_DIR=str(tmp_path),
        REDIS_URL="redis://127.0.0.1:6379/13",
        CACHE_KEY_PREFIX=f"pazanga-test-{os.getpid()}",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_passes_the_deploy_check_in_production_settings(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


DEVELOPMENT_KEY = "insecure-development-key-do-not-use-in-production"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": ""}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": DEVELOPMENT_KEY}, "SECRET_KEY is the development key"),
        ({"SECRET_KEY": "k3y-" * 12}, "SECRET_KEY is too weak (48 characters)"),
        ({"SECRET_KEY": "ab" * 30}, "SECRET_KEY is too weak (60 characters)"),
        (
            {"SECRET_KEY": PRODUCTION_KEY, "SECRET_KEY_FALLBACKS": DEVELOPMENT_KEY},
            "SECRET_KEY_FALLBACKS is the development key",
        ),
        (
            {"SECRET_KEY": PRODUCTION_KEY, "SECRET_KEY_FALLBACKS": f"{PRODUCTION_KEY}x,short"},
            "SECRET_KEY_FALLBACKS is too weak (5 characters)",
        ),
    ],
)
def test_it_refuses_to_start_in_production_without_a_strong_secret_key(
    tmp_path, variables, expected
):
    env = production_env(tmp_path)
    env.pop("SECRET_KEY")
    env.update(variables)
    result = manage(env, "check")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Configuration error: {expected}")
    assert "secrets.token_urlsafe(50)" in lines[0]


def test_it_uses_the_development_key_only_under_debug(tmp_path):
    env = production_env(tmp_path, DEBUG="1")
    env.pop("SECRET_KEY")
    show_key = "from django.conf import settings; print(settings.SECRET_KEY)"
    shown = manage(env, "shell", "-v", "0", "-c", show_key)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == DEVELOPMENT_KEY
    # `check --deploy` on such a machine still names the problem.
    checked = manage(env, "check", "--deploy")
    assert checked.returncode != 0
    assert "pazanga.E001" in checked.stderr + checked.stdout


SIGN = "from django.core import signing; print(signing.dumps('ona@alytus.example', salt='account'))"
VERIFY = (
    "import sys; from django.core import signing\n"
    "try:\n    print(signing.loads(sys.stdin.read().strip(), salt='account'))\n"
    "except signing.BadSignature:\n    print('refused')"
)


def test_it_accepts_links_signed_with_a_rotated_key_while_it_is_a_fallback(tmp_path):
    old_key, new_key = PRODUCTION_KEY, "n3w-" + PRODUCTION_KEY[4:]
    signed = manage(production_env(tmp_path, SECRET_KEY=old_key), "shell", "-v", "0", "-c", SIGN)
    assert signed.returncode == 0, signed.stderr
    token = signed.stdout.strip()

    def verify(**variables: str) -> str:
        env = production_env(tmp_path, **variables)
        result = subprocess.run(  # noqa: S603 (our own manage.py)
            [sys.executable, str(ROOT / "manage.py"), "shell", "-v", "0", "-c", VERIFY],
            env=env,
            input=token,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert verify(SECRET_KEY=new_key, SECRET_KEY_FALLBACKS=old_key) == "ona@alytus.example"
    assert verify(SECRET_KEY=new_key) == "refused"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("mysql://user@host/db", "is not a database URL this platform supports"),
        ("no-scheme-at-all", "is not a database URL this platform supports"),
        ("postgres://postgres@127.0.0.1:5432/", "names no database"),
    ],
)
def test_it_explains_a_bad_database_url_without_a_traceback(tmp_path, url, expected):
    result = manage(production_env(tmp_path, DATABASE_URL=url), "check")
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(urllib.request.Request(url, headers=headers), timeout=5)  # noqa: S310
    except urllib.error.HTTPError as error:
        return error


def test_it_serves_behind_gunicorn_with_static_files_and_secure_headers(tmp_path):
    env = production_env(tmp_path)
    collected = manage(env, "collectstatic", "--noinput", "-v", "0")
    assert collected.returncode == 0, collected.stderr
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}"],
        env={**env, "PYTHONPATH": str(ROOT / "src")},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        https = {"Host": "pazanga.example", "X-Forwarded-Proto": "https"}
        deadline = time.monotonic() + 30
        while True:
            try:
                health = fetch(f"{base}/healthz", https)
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        assert health.status == 200
        assert b'"database": {"status": "ok", "vendor": "sqlite"}' in health.read()
        assert health.headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert health.headers["X-Content-Type-Options"] == "nosniff"
        assert health.headers["X-Frame-Options"] == "DENY"
        assert health.headers["Referrer-Policy"] == "same-origin"
        assert "script-src 'self'" in health.headers["Content-Security-Policy"]
        assert "camera=()" in health.headers["Permissions-Policy"]

        plain = fetch(f"{base}/healthz", {"Host": "pazanga.example"})
        assert plain.status == 301
        assert plain.headers["Location"] == "https://pazanga.example/healthz"

        static = fetch(f"{base}/static/pazanga/pazanga.css", https)
        assert static.status == 200
        assert b"--accent" in static.read()
        assert "max-age" in static.headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_gunicorn_refuses_to_start_in_production_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    env.pop("SECRET_KEY")
    port = free_port()
    result = subprocess.run(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
        ],
        env={**env, "PYTHONPATH": str(ROOT / "src")},
        cwd=ROOT,  # where gunicorn finds gunicorn.conf.py, as in the README
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    refusals = [line for line in result.stderr.splitlines() if "Configuration error" in line]
    assert refusals == [
        "Configuration error: SECRET_KEY is not set; with DEBUG=0 it must be a long random "
        "value, made for example with "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
    ]
    assert "Traceback" not in result.stderr
    assert "Listening at" not in result.stderr  # stopped before opening the port
