"""The one place that changes a RoleAssignment's status.

pending   -> confirmed | rejected
confirmed -> revoked
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from pazanga.common.audit import log_action
from pazanga.programme.enums import AssignmentStatus
from pazanga.programme.models import RoleAssignment

S = AssignmentStatus
TRANSITIONS: dict[str, set[str]] = {
    S.PENDING: {S.CONFIRMED, S.REJECTED},
    S.CONFIRMED: {S.REVOKED},
    S.REJECTED: set(),
    S.REVOKED: set(),
}


class TransitionNotAllowed(PermissionDenied):
    """The assignment's current status does not lead to the requested one."""


def transition(
    assignment: RoleAssignment, to: str, *, actor: Any, note: str = ""
) -> RoleAssignment:
    """Move `assignment` to status `to`.

    Side effects: locks the row, saves the new status and decision time, writes the audit
    entry `programme.role_assignment.<to>`, and after commit e-mails the person when they
    were confirmed or rejected, in their preferred language.
    """
    with transaction.atomic():
        locked = RoleAssignment.objects.select_for_update().get(pk=assignment.pk)
        if to not in TRANSITIONS[locked.status]:
            raise TransitionNotAllowed(f"{locked.status} -> {to}")
        previous = locked.status
        locked.status = to
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at"])
        log_action(
            locked,
            f"programme.role_assignment.{to}",
            actor=actor,
            data={"from": previous, "role": locked.role, "note": note},
        )
        if to in (S.CONFIRMED, S.REJECTED):
            from pazanga.programme.notifications import send_assignment_decision

            transaction.on_commit(lambda: send_assignment_decision(locked, note=note))
    assignment.refresh_from_db()
    return assignment
