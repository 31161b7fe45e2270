"""The API's rate limit: counted per client address as every limit of the platform is
(`pazanga.common.ratelimit.client_key`, django-ratelimit's counters in Django's cache),
at `settings.RATE_LIMITS["open_data_api"]`. A refused request is HTTP 429 with
`Retry-After` and a JSON error (DRF's throttling answer)."""

from typing import Any

from django.conf import settings
from django_ratelimit.core import get_usage
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from pazanga.common.ratelimit import client_key

GROUP = "pazanga.open_data_api"


class ClientThrottle(BaseThrottle):
    def __init__(self) -> None:
        self.time_left = 0

    def allow_request(self, request: Request, view: Any) -> bool:
        usage = get_usage(
            request._request,
            group=GROUP,
            key=lambda group, plain: client_key(plain),
            rate=settings.RATE_LIMITS["open_data_api"],
            method=["GET", "HEAD", "OPTIONS"],
            increment=True,
        )
        if usage is not None and usage["should_limit"]:
            self.time_left = max(1, int(usage["time_left"]))
            return False
        return True

    def wait(self) -> float | None:
        return self.time_left
