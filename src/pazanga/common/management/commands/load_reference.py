from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the programme's real reference data (idempotent: safe to run again)."

    def handle(self, *args: object, **options: object) -> None:
        # Apps are loaded in INSTALLED_APPS order, which follows the dependency layers.
        for config in apps.get_app_configs():
            loader = getattr(config, "load_reference", None)
            if loader is not None:
                loader()
                self.stdout.write(f"reference data loaded: {config.label}")
