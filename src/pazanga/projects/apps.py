import random

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "pazanga.projects"
    label = "projects"
    verbose_name = _("Funded projects")

    def ready(self) -> None:
        # The grants app announces an award inside the transaction that makes it; the grant
        # opens there too, so an award and its grant commit together (decision 0060).
        from pazanga.grants.signals import application_awarded
        from pazanga.projects.receivers import open_awarded_grant

        application_awarded.connect(open_awarded_grant, dispatch_uid="projects.open_grant")

    def load_reference(self) -> None:
        from pazanga.projects import reference

        reference.load()

    def load_demo(self, rng: "random.Random") -> None:
        from pazanga.projects import demo

        demo.load(rng)

    def load_demo_copy(self, rng: "random.Random", copy: int) -> None:
        from pazanga.projects import demo

        demo.load_copy(rng, copy)
