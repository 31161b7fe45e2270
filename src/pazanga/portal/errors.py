"""The platform's own error pages, in the page's language, saying what to do next.

Wired in config.urls (handler400/403/404/500) and settings.CSRF_FAILURE_VIEW. The 500 page
renders without touching the database, since a failing database is a common cause.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

from pazanga.programme.enums import AssignmentStatus
from pazanga.programme.models import RoleAssignment


def awaiting_confirmation(user: Any) -> bool:
    """Whether the person asked for a role the programme team has not decided on yet."""
    if not getattr(user, "is_authenticated", False):
        return False
    return RoleAssignment.objects.filter(user=user, status=AssignmentStatus.PENDING).exists()


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    context = {"pending": awaiting_confirmation(request.user)}
    return render(request, "errors/403.html", context, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    body = loader.get_template("errors/500.html").render({"LANGUAGE_CODE": language(request)})
    return HttpResponse(body, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)


def language(request: HttpRequest) -> str:
    return getattr(request, "LANGUAGE_CODE", "lt") or "lt"
