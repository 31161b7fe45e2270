"""Object access for the programme's own pages. Roles themselves are decided in
`pazanga.programme.permissions`, which every app's access module builds on."""

from django.shortcuts import get_object_or_404

from pazanga.programme.models import RoleAssignment
from pazanga.programme.permissions import current_programme, programme_staff_required

__all__ = ["assignment_for", "programme_staff_required"]


def assignment_for(pk: int) -> RoleAssignment:
    """A role assignment in the current programme (404 for another programme's)."""
    return get_object_or_404(
        RoleAssignment.objects.select_related("user", "organisation"),
        pk=pk,
        programme=current_programme(),
    )
