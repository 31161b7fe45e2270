"""What the platform adds around every response: refusals shown as pages, and headers."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
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


class PermissionsPolicyMiddleware:
    """`Permissions-Policy`: the browser features no page needs are switched off.

    The camera is allowed, for this site only, on the views named in
    `PERMISSIONS_POLICY_CAMERA_VIEWS` (the check-in page's QR scanner); everything else in
    `PERMISSIONS_POLICY_DENIED` is off everywhere.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        camera = match is not None and match.view_name in settings.PERMISSIONS_POLICY_CAMERA_VIEWS
        features = [
            f"{feature}=(self)" if feature == "camera" and camera else f"{feature}=()"
            for feature in settings.PERMISSIONS_POLICY_DENIED
        ]
        response.headers.setdefault("Permissions-Policy", ", ".join(features))
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Compression for what an anonymous visitor reads without a secret in it (decision 0095).

    BREACH recovers a secret from the compressed size of pages that also reflect what an
    attacker sends. A page that read the CSRF token, or one shown to a signed-in person, is
    sent uncompressed; anonymous pages without a token (the cached public pages among them)
    and static files are compressed."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        user = getattr(request, "user", None)
        # The CSRF middleware (inside this one) sets the cookie whenever the page read the token.
        read_token = settings.CSRF_COOKIE_NAME in response.cookies
        if read_token or getattr(user, "is_authenticated", False):
            return response
        return super().process_response(request, response)
