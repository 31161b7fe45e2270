import random

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "pazanga.portal"
    label = "portal"
    verbose_name = _("Portal")

    def load_demo(self, rng: "random.Random") -> None:
        from pazanga.portal import demo

        demo.load(rng)
