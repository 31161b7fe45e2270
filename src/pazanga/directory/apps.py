import random

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "pazanga.directory"
    label = "directory"
    verbose_name = _("Directory")

    def load_reference(self) -> None:
        from pazanga.directory import reference

        reference.load()

    def load_demo(self, rng: "random.Random") -> None:
        from pazanga.directory import demo

        demo.load(rng)

    def load_demo_copy(self, rng: "random.Random", copy: int) -> None:
        from pazanga.directory import demo

        demo.load_copy(rng, copy)
