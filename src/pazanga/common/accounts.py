"""allauth's hooks for the platform (settings.ACCOUNT_ADAPTER).

E-mails speak as the platform (its name, and its address from SITE_URL), never as the host
and port a request came through; limits count the real client behind trusted proxies.
"""

from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from pazanga.common.ratelimit import allauth_retry_after, client_ip, too_many_requests


def site() -> SimpleNamespace:
    """The platform's name and address for e-mails, from settings (SITE_URL)."""
    return SimpleNamespace(name=_("Pažanga"), domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        context = {**context, "current_site": site(), "site_url": settings.SITE_URL}
        super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject: str) -> str:
        return f"[{_('Pažanga')}] {subject}"

    def get_client_ip(self, request: HttpRequest) -> str:
        """The same client address as every other limit (behind TRUSTED_PROXY_COUNT proxies)."""
        return client_ip(request)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """A sign-in refused for too many failed attempts gets the 429 page, not a form error.

        allauth counts failed attempts per client and per e-mail address in the cache
        (ACCOUNT_RATE_LIMITS["login_failed"]); once a limit is reached no password is
        checked until it lets go.
        """
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                response = too_many_requests(request, allauth_retry_after(request))
                raise ImmediateHttpResponse(response) from None
            raise
