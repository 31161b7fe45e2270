"""Refusals no view caught are shown as a page with their reason (HTTP 409 Conflict)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme

from pazanga.common.refusals import Refusal


class RefusalMiddleware:
    """A `Refusal` that reaches the top becomes a 409 page saying why, in the page's
    language, with a way back; a second click on a button that already worked lands here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Refusal):
            return None
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = ""
        context = {"refusal": exception, "back": back}
        return TemplateResponse(request, "common/refused.html", context, status=409).render()
