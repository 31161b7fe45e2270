import random

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "pazanga.grants"
    label = "grants"
    verbose_name = _("Grants")
    # Dotted path of the function that says whether someone on a library's staff completed
    # a training module (see queries.training_completion_unknown). The training app sets
    # settings.GRANTS_TRAINING_PROVIDER to its own function when it is installed.
    default_training_provider = "pazanga.grants.queries.training_completion_unknown"

    def load_demo(self, rng: "random.Random") -> None:
        from pazanga.grants import demo

        demo.load(rng)
