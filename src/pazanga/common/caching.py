"""Anonymous public pages served from the shared cache, and forgotten when content changes.

Decision 0094. A page is cached only when all of these hold:

- its view is named in `settings.PUBLIC_PAGE_VIEWS` (the portal's public pages);
- the request is a GET or HEAD by an anonymous visitor who carries no session or messages
  cookie (someone who just logged out, or has a message waiting, gets the page rendered);
- the response is a 200 whose rendering read no CSRF token, set no cookie and is not marked
  private; so a page with a form, a message or anything personal is never stored.

Keys hold the content generation: saving or deleting a row of an app listed in
`settings.PUBLIC_CONTENT_APPS` moves the generation on when its transaction commits, so every
cached page is forgotten at once (coarse, but never stale: a change is rare next to the
reads). `.update()` and raw SQL send no signal; `PUBLIC_PAGE_SECONDS` bounds how long such a
change, or a deadline passing, can go unseen. The cache is Django's default: Redis shared
by every worker in production (REDIS_URL), each process's memory otherwise.
"""

from collections.abc import Callable
from hashlib import sha256
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

GENERATION_KEY = "public-pages:generation"
# Saves that change nothing a public page shows (a login stamping last_login).
QUIET_UPDATES = frozenset({"last_login"})


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def forget_public_pages() -> None:
    """Every cached public page is out of date (after the current transaction commits)."""

    def bump() -> None:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not set yet (or evicted): start a generation no page has
            cache.set(GENERATION_KEY, generation() + 1, timeout=None)

    bump.forgets_public_pages = True  # type: ignore[attr-defined]
    transaction.on_commit(bump)


def other_after_commit_work(callbacks: list[Callable[[], object]]) -> list[Callable[[], object]]:
    """`callbacks` less the bumps above: for tests that check which work (mail, tasks) a
    change queues after its commit."""
    return [c for c in callbacks if not getattr(c, "forgets_public_pages", False)]


def content_changed(sender: Any, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if update_fields and set(update_fields) <= QUIET_UPDATES:
        return
    forget_public_pages()


def connect_content_signals() -> None:
    """Listen to saves and deletes of the models of the apps whose content pages show."""
    for label in settings.PUBLIC_CONTENT_APPS:
        if not apps.is_installed(f"pazanga.{label}"):
            continue
        for model in apps.get_app_config(label).get_models():
            post_save.connect(content_changed, sender=model, dispatch_uid=f"public-{model}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"public-{model}-d")


def may_use_cache(request: HttpRequest) -> bool:
    match = request.resolver_match
    return (
        request.method in ("GET", "HEAD")
        and match is not None
        and match.view_name in settings.PUBLIC_PAGE_VIEWS
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def page_key(request: HttpRequest) -> str:
    path = sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"public-pages:{generation()}:{get_language()}:{path}"


def may_store(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200  # noqa: PLR2004
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PublicPageCacheMiddleware:
    """Serves and stores the anonymous public pages (see the module's docstring). Placed
    after the authentication and messages middleware, so that it knows who is asking."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = getattr(request, "public_page_key", None)
        if key is not None and may_store(request, response):
            stored = {
                "content": response.content,
                "headers": {
                    name: value
                    for name, value in response.items()
                    if name.lower() in ("content-type", "content-language")
                },
                "modified": http_date(),
            }
            cache.set(key, stored, settings.PUBLIC_PAGE_SECONDS)
            response["Last-Modified"] = stored["modified"]
            mark_public(response)
        return response

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not may_use_cache(request):
            return None
        key = page_key(request)
        stored = cache.get(key)
        if stored is not None:
            return rebuilt(stored)
        request.public_page_key = key  # type: ignore[attr-defined]
        return None


def rebuilt(stored: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(stored["content"])
    for name, value in stored["headers"].items():
        response[name] = value
    response["Last-Modified"] = stored["modified"]
    mark_public(response)
    return response


def mark_public(response: HttpResponse) -> None:
    """Browsers revalidate (ETag / Last-Modified, answered 304) rather than guess."""
    patch_cache_control(response, max_age=0, must_revalidate=True)
    response.public_page = True  # type: ignore[attr-defined]
