"""Rate limits: who the client is, where the counters live and what a refused client sees.

- `client_ip(request)`: the client's address, read from `X-Forwarded-For` only through the
  `TRUSTED_PROXY_COUNT` proxies the platform runs behind (allauth uses it too, through
  `pazanga.common.accounts.AccountAdapter`).
- `rate_limit("<name>")`: a view decorator limiting POSTs per client (and optionally per
  object) to `settings.RATE_LIMITS["<name>"]`. Counting is django-ratelimit's (fixed
  windows, atomic add/increment) in Django's cache, which is Redis in production so that
  every worker counts together (decision 0011).
- `too_many_requests(request, retry_after)`: the refusal, HTTP 429 with `Retry-After` and a
  page in the visitor's language; allauth's limits answer with it too (`handler429`).
"""

import ipaddress
import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
IPV6_GROUP_PREFIX = 64  # one household or office gets a /64: count it as one client


def client_ip(request: HttpRequest) -> str:
    """The address of the client, as seen by the first proxy we trust.

    Each trusted proxy appends the address it received the request from to
    `X-Forwarded-For`; entries to the left of those come from the client and can be forged,
    so only the entry `TRUSTED_PROXY_COUNT` places from the right is believed. Without
    trusted proxies (or with a header shorter than the chain, which our proxies never send)
    the connection's own address is used.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= count:
            candidate = hops[-count]
            if valid_ip(candidate):
                return candidate
    return remote if valid_ip(remote) else "unknown"


def valid_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def client_key(request: HttpRequest) -> str:
    """`client_ip`, with IPv6 addresses grouped by their /64 network."""
    ip = client_ip(request)
    if ":" in ip:
        network = ipaddress.IPv6Network(f"{ip}/{IPV6_GROUP_PREFIX}", strict=False)
        return str(network.network_address)
    return ip


def period_seconds(rates: str) -> int:
    """The longest period in a rate string: "10/m/ip,5/5m/key" -> 300."""
    longest = 0
    for rate in rates.split(","):
        parts = rate.strip().split("/")
        if len(parts) < 2 or not parts[1]:  # noqa: PLR2004 (amount/period[/per])
            continue
        period = parts[1]
        multiplier = int(period[:-1]) if period[:-1] else 1
        longest = max(longest, multiplier * PERIOD_SECONDS.get(period[-1], 60))
    return longest or 60


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """HTTP 429 with `Retry-After` (seconds) and a page saying how long to wait."""
    retry_after = max(1, math.ceil(retry_after))
    response = render(
        request,
        "common/too_many_requests.html",
        {"retry_minutes": max(1, math.ceil(retry_after / 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def rate_limit(
    name: str, *, per_url_argument: str | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Limit a view's POSTs to `settings.RATE_LIMITS[name]` per client.

    With `per_url_argument="slug"` the count is per client and per value of that URL
    argument (per client and event, say), so one busy event does not block another.
    GETs are never counted: reading a form costs nothing.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                scope = str(kwargs.get(per_url_argument, "")) if per_url_argument else ""
                usage = get_usage(
                    request,
                    group=f"pazanga.{name}",
                    key=lambda group, request: f"{client_key(request)}|{scope}",
                    rate=settings.RATE_LIMITS[name],
                    method="POST",
                    increment=True,
                )
                if usage is not None and usage["should_limit"]:
                    return too_many_requests(request, usage["time_left"])
            return view(request, *args, **kwargs)

        return limited

    return decorate


ALLAUTH_ACTIONS_BY_URL = {
    "account_login": ("login", "login_failed"),
    "account_signup": ("signup",),
    "account_reset_password": ("reset_password",),
    "account_reset_password_from_key": ("reset_password_from_key",),
}


def allauth_retry_after(request: HttpRequest) -> int:
    """Seconds after which every allauth limit of the page refused has let go."""
    match = getattr(request, "resolver_match", None)
    actions = ALLAUTH_ACTIONS_BY_URL.get(match.url_name if match else "", ())
    limits = settings.ACCOUNT_RATE_LIMITS
    periods = [period_seconds(limits[action]) for action in actions if limits.get(action)]
    return max(periods, default=60)


def allauth_too_many_requests(request: HttpRequest) -> HttpResponse:
    """allauth's `handler429` (config/urls.py): our page instead of its plain one."""
    return too_many_requests(request, allauth_retry_after(request))
