"""Navigation that shows each person what their roles let them use."""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pazanga.programme.enums import Role
from pazanga.programme.permissions import roles_of


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    roles: frozenset[str] | None = None  # None: everyone

    def url(self) -> str:
        return reverse(self.url_name)


PUBLIC_ITEMS = (
    NavItem(_("Programme"), "portal:programme"),
    NavItem(_("News"), "portal:news_list"),
    NavItem(_("Libraries"), "directory:organisation_list"),
)
MEMBER_ITEMS = (
    NavItem(_("My page"), "portal:dashboard", frozenset()),
    NavItem(
        _("People to confirm"),
        "programme:pending_assignments",
        frozenset({Role.PROGRAMME_STAFF}),
    ),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = roles_of(user) if user is not None and user.is_authenticated else set()
    items = list(PUBLIC_ITEMS)
    if user is not None and user.is_authenticated:
        items += [item for item in MEMBER_ITEMS if not item.roles or item.roles & roles]
    return {
        "nav_items": [{"label": item.label, "url": item.url()} for item in items],
        "user_roles": roles,
        "is_programme_staff": Role.PROGRAMME_STAFF in roles,
    }
