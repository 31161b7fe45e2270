"""The one place that changes an Application's or a Review's status.

Applications:

draft      -> submitted | withdrawn
submitted  -> eligible | ineligible | withdrawn
eligible   -> in_review | ineligible | withdrawn
ineligible -> eligible | withdrawn
in_review  -> reviewed | withdrawn
reviewed   -> awarded | reserve | rejected | in_review (a third review) | withdrawn
reserve    -> awarded | rejected
awarded, rejected, withdrawn: final

Reviews:

draft     -> submitted
submitted: final (a submitted review is what the committee ranks on)

Side effects of every move (through the workflow core, `pazanga.common.workflow`): the row
is locked and the table checked (`TransitionNotAllowed`, a conflict, when it refuses);
the status is saved with its time stamps; an audit entry is written; then:

- application submitted: `submitted_at` stamped; after commit the applicant is e-mailed
  the receipt, in the application's language;
- application found ineligible: after commit the applicant is e-mailed the reasons;
- application awarded, put on the reserve list or rejected: `decided_at` stamped; after
  commit the applicant is e-mailed the decision letter with its PDF;
- audit entry `grants.application.<to>` with the previous status and the note;
- review submitted: `submitted_at` stamped; audit entry `grants.review.submitted` on the
  application (reviewer and weighted total); when it was the application's last review
  outstanding and the application is in review, the application moves on to `reviewed`
  in the same transaction.

Context a caller may pass: `at` (the time to stamp instead of now, for the demo's
history) and `notify=False` (no e-mail: the demo's history is not mailed).
"""

from datetime import datetime
from typing import Any

from django.utils import timezone

from pazanga.common.refusals import TransitionNotAllowed
from pazanga.common.tasks import run_later
from pazanga.common.workflow import Workflow
from pazanga.grants.enums import DECIDED, ApplicationStatus, ReviewStatus
from pazanga.grants.models import Application, Review, ReviewAssignment
from pazanga.grants.signals import application_awarded

__all__ = [
    "REVIEW_TRANSITIONS",
    "TRANSITIONS",
    "TransitionNotAllowed",
    "submit_review",
    "transition",
]

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

R = ReviewStatus
REVIEW_TRANSITIONS: dict[str, set[str]] = {
    R.DRAFT: {R.SUBMITTED},
    R.SUBMITTED: set(),
}


def stamp(context: dict[str, Any]) -> datetime:
    at = context.get("at")
    return at if isinstance(at, datetime) else timezone.now()


class ApplicationWorkflow(Workflow[Application]):
    model = Application
    transitions = TRANSITIONS
    statuses = ApplicationStatus
    action = "grants.application"

    def apply(self, locked: Application, previous: str, to: str, **context: Any) -> list[str]:
        fields = ["updated_at"]
        if to == S.SUBMITTED:
            locked.submitted_at = stamp(context)
            fields.append("submitted_at")
        if to in DECIDED:
            locked.decided_at = stamp(context)
            fields.append("decided_at")
        return fields

    def after(
        self,
        locked: Application,
        previous: str,
        to: str,
        *,
        actor: Any,
        note: str,
        **context: Any,
    ) -> None:
        if to == S.AWARDED:
            # The layers above (funded projects) open the grant in this same transaction.
            application_awarded.send(sender=Application, application=locked, actor=actor)
        if to in MAILED and context.get("notify", True):
            run_later("pazanga.grants.notifications.send_status_mail", locked.pk)


class ReviewWorkflow(Workflow[Review]):
    model = Review
    transitions = REVIEW_TRANSITIONS
    statuses = ReviewStatus
    action = "grants.review"

    def apply(self, locked: Review, previous: str, to: str, **context: Any) -> list[str]:
        locked.submitted_at = stamp(context)
        return ["submitted_at", "updated_at"]

    def audited(self, locked: Review) -> Application:
        return locked.assignment.application

    def audit_data(self, locked: Review, previous: str, to: str) -> dict[str, Any]:
        return {"reviewer": locked.assignment.reviewer_id, "total": str(locked.total)}

    def after(
        self,
        locked: Review,
        previous: str,
        to: str,
        *,
        actor: Any,
        note: str,
        **context: Any,
    ) -> None:
        application = locked.assignment.application
        if application.status == S.IN_REVIEW and all_reviews_in(application):
            transition(application, S.REVIEWED, actor=actor)


def all_reviews_in(application: Application) -> bool:
    """The application has reviewers and every one of them submitted."""
    assignments = ReviewAssignment.objects.filter(application=application)
    return (
        assignments.exists()
        and not assignments.exclude(review__status=ReviewStatus.SUBMITTED).exists()
    )


transition = ApplicationWorkflow().transition
submit_review = ReviewWorkflow().transition
