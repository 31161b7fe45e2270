"""allauth's hooks for the platform (settings.ACCOUNT_ADAPTER)."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from pazanga.common.ratelimit import allauth_retry_after, client_ip, too_many_requests


class AccountAdapter(DefaultAccountAdapter):
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
