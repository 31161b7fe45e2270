"""The one place that changes a Questionnaire's or a Response's status.

Questionnaire: draft -> published -> closed -> published (reopened)
Response:      draft -> submitted

Side effects of a questionnaire's move (through the workflow core): the row is locked; on
publishing the form must be complete (Refusal "questionnaires.not_ready", its problems in
`details`), `published_at` is stamped and every other published version of the same code
is closed (each through this workflow, with its own audit entry); on closing `closed_at` is
stamped; the audit entry `questionnaires.questionnaire.<to>` carries the version; after
commit the questionnaire's author is e-mailed, in their language, when someone else
published or closed it.

A response's move locks the row, stamps `submitted_at`, saves the answers and score as the
submitting service left them on the caller's response, and writes
`questionnaires.response.<to>`.
"""

from typing import Any

from django.utils import timezone

from pazanga.common.refusals import Refusal, TransitionNotAllowed
from pazanga.common.tasks import run_later
from pazanga.common.workflow import Workflow
from pazanga.questionnaires.enums import QuestionnaireStatus, ResponseStatus
from pazanga.questionnaires.models import Questionnaire, Response

__all__ = ["TRANSITIONS", "TransitionNotAllowed", "transition", "transition_response"]

Q = QuestionnaireStatus
TRANSITIONS: dict[str, set[str]] = {
    Q.DRAFT: {Q.PUBLISHED},
    Q.PUBLISHED: {Q.CLOSED},
    Q.CLOSED: {Q.PUBLISHED},
}
R = ResponseStatus
RESPONSE_TRANSITIONS: dict[str, set[str]] = {
    R.DRAFT: {R.SUBMITTED},
    R.SUBMITTED: set(),
}
ANSWER_FIELDS = ["answers", "score", "max_score", "passed", "page"]


class QuestionnaireWorkflow(Workflow[Questionnaire]):
    model = Questionnaire
    transitions = TRANSITIONS
    statuses = QuestionnaireStatus
    action = "questionnaires.questionnaire"

    def check(self, locked: Questionnaire, previous: str, to: str, **context: Any) -> None:
        from pazanga.questionnaires.validation import publication_problems

        if to == Q.PUBLISHED:
            problems = publication_problems(locked)
            if problems:
                raise Refusal("questionnaires.not_ready", details=problems)

    def apply(self, locked: Questionnaire, previous: str, to: str, **context: Any) -> list[str]:
        if to == Q.PUBLISHED:
            locked.published_at = locked.published_at or timezone.now()
            return ["published_at"]
        locked.closed_at = timezone.now()
        return ["closed_at"]

    def audit_data(self, locked: Questionnaire, previous: str, to: str) -> dict[str, Any]:
        return {"version": locked.version}

    def after(
        self,
        locked: Questionnaire,
        previous: str,
        to: str,
        *,
        actor: Any,
        note: str,
        **context: Any,
    ) -> None:
        if to == Q.PUBLISHED:
            older = Questionnaire.objects.filter(code=locked.code, status=Q.PUBLISHED)
            for other in older.exclude(pk=locked.pk).order_by("version"):
                transition(other, Q.CLOSED, actor=actor, note=f"v{locked.version}")
        author = locked.created_by
        if author is not None and author != actor and author.email:
            run_later("pazanga.questionnaires.notifications.send_status_change", locked.pk)


class ResponseWorkflow(Workflow[Response]):
    model = Response
    transitions = RESPONSE_TRANSITIONS
    statuses = ResponseStatus
    action = "questionnaires.response"

    def apply(self, locked: Response, previous: str, to: str, **context: Any) -> list[str]:
        # The submitting service cleaned and scored the answers on its own copy.
        submitted: Response = context["submitted"]
        for name in ANSWER_FIELDS:
            setattr(locked, name, getattr(submitted, name))
        locked.submitted_at = timezone.now()
        return [*ANSWER_FIELDS, "submitted_at", "updated_at"]


transition = QuestionnaireWorkflow().transition
_response_workflow = ResponseWorkflow()


def transition_response(response: Response, to: str, *, actor: Any) -> Response:
    """Move `response` to `to`, saving the answers and score as they are on `response`."""
    return _response_workflow.transition(response, to, actor=actor, submitted=response)
