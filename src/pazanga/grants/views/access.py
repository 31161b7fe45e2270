"""Who may see which call and application (404 for objects a person may not see)."""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from pazanga.grants import queries
from pazanga.grants.models import Application, Attachment, Call
from pazanga.programme.enums import Role
from pazanga.programme.permissions import (
    current_programme,
    has_role,
    is_programme_staff,
    may_act_for_library,
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
    application = get_object_or_404(
        Application.objects.select_related("call", "library__municipality"), pk=pk
    )
    if may_see_all_applications(user) or may_act_for_library(user, application.library):
        return application
    raise Http404


def downloadable_attachment(user: Any, pk: int, attachment_pk: int) -> Attachment:
    """An attachment of application `pk` the person may download, else 404.

    Those who see the application see all its files; a reviewer assigned to it only the
    files of the submitted version (the snapshot's list).
    """
    attachment = get_object_or_404(
        Attachment.objects.select_related("application__library"),
        pk=attachment_pk,
        application_id=pk,
    )
    application = attachment.application
    if may_see_all_applications(user) or may_act_for_library(user, application.library):
        return attachment
    assignment = queries.assignment_of(user, pk)
    if assignment is not None and attachment.pk in submitted_attachment_ids(application):
        return attachment
    raise Http404


def submitted_attachment_ids(application: Application) -> set[int]:
    return {item["id"] for item in application.snapshot.get("attachments", [])}
