from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "pazanga.common"
    label = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from pazanga.common import checks  # noqa: F401  (registers the deploy checks)
        from pazanga.common.caching import connect_content_signals

        connect_content_signals()

    def load_reference(self) -> None:
        from pazanga.common import reference

        reference.load()
