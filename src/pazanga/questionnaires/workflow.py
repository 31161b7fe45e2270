"""The one place that changes a Questionnaire's or a Response's status.

Questionnaire: draft -> published -> closed -> published (reopened)
Response:      draft -> submitted
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from pazanga.common.audit import log_action
from pazanga.questionnaires.enums import QuestionnaireStatus, ResponseStatus
from pazanga.questionnaires.models import Questionnaire, Response

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


class TransitionNotAllowed(PermissionDenied):
    """The current status does not lead to the requested one."""


class QuestionnaireNotReadyError(ValueError):
    """The questionnaire cannot be published; `problems` says why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def transition(
    questionnaire: Questionnaire, to: str, *, actor: Any, note: str = ""
) -> Questionnaire:
    """Move `questionnaire` to status `to`.

    Side effects: locks the row; on publishing checks that the form is complete
    (QuestionnaireNotReadyError otherwise), stamps `published_at` and closes every other
    published version of the same code (each with its own audit entry); on closing stamps
    `closed_at`; saves; writes the audit entry `questionnaires.questionnaire.<to>`; after
    commit e-mails the questionnaire's author, in their language, when someone else
    published or closed it.
    """
    from pazanga.questionnaires.validation import publication_problems

    with transaction.atomic():
        locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if to not in TRANSITIONS[locked.status]:
            raise TransitionNotAllowed(f"{locked.status} -> {to}")
        if to == Q.PUBLISHED:
            problems = publication_problems(locked)
            if problems:
                raise QuestionnaireNotReadyError(problems)
            locked.published_at = locked.published_at or timezone.now()
            older = Questionnaire.objects.select_for_update().filter(
                code=locked.code, status=Q.PUBLISHED
            )
            for other in older.exclude(pk=locked.pk):
                transition(other, Q.CLOSED, actor=actor, note=f"v{locked.version}")
        if to == Q.CLOSED:
            locked.closed_at = timezone.now()
        previous = locked.status
        locked.status = to
        locked.save(update_fields=["status", "published_at", "closed_at"])
        log_action(
            locked,
            f"questionnaires.questionnaire.{to}",
            actor=actor,
            data={"from": previous, "version": locked.version, "note": note},
        )
        author = locked.created_by
        if author is not None and author != actor and author.email:
            from pazanga.questionnaires.notifications import send_status_change

            transaction.on_commit(lambda: send_status_change(locked, author))
    questionnaire.refresh_from_db()
    return questionnaire


def transition_response(response: Response, to: str, *, actor: Any) -> Response:
    """Move `response` to status `to` (only draft -> submitted).

    Side effects: locks the row, stamps `submitted_at`, saves status, answers and score
    fields as they are on `response`, and writes `questionnaires.response.<to>`.
    """
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if to not in RESPONSE_TRANSITIONS[locked.status]:
            raise TransitionNotAllowed(f"{locked.status} -> {to}")
        response.status = to
        response.submitted_at = timezone.now()
        response.save(
            update_fields=[
                "status",
                "submitted_at",
                "answers",
                "score",
                "max_score",
                "passed",
                "page",
                "updated_at",
            ]
        )
        log_action(response, f"questionnaires.response.{to}", actor=actor)
    return response
