from django.db.models import QuerySet

from pazanga.programme.enums import AssignmentStatus
from pazanga.programme.models import Programme, RoleAssignment


def pending_assignments(programme: Programme) -> QuerySet[RoleAssignment]:
    """Role requests waiting for programme staff, oldest first."""
    return (
        RoleAssignment.objects.filter(programme=programme, status=AssignmentStatus.PENDING)
        .select_related("user", "organisation__municipality")
        .order_by("created_at", "pk")
    )
