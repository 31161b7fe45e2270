import random

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "pazanga.grants"
    label = "grants"
    verbose_name = _("Grants")
    # Dotted path of the function that says whether someone on a library's staff completed
    # a training module; settings.GRANTS_TRAINING_PROVIDER may name another (for a platform
    # run without the training app: "pazanga.grants.queries.training_completion_unknown").
    default_training_provider = "pazanga.training.queries.library_completed_module"

    def load_demo(self, rng: "random.Random") -> None:
        from pazanga.grants import demo

        demo.load(rng)

    def load_demo_copy(self, rng: "random.Random", copy: int) -> None:
        from pazanga.grants import demo

        demo.load_copy(rng, copy)
