"""The one place that changes a RoleAssignment's status.

pending   -> confirmed | rejected
confirmed -> revoked

Side effects of every move (through the workflow core): the row is locked, the decision
time stamped, the audit entry `programme.role_assignment.<to>` written with the role; after
commit the person is e-mailed, in their language, when confirmed or rejected.
"""

from typing import Any

from django.utils import timezone

from pazanga.common.refusals import TransitionNotAllowed
from pazanga.common.tasks import run_later
from pazanga.common.workflow import Workflow
from pazanga.programme.enums import AssignmentStatus
from pazanga.programme.models import RoleAssignment

__all__ = ["TRANSITIONS", "TransitionNotAllowed", "transition"]

S = AssignmentStatus
TRANSITIONS: dict[str, set[str]] = {
    S.PENDING: {S.CONFIRMED, S.REJECTED},
    S.CONFIRMED: {S.REVOKED},
    S.REJECTED: set(),
    S.REVOKED: set(),
}
MAILED = {S.CONFIRMED, S.REJECTED}


class RoleAssignmentWorkflow(Workflow[RoleAssignment]):
    model = RoleAssignment
    transitions = TRANSITIONS
    statuses = AssignmentStatus
    action = "programme.role_assignment"

    def apply(self, locked: RoleAssignment, previous: str, to: str, **context: Any) -> list[str]:
        locked.decided_at = timezone.now()
        return ["decided_at"]

    def audit_data(self, locked: RoleAssignment, previous: str, to: str) -> dict[str, Any]:
        return {"role": locked.role}

    def after(
        self,
        locked: RoleAssignment,
        previous: str,
        to: str,
        *,
        actor: Any,
        note: str,
        **context: Any,
    ) -> None:
        if to in MAILED:
            run_later("pazanga.programme.notifications.send_assignment_decision", locked.pk, note)


transition = RoleAssignmentWorkflow().transition
