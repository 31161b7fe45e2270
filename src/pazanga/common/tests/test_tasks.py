"""The task queue: inline after commit by default; Celery workers through Redis in production."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import transaction

from pazanga.common.tasks import dispatch, run_later

ROOT = Path(__file__).resolve().parents[4]
CALLS: list[tuple[object, ...]] = []


def record(*args: object) -> None:
    CALLS.append(args)


def write_line(path: str, text: str) -> None:
    with Path(path).open("a", encoding="utf-8") as handle:
        handle.write(text + "\n")


@pytest.fixture(autouse=True)
def _no_calls_yet():
    CALLS.clear()


@pytest.mark.django_db(transaction=True)
def test_queued_work_runs_after_commit_and_not_after_rollback():
    with transaction.atomic():
        run_later("pazanga.common.tests.test_tasks.record", 1, "Šiauliai")
        assert CALLS == []
    assert CALLS == [(1, "Šiauliai")]
    with transaction.atomic():
        run_later("pazanga.common.tests.test_tasks.record", 2)
        transaction.set_rollback(True)
    assert CALLS == [(1, "Šiauliai")]


def test_only_json_arguments_can_be_queued():
    with pytest.raises(TypeError):
        run_later("pazanga.common.tests.test_tasks.record", object())


def test_only_the_platforms_own_functions_run():
    with pytest.raises(ValueError, match="Only the platform's own functions"):
        dispatch("os.system", ["true"])


def redis_is_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_is_up(), reason="Redis is not running on 127.0.0.1:6379")
def test_a_celery_worker_runs_work_queued_through_redis(tmp_path, settings):
    broker = "redis://127.0.0.1:6379/15"
    queue = f"pazanga-test-{os.getpid()}"
    out = tmp_path / "done.txt"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "CELERY_BROKER_URL": broker,
        "VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    worker = subprocess.Popen(  # noqa: S603 (our own worker)
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", queue],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        from config.celery import app, run

        app.conf.broker_url = broker
        settings.TASK_QUEUE = "celery"
        run.apply_async(
            ("pazanga.common.tests.test_tasks.write_line", [str(out), "Vilnius"]), queue=queue
        )
        deadline = time.monotonic() + 60
        while not out.exists():
            assert time.monotonic() < deadline, "the worker did not run the task"
            time.sleep(0.2)
        assert out.read_text(encoding="utf-8") == "Vilnius\n"
    finally:
        worker.terminate()
        worker.wait(timeout=20)
