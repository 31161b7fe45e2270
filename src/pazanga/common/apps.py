from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "pazanga.common"
    label = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from pazanga.common import checks  # noqa: F401  (registers the deploy checks)

    def load_reference(self) -> None:
        from pazanga.common import reference

        reference.load()
