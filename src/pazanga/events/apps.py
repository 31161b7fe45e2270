import random

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "pazanga.events"
    label = "events"
    verbose_name = _("Events")

    def load_reference(self) -> None:
        from pazanga.events import reference

        reference.load()

    def load_demo(self, rng: "random.Random") -> None:
        from pazanga.events import demo

        demo.load(rng)
