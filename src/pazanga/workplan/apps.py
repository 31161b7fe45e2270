import random

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    name = "pazanga.workplan"
    label = "workplan"
    verbose_name = _("Workplan and results")

    def load_reference(self) -> None:
        from pazanga.workplan import reference

        reference.load()

    def load_demo(self, rng: "random.Random") -> None:
        from pazanga.workplan import demo

        demo.load(rng)
