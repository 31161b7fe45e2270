import random

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "pazanga.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        # A session's places are taken through enrolment only, never its event's form.
        from pazanga.events.entries import add_entry
        from pazanga.training.queries import session_entry

        add_entry(session_entry)

    def load_reference(self) -> None:
        from pazanga.training import reference

        reference.load()

    def load_demo(self, rng: "random.Random") -> None:
        from pazanga.training import demo

        demo.load(rng)

    def load_demo_copy(self, rng: "random.Random", copy: int) -> None:
        from pazanga.training import demo

        demo.load_copy(rng, copy)
