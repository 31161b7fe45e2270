"""Navigation: the public menu, and a workspace menu showing what each person's roles allow.

The portal is the top layer, so it is the one place that may link to every app.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from pazanga.programme.enums import Role
from pazanga.programme.permissions import link_for, roles_of

R = Role


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    # Whom the link is for, among those its view lets in; the view's own role check
    # (`may_open`) decides whether it may be shown at all.
    for_roles: frozenset[str] | None = None


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
    NavItem(_("My applications"), "grants:mine"),
    NavItem(_("My reviews"), "grants:my_reviews"),
    NavItem(_("My projects"), "projects:mine"),
    NavItem(_("Projects portfolio"), "projects:portfolio"),
    NavItem(_("Project results"), "projects:rollup"),
    NavItem(_("My sessions"), "training:trainer_sessions", frozenset({R.TRAINER})),
    NavItem(_("People to confirm"), "programme:pending_assignments"),
    NavItem(_("Manage events"), "events:manage_list"),
    NavItem(_("Check-in"), "events:check_in_events", frozenset({R.PROGRAMME_STAFF, R.TRAINER})),
    NavItem(_("Manage training"), "training:manage"),
    NavItem(_("Manage the plan"), "workplan:manage"),
    NavItem(_("Training reports"), "training:reports"),
    NavItem(_("Questionnaires"), "questionnaires:list"),
    NavItem(_("Impact assessment"), "impact:home"),
)


def visible(items: tuple[NavItem, ...], user: Any, roles: set[str]) -> list[dict[str, Any]]:
    """The items `user` may open (their views' own checks) and that are meant for them."""
    shown = []
    for item in items:
        if item.for_roles is not None and not item.for_roles & roles:
            continue
        url = link_for(user, item.url_name, roles=roles)
        if url:
            shown.append({"label": item.label, "url": url})
    return shown


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    roles = roles_of(user) if signed_in else set()
    return {
        "nav_items": visible(PUBLIC_MENU, user, roles),
        "workspace_items": visible(WORKSPACE_MENU, user, roles) if signed_in else [],
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
