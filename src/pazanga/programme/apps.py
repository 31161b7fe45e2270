import random

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "pazanga.programme"
    label = "programme"
    verbose_name = _("Programme")

    def load_reference(self) -> None:
        from pazanga.programme import reference

        reference.load()

    def load_demo(self, rng: "random.Random") -> None:
        from pazanga.programme import demo

        demo.load(rng)

    def load_demo_copy(self, rng: "random.Random", copy: int) -> None:
        from pazanga.programme import demo

        demo.load_copy(rng, copy)
