"""Who may do what: the one module every view asks.

Roles are held per programme (RoleAssignment, confirmed). Superusers count as programme
staff of every programme. Answers are cached on the user object for the request.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, resolve, reverse

from pazanga.directory.models import Organisation
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.models import Programme, RoleAssignment

_UNREAD = object()
# Within a request (CurrentProgrammeMiddleware): a one-item list holding the programme once
# read; None outside a request, where nothing is memoized.
_memo: ContextVar[list[Any] | None] = ContextVar("current_programme_memo", default=None)


def current_programme() -> Programme | None:
    """The current programme; read once per request (see programme.middleware)."""
    memo = _memo.get()
    if memo is None:
        return Programme.objects.current()
    if memo[0] is _UNREAD:
        memo[0] = Programme.objects.current()
    return memo[0]  # type: ignore[no-any-return]


@contextmanager
def programme_memo() -> Iterator[None]:
    """Memoize `current_programme()` inside the block (one request)."""
    token = _memo.set([_UNREAD])
    try:
        yield
    finally:
        _memo.reset(token)


def _confirmed_assignments(user: Any) -> list[RoleAssignment]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_confirmed_assignments", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(
                user=user, status=AssignmentStatus.CONFIRMED
            ).select_related("organisation", "programme")
        )
        user._confirmed_assignments = cached
    return cached


def roles_of(user: Any, programme: Programme | None = None) -> set[str]:
    """The roles `user` holds in `programme` (the current one when not given)."""
    programme = programme or current_programme()
    if programme is None:
        return set()
    roles = {a.role for a in _confirmed_assignments(user) if a.programme_id == programme.pk}
    if getattr(user, "is_superuser", False):
        roles.add(Role.PROGRAMME_STAFF)
    return roles


def has_role(user: Any, role: str, programme: Programme | None = None) -> bool:
    return role in roles_of(user, programme)


def is_programme_staff(user: Any, programme: Programme | None = None) -> bool:
    return has_role(user, Role.PROGRAMME_STAFF, programme)


def libraries_of(user: Any, programme: Programme | None = None) -> list[Organisation]:
    """The libraries `user` is confirmed to act for."""
    programme = programme or current_programme()
    if programme is None:
        return []
    return [
        a.organisation
        for a in _confirmed_assignments(user)
        if a.role == Role.LIBRARY_STAFF and a.programme_id == programme.pk and a.organisation
    ]


def may_act_for_library(user: Any, library: Organisation) -> bool:
    return any(org.pk == library.pk for org in libraries_of(user))


def role_required(
    *roles: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """View decorator: anonymous people are sent to log in, others without a role get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not roles_of(request.user) & set(roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        # Read by `may_open`, so that a link is shown by the same rule the view applies.
        wrapped.roles_required = frozenset(roles)  # type: ignore[attr-defined]
        return wrapped

    return decorator


programme_staff_required = role_required(Role.PROGRAMME_STAFF)


def may_open(user: Any, url_name: str, *args: Any) -> bool:
    """Whether `user` passes the role check of the view behind `url_name`.

    The check is the view's own: `role_required` records its roles on the view, so a link
    is shown by the same rule that would refuse it. Views without a role check are open to
    everyone (a login they need is asked for, never refused).
    """
    return link_for(user, url_name, *args) != ""


def link_for(user: Any, url_name: str, *args: Any, roles: set[str] | None = None) -> str:
    """The address of `url_name` when `user` may open it, else "".

    `roles`: the user's roles when the caller already knows them (saves the lookup).
    """
    try:
        url = reverse(url_name, args=args)
    except NoReverseMatch:
        return ""
    required = getattr(resolve(url).func, "roles_required", None)
    if required is None:
        return url
    if not getattr(user, "is_authenticated", False):
        return ""
    return url if (roles_of(user) if roles is None else roles) & required else ""
