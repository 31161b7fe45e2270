"""Who may see and do what in grants: role decorators and `<object>_for(user, pk)`.

Every grants view asks here. Roles come from `pazanga.programme.permissions` (held per
programme); the functions below return the object when the person may see it and raise
Http404 otherwise (an object one may not see does not exist for them). Staff and committee
screens reach only the calls, applications and assignments of the current programme;
library staff only their own library's applications; reviewers only their assignments.
A draft is seen only by its library's staff and programme staff: the committee decides
on what was submitted, so it sees an application (and its files) once it has been
submitted, in the calls of the programme it sits for.
"""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from pazanga.grants import queries
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.models import Application, Attachment, Call, CallReviewer, ReviewAssignment
from pazanga.programme.enums import Role
from pazanga.programme.permissions import (
    current_programme,
    has_role,
    is_programme_staff,
    may_act_for_library,
    programme_staff_required,
    role_required,
)

__all__ = [
    "application_for",
    "assignment_for",
    "attachment_for",
    "call_for",
    "draft_attachment_for",
    "draft_for",
    "library_staff_required",
    "may_see_all_applications",
    "person_for",
    "programme_staff_required",
    "reviewer_required",
    "seat_for",
    "staff_application_for",
    "staff_assignment_for",
    "staff_or_committee_required",
    "visible_call",
]

staff_or_committee_required = role_required(Role.PROGRAMME_STAFF, Role.COMMITTEE_MEMBER)
reviewer_required = role_required(Role.REVIEWER)
library_staff_required = role_required(Role.LIBRARY_STAFF)


def may_see_all_applications(user: Any) -> bool:
    """Programme staff and the committee (of the current programme): the people who read
    applications with their reviewers' names."""
    return is_programme_staff(user) or has_role(user, Role.COMMITTEE_MEMBER)


def may_see_application(user: Any, application: Application) -> bool:
    """Programme staff see every application of the current programme's calls; the
    committee only those that were submitted (never a draft, nor one withdrawn unsent)."""
    if not in_current_programme(application):
        return False
    if is_programme_staff(user):
        return True
    return has_role(user, Role.COMMITTEE_MEMBER) and was_submitted(application)


def was_submitted(application: Application) -> bool:
    if application.status == ApplicationStatus.WITHDRAWN:
        return application.submitted_at is not None
    return application.status != ApplicationStatus.DRAFT


def call_for(user: Any, pk: int) -> Call:
    """A call of the current programme, for the staff and committee screens."""
    return get_object_or_404(Call, pk=pk, programme=current_programme())


def visible_call(user: Any, pk: int) -> Call:
    """Published calls are public; a draft only for staff of its programme."""
    call = get_object_or_404(Call.objects.select_related("programme"), pk=pk)
    if not call.is_published and not is_programme_staff(user, call.programme):
        raise Http404
    return call


def application_for(user: Any, pk: int) -> Application:
    """Programme staff see every application of the current programme's calls, the
    committee its submitted ones; library staff their own library's."""
    application = get_object_or_404(
        Application.objects.select_related("call", "library__municipality"), pk=pk
    )
    if may_act_for_library(user, application.library):
        return application
    if may_see_application(user, application):
        return application
    raise Http404


def draft_for(user: Any, pk: int) -> Application:
    """An application of a library the person acts for (to edit, submit or withdraw)."""
    application = get_object_or_404(Application.objects.select_related("call", "library"), pk=pk)
    if not may_act_for_library(user, application.library):
        raise Http404
    return application


def staff_application_for(user: Any, pk: int) -> Application:
    """An application of a call of the current programme, for programme staff."""
    return get_object_or_404(
        Application.objects.select_related("call", "library"),
        pk=pk,
        call__programme=current_programme(),
    )


def staff_assignment_for(user: Any, pk: int) -> ReviewAssignment:
    """A review assignment in a call of the current programme, for programme staff."""
    return get_object_or_404(
        ReviewAssignment.objects.select_related("application", "review"),
        pk=pk,
        application__call__programme=current_programme(),
    )


def draft_attachment_for(user: Any, pk: int, attachment_pk: int) -> Attachment:
    """An attachment of an application of a library the person acts for (to remove it)."""
    application = draft_for(user, pk)
    return get_object_or_404(
        Attachment.objects.select_related("application"), pk=attachment_pk, application=application
    )


def person_for(pk: Any) -> Any:
    """A person named in a form (a reviewer to assign); the services check their roles."""
    from pazanga.directory.models import User

    return get_object_or_404(User, pk=pk if str(pk).isdigit() else 0)


def seat_for(call: Call, pk: Any) -> CallReviewer:
    """A seat on that call's panel."""
    return get_object_or_404(CallReviewer.objects.select_related("call"), call=call, pk=pk)


def assignment_for(user: Any, pk: int) -> ReviewAssignment:
    """The reviewer's own assignment to application `pk` in the current programme."""
    assignment = queries.assignment_of(user, pk)
    if assignment is None or not in_current_programme(assignment.application):
        raise Http404
    return assignment


def attachment_for(user: Any, pk: int, attachment_pk: int) -> Attachment:
    """An attachment of application `pk` the person may download, else 404.

    Those who see the application see all its files; a reviewer assigned to it only the
    files of the submitted version (the snapshot's list).
    """
    attachment = get_object_or_404(
        Attachment.objects.select_related("application__library", "application__call"),
        pk=attachment_pk,
        application_id=pk,
    )
    application = attachment.application
    if may_act_for_library(user, application.library):
        return attachment
    if may_see_application(user, application):
        return attachment
    assignment = queries.assignment_of(user, pk)
    if assignment is not None and attachment.pk in submitted_attachment_ids(application):
        return attachment
    raise Http404


def in_current_programme(application: Application) -> bool:
    programme = current_programme()
    return programme is not None and application.call.programme_id == programme.pk


def submitted_attachment_ids(application: Application) -> set[int]:
    return {item["id"] for item in application.snapshot.get("attachments", [])}
