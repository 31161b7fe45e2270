"""The Celery application, used only when TASK_QUEUE=celery (see pazanga/common/tasks.py).

Start workers with: PYTHONPATH=src .venv/bin/celery -A config worker -l info
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("pazanga")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.task(name="pazanga.run", acks_late=True)
def run(path: str, args: list[object]) -> None:
    """Run one queued piece of work: the function at `path` with JSON arguments."""
    from pazanga.common.tasks import run_now

    run_now(path, args)
