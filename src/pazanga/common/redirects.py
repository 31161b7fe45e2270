"""The one way a view follows a `next` address: only to this site, else to a fallback.

Every `next` a view reads goes through `redirect_back`, which asks Django's
`url_has_allowed_host_and_scheme` (this host only; https only when the request was
https), so a link from elsewhere cannot send someone on to another site. Django's own
views (`set_language`, sign-in through allauth) check their `next` the same way.
A test reads every view module and fails when one reads `next` itself.
"""

from typing import Any

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest) -> str:
    """The request's `next` (POST, else GET) when it is an address of this site, else ""."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def redirect_back(request: HttpRequest, *fallback: Any) -> HttpResponseRedirect:
    """To the page the form was sent from (`next`, this site only), else to `fallback`
    (a URL, or a URL name and its arguments as for `redirect`)."""
    return redirect(safe_next(request) or redirect(*fallback).url)
