"""Response headers the platform adds to every page."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


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
