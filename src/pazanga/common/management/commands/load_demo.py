import random
import time

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_SEED = 20140225  # the launch conference's date: the same demo on every machine


class Command(BaseCommand):
    help = "Load the clearly marked demo data (idempotent: a second run changes nothing)."

    def handle(self, *args: object, **options: object) -> None:
        started = time.monotonic()
        for config in apps.get_app_configs():
            loader = getattr(config, "load_demo", None)
            if loader is None:
                continue
            with transaction.atomic():
                loader(random.Random(f"{DEMO_SEED}-{config.label}"))  # noqa: S311 (not crypto)
            self.stdout.write(f"demo data loaded: {config.label}")
        self.stdout.write(f"demo data ready in {time.monotonic() - started:.1f} s")
