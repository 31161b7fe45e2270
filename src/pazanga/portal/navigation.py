"""Navigation: the public menu, and a workspace menu showing what each person's roles allow.

The portal is the top layer, so it is the one place that may link to every app.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from pazanga.programme.enums import Role
from pazanga.programme.permissions import roles_of

EVERYONE = None
R = Role


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    roles: frozenset[str] | None = EVERYONE  # None: every signed-in person (or visitor)


PUBLIC_MENU = (
    NavItem(_("Programme"), "portal:programme"),
    NavItem(_("News"), "portal:news_list"),
    NavItem(_("Events"), "events:list"),
    NavItem(_("Training"), "training:calendar"),
    NavItem(_("Calls"), "grants:calls"),
    NavItem(_("Funded projects"), "projects:public_list"),
    NavItem(_("Libraries"), "directory:organisation_list"),
    NavItem(_("Results"), "workplan:results"),
)
WORKSPACE_MENU = (
    NavItem(_("My page"), "portal:dashboard"),
    NavItem(_("My registrations"), "events:my_registrations"),
    NavItem(_("My training"), "training:my_record", frozenset({R.LIBRARY_STAFF})),
    NavItem(_("My applications"), "grants:mine", frozenset({R.LIBRARY_STAFF})),
    NavItem(_("My reviews"), "grants:my_reviews", frozenset({R.REVIEWER})),
    NavItem(_("My projects"), "projects:mine", frozenset({R.LIBRARY_STAFF})),
    NavItem(_("Projects portfolio"), "projects:portfolio", frozenset({R.PROGRAMME_STAFF})),
    NavItem(_("Project results"), "projects:rollup", frozenset({R.PARTNER, R.RESEARCHER})),
    NavItem(_("My sessions"), "training:trainer_sessions", frozenset({R.TRAINER})),
    NavItem(
        _("People to confirm"), "programme:pending_assignments", frozenset({R.PROGRAMME_STAFF})
    ),
    NavItem(_("Manage events"), "events:manage_list", frozenset({R.PROGRAMME_STAFF})),
    NavItem(_("Check-in"), "events:check_in_events", frozenset({R.PROGRAMME_STAFF, R.TRAINER})),
    NavItem(_("Manage training"), "training:manage", frozenset({R.PROGRAMME_STAFF})),
    NavItem(_("Manage the plan"), "workplan:manage", frozenset({R.PROGRAMME_STAFF})),
    NavItem(
        _("Training reports"),
        "training:reports",
        frozenset({R.PROGRAMME_STAFF, R.PARTNER, R.RESEARCHER}),
    ),
    NavItem(
        _("Questionnaires"), "questionnaires:list", frozenset({R.PROGRAMME_STAFF, R.RESEARCHER})
    ),
)


def visible(items: tuple[NavItem, ...], roles: set[str]) -> list[dict[str, Any]]:
    return [
        {"label": item.label, "url": reverse(item.url_name)}
        for item in items
        if item.roles is EVERYONE or item.roles & roles
    ]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    roles = roles_of(user) if signed_in else set()
    return {
        "nav_items": visible(PUBLIC_MENU, roles),
        "workspace_items": visible(WORKSPACE_MENU, roles) if signed_in else [],
        "user_roles": roles,
        "is_programme_staff": Role.PROGRAMME_STAFF in roles,
        "operator": operator(),
    }


def operator() -> dict[str, str]:
    """The organisation running this installation, in the active language (from settings)."""
    details = dict(settings.OPERATOR)
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    details["name"] = details.get(f"name_{language}") or details["name_lt"]
    return details
