"""Who may see which call and application (404 for objects a person may not see)."""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from pazanga.grants.models import Application, Call
from pazanga.programme.enums import Role
from pazanga.programme.permissions import (
    current_programme,
    has_role,
    is_programme_staff,
    role_required,
)

staff_or_committee_required = role_required(Role.PROGRAMME_STAFF, Role.COMMITTEE_MEMBER)
reviewer_required = role_required(Role.REVIEWER)
library_staff_required = role_required(Role.LIBRARY_STAFF)


def may_see_all_applications(user: Any) -> bool:
    return is_programme_staff(user) or has_role(user, Role.COMMITTEE_MEMBER)


def programme_call(pk: int) -> Call:
    return get_object_or_404(Call, pk=pk, programme=current_programme())


def visible_call(user: Any, pk: int) -> Call:
    """Published calls are public; drafts only for programme staff."""
    call = get_object_or_404(Call, pk=pk)
    if not call.is_published and not is_programme_staff(user):
        raise Http404
    return call


def visible_application(user: Any, pk: int) -> Application:
    """Staff and the committee see every application; library staff their library's."""
    from pazanga.programme.permissions import may_act_for_library

    application = get_object_or_404(
        Application.objects.select_related("call", "library__municipality"), pk=pk
    )
    if may_see_all_applications(user) or may_act_for_library(user, application.library):
        return application
    raise Http404
