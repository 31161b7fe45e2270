import random

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "pazanga.impact"
    label = "impact"
    verbose_name = _("Impact assessment")

    def load_reference(self) -> None:
        from pazanga.impact import reference

        reference.load()

    def load_demo(self, rng: "random.Random") -> None:
        from pazanga.impact import demo

        demo.load(rng)
