"""How sign-up, log-in and password e-mails speak: as the platform, never as a host name."""

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import gettext as _


def site() -> SimpleNamespace:
    """The platform's name and address for e-mails, from settings (SITE_URL)."""
    return SimpleNamespace(name=_("Pažanga"), domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        context = {**context, "current_site": site(), "site_url": settings.SITE_URL}
        super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject: str) -> str:
        return f"[{_('Pažanga')}] {subject}"
