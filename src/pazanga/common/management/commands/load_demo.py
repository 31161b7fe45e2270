import random
import time
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

DEMO_SEED = 20140225  # the launch conference's date: the same demo on every machine


class Command(BaseCommand):
    help = (
        "Load the clearly marked demo data (idempotent: a second run changes nothing). "
        "--scale N adds N - 1 generated copies of the library network and its activity."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="how many times the national network (1 = the programme's own size)",
        )

    def handle(self, *args: object, **options: Any) -> None:
        scale = max(1, int(options["scale"]))
        started = time.monotonic()
        for config in apps.get_app_configs():
            loader = getattr(config, "load_demo", None)
            if loader is not None:
                with transaction.atomic():
                    loader(random.Random(f"{DEMO_SEED}-{config.label}"))  # noqa: S311 (not crypto)
                self.stdout.write(f"demo data loaded: {config.label}")
            self.load_copies(config, scale)
        self.stdout.write(f"demo data ready in {time.monotonic() - started:.1f} s")

    def load_copies(self, config: Any, scale: int) -> None:
        """Copies 2..N, each from its own generator so that copy k is the same whatever
        was loaded before it; an app's `load_demo_copy(rng, copy)` skips a copy it holds."""
        copier = getattr(config, "load_demo_copy", None)
        if copier is None or scale < 2:  # noqa: PLR2004 (copy 1 is the base demo)
            return
        for copy in range(2, scale + 1):
            began = time.monotonic()
            with transaction.atomic():
                copier(random.Random(f"{DEMO_SEED}-{config.label}-{copy}"), copy)  # noqa: S311
            self.stdout.write(
                f"demo copy {copy} loaded: {config.label} ({time.monotonic() - began:.1f} s)"
            )
