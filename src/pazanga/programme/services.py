from typing import Any

from django.db import transaction

from pazanga.common.audit import log_action
from pazanga.directory.models import Organisation, User
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.models import RoleAssignment
from pazanga.programme.permissions import current_programme


@transaction.atomic
def request_library_staff_role(
    user: User,
    *,
    first_name: str,
    last_name: str,
    library: Organisation,
    position: str = "",
    phone: str = "",
    preferred_language: str = "lt",
    **_ignored: Any,
) -> RoleAssignment | None:
    """Fill in a new account's profile and ask to act for `library` in the current programme.

    Side effects: saves the profile; creates a pending library-staff RoleAssignment that
    programme staff confirm; writes the audit entry `programme.role_assignment.requested`.
    """
    user.first_name, user.last_name = first_name, last_name
    user.organisation, user.position, user.phone = library, position, phone
    user.preferred_language = preferred_language
    user.save()
    programme = current_programme()
    if programme is None:
        return None
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=user,
        programme=programme,
        role=Role.LIBRARY_STAFF,
        organisation=library,
        defaults={"status": AssignmentStatus.PENDING},
    )
    log_action(assignment, "programme.role_assignment.requested", actor=user)
    return assignment
