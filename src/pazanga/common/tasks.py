"""Long work (bulk e-mail, PDF batches, big imports) goes through one entry point.

`run_later("pazanga.events.notifications.send_cancellation", registration.pk)` runs the
function after the current transaction commits: in the same process by default
(TASK_QUEUE=inline, nothing to set up), or on Celery workers through Redis in production
(TASK_QUEUE=celery with CELERY_BROKER_URL). Work is named by dotted path and takes JSON
arguments (ids, not objects), so either way it reads fresh rows when it runs.
"""

import json
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

INLINE, CELERY = "inline", "celery"


def run_later(path: str, *args: Any) -> None:
    """Queue `path(*args)` to run once the current transaction has committed."""
    arguments = json.loads(json.dumps(args))  # refuse what a queue could not carry
    transaction.on_commit(lambda: dispatch(path, arguments))


def dispatch(path: str, args: Sequence[Any]) -> None:
    if settings.TASK_QUEUE == CELERY:
        from config.celery import run

        run.delay(path, list(args))
    else:
        run_now(path, args)


def run_now(path: str, args: Sequence[Any]) -> None:
    if not path.startswith("pazanga."):
        raise ValueError(f"Only the platform's own functions are queued, not {path!r}.")
    import_string(path)(*args)
