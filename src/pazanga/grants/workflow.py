"""The one place that changes an Application's status.

draft      -> submitted | withdrawn
submitted  -> eligible | ineligible | withdrawn
eligible   -> in_review | ineligible | withdrawn
ineligible -> eligible | withdrawn
in_review  -> reviewed | withdrawn
reviewed   -> awarded | reserve | rejected | in_review (a third review) | withdrawn
reserve    -> awarded | rejected
awarded, rejected, withdrawn: final
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from pazanga.common.audit import log_action
from pazanga.grants.enums import DECIDED, ApplicationStatus
from pazanga.grants.models import Application
from pazanga.grants.signals import application_awarded

S = ApplicationStatus
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED, S.WITHDRAWN},
    S.SUBMITTED: {S.ELIGIBLE, S.INELIGIBLE, S.WITHDRAWN},
    S.ELIGIBLE: {S.IN_REVIEW, S.INELIGIBLE, S.WITHDRAWN},
    S.INELIGIBLE: {S.ELIGIBLE, S.WITHDRAWN},
    S.IN_REVIEW: {S.REVIEWED, S.WITHDRAWN},
    S.REVIEWED: {S.AWARDED, S.RESERVE, S.REJECTED, S.IN_REVIEW, S.WITHDRAWN},
    S.RESERVE: {S.AWARDED, S.REJECTED},
    S.AWARDED: set(),
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}
MAILED = {S.SUBMITTED, S.INELIGIBLE, *DECIDED}


class TransitionNotAllowedError(PermissionDenied):
    """The application's current status does not lead to the requested one."""


def transition(application: Application, to: str, *, actor: Any, note: str = "") -> Application:
    """Move `application` to status `to`.

    Side effects: locks the row; saves the status (and `submitted_at` when submitted,
    `decided_at` when awarded, put on the reserve list or rejected); writes the audit entry
    `grants.application.<to>` with the previous status and the note; after commit e-mails
    the applicant in the application's language: the receipt when submitted, the reasons
    when found ineligible, the decision letter (with its PDF) when decided.
    Raises TransitionNotAllowedError when the table does not allow the move (a second click).
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if to not in TRANSITIONS[locked.status]:
            raise TransitionNotAllowedError(f"{locked.status} -> {to}")
        previous = locked.status
        locked.status = to
        fields = ["status", "updated_at"]
        now = timezone.now()
        if to == S.SUBMITTED:
            locked.submitted_at = now
            fields.append("submitted_at")
        if to in DECIDED:
            locked.decided_at = now
            fields.append("decided_at")
        locked.save(update_fields=fields)
        log_action(
            locked,
            f"grants.application.{to}",
            actor=actor,
            data={"from": previous, "note": note},
        )
        if to == S.AWARDED:
            application_awarded.send(sender=Application, application=locked, actor=actor)
        if to in MAILED:
            transaction.on_commit(lambda: notify_applicant(locked.pk))
    application.refresh_from_db()
    return application


def notify_applicant(application_pk: int) -> None:
    from pazanga.grants.notifications import send_status_mail

    send_status_mail(application_pk)
