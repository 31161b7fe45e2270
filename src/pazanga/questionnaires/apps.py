import random

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "pazanga.questionnaires"
    label = "questionnaires"
    verbose_name = _("Questionnaires")

    def load_demo(self, rng: "random.Random") -> None:
        from pazanga.questionnaires import demo

        demo.load(rng)

    def load_demo_copy(self, rng: "random.Random", copy: int) -> None:
        from pazanga.questionnaires import demo

        demo.load_copy(rng, copy)
