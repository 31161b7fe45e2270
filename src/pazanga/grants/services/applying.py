"""Applying: a library starts a draft, edits it, attaches files, submits or withdraws it."""

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone, translation

from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal, TransitionNotAllowed
from pazanga.directory.models import Organisation
from pazanga.grants import eligibility
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.models import Application, Attachment, Call
from pazanga.grants.refusals import refused
from pazanga.grants.rules import Problem
from pazanga.grants.workflow import transition

S = ApplicationStatus
# What one application may carry: a count cap and a total (each file is capped by its form).
MAX_ATTACHMENTS = 20
MAX_ATTACHMENT_TOTAL_BYTES = 100 * 1024 * 1024


def start_application(call: Call, library: Organisation, *, actor: Any, title: str) -> Application:
    """Open a draft application of `library` to `call`.

    Refuses `grants.call_closed` outside the call's window, `grants.kind_not_admitted` for
    kinds of library the call does not admit, `grants.already_applied` for a second
    application of the same library (even when two colleagues start at the same moment: a
    unique constraint decides).
    Side effects: creates the draft; audit entry `grants.application.created`.
    """
    if not call.is_open():
        raise Refusal("grants.call_closed")
    if call.eligible_kinds and library.kind not in call.eligible_kinds:
        raise Refusal("grants.kind_not_admitted", kind=library.kind)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call,
                library=library,
                created_by=actor,
                title=title,
                language=actor.preferred_language,
            )
    except IntegrityError:
        raise Refusal("grants.already_applied", library=library.name) from None
    log_action(application, "grants.application.created", actor=actor)
    return application


@contextmanager
def editing(application: Application) -> Iterator[Application]:
    """Lock a draft for a change; refuses `grants.not_editable` once it was submitted."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not locked.is_draft:
            raise Refusal("grants.not_editable")
        yield locked


def save_draft(
    application: Application, forms: list[Any], *, answers: Any = None, actor: Any
) -> list[str]:
    """Save the draft's forms (application, partners, budget lines) and the call-specific
    answers, all under the draft's lock; refuses `grants.not_editable` once submitted.

    `forms` are valid ModelForms/formsets of this application; `answers` the valid
    call-specific answer form, if the call has questions. Side effects: the rows; audit
    entry `grants.application.draft_saved` with the names of the sections that changed
    (none when nothing changed). Returns those names.
    """
    from pazanga.questionnaires.services import save_answers

    with editing(application) as locked:
        changed = [form.prefix or "application" for form in forms if form.has_changed()]
        for form in forms:
            form.save()
        if answers is not None:
            if answers.has_changed():
                changed.append("answers")
            save_answers(answers_response(locked), answers.answers)
        if changed:
            log_action(
                locked, "grants.application.draft_saved", actor=actor, data={"changed": changed}
            )
    return changed


def add_attachment(
    application: Application, upload: UploadedFile, *, kind: str, actor: Any
) -> Attachment:
    """Store a checked upload with a draft (refuses `grants.not_editable` once submitted,
    `grants.too_many_files` past MAX_ATTACHMENTS files or MAX_ATTACHMENT_TOTAL_BYTES).
    Side effects: the file; audit entry `grants.application.attachment_added`."""
    with editing(application) as locked:
        held = Attachment.objects.filter(application=locked).aggregate(
            count=Count("pk"), size=Sum("size")
        )
        if (
            held["count"] >= MAX_ATTACHMENTS
            or (held["size"] or 0) + (upload.size or 0) > MAX_ATTACHMENT_TOTAL_BYTES
        ):
            raise Refusal(
                "grants.too_many_files",
                count=MAX_ATTACHMENTS,
                size=MAX_ATTACHMENT_TOTAL_BYTES // (1024 * 1024),
            )
        attachment = Attachment.objects.create(
            application=locked,
            file=upload,
            original_name=(upload.name or "")[:255],
            kind=kind,
            size=upload.size or 0,
            uploaded_by=actor,
        )
        log_action(
            locked,
            "grants.application.attachment_added",
            actor=actor,
            data={"name": attachment.original_name, "kind": kind},
        )
    return attachment


def delete_attachment(attachment: Attachment, *, actor: Any) -> None:
    """Remove a file from a draft (refuses `grants.not_editable` once submitted).
    Side effects: the row and the stored file; audit entry
    `grants.application.attachment_removed`."""
    with editing(attachment.application) as locked:
        log_action(
            locked,
            "grants.application.attachment_removed",
            actor=actor,
            data={"name": attachment.original_name, "kind": attachment.kind},
        )
        attachment.delete()


def answers_response(application: Application) -> Any:
    """The questionnaire response holding the call-specific answers (created on first use)."""
    from pazanga.questionnaires.services import QuestionnaireClosedError, start_response

    questionnaire = application.call.questionnaire
    if questionnaire is None:
        return None
    if application.answers_id is None:
        try:
            response = start_response(
                questionnaire, subject=application, language=application.language
            )
        except QuestionnaireClosedError:
            return None
        Application.objects.filter(pk=application.pk).update(answers=response)
        application.answers = response
    return application.answers


def answer_rows(application: Application) -> list[dict[str, str]]:
    """Questions and answers in both languages, for the frozen snapshot."""
    response = application.answers
    if response is None:
        return []
    from pazanga.questionnaires.engine import display_value, load_definition

    definition = load_definition(response.questionnaire)
    rows = []
    for question in definition.questions:
        if not question.takes_answer or question.name not in response.answers:
            continue
        row = {"name": question.name}
        for language in ("lt", "en"):
            with translation.override(language):
                row[f"label_{language}"] = question.text("label", language) or question.name
                row[f"value_{language}"] = display_value(
                    definition, question, response.answers[question.name]
                )
        rows.append(row)
    return rows


def build_snapshot(application: Application) -> dict[str, Any]:
    """Everything reviewers read, as submitted."""
    library = application.library
    return {
        "title": application.title,
        "summary": application.summary,
        "target_community": application.target_community,
        "themes": list(application.themes),
        "library": library.name,
        "municipality": str(library.municipality.name_lt) if library.municipality else "",
        "currency": application.call.currency,
        "requested_total": str(application.requested_total or 0),
        "partners": [
            {
                "organisation": p.organisation.name,
                "kind": p.organisation.kind,
                "role": p.role,
                "contribution": p.contribution,
            }
            for p in application.partners.select_related("organisation")
        ],
        "budget": [
            {
                "category": line.category,
                "description": line.description,
                "requested": str(line.requested),
                "co_financing": str(line.co_financing),
            }
            for line in application.budget_lines.all()
        ],
        "answers": answer_rows(application),
        "attachments": [
            {"id": a.pk, "name": a.original_name, "kind": a.kind, "size": a.size}
            for a in application.attachments.all()
        ],
    }


def submit_application(application: Application, *, actor: Any) -> Application:
    """Check, number, freeze and submit a draft.

    Refuses: `grants.deadline_passed` from the call's closing minute on;
    `grants.submission_invalid` listing every problem when the budget does not add up,
    breaks the call's limits, a required partner is missing or required answers are
    missing; `grants.already_submitted` (naming the reference given) on a second click.
    Side effects: locks the call row so reference numbers (`<call code>-017`) are
    gap-free and unique; stores the snapshot, totals and automatic eligibility checks;
    submits the questionnaire response; then `workflow.transition(..., "submitted")`
    (audit entry, receipt e-mail after commit).
    """
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=application.call_id)
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("library__municipality")
            .get(pk=application.pk)
        )
        if not locked.is_draft:
            raise Refusal("grants.already_submitted", reference=locked.reference or "—")
        if timezone.now() >= call.closes_at:
            raise Refusal("grants.deadline_passed", closes_at=call.closes_at)
        locked.call = call
        checks = eligibility.run_checks(locked)
        problems = [
            Problem("eligibility_check", {"check": check})
            for check in eligibility.blocking_problems(checks)
        ]
        problems += answer_problems(locked)
        if problems:
            raise refused("submission_invalid", problems)
        call.last_number += 1
        call.save(update_fields=["last_number"])
        lines = list(locked.budget_lines.all())
        locked.number = call.last_number
        locked.reference = f"{call.code}-{call.last_number:03d}"
        locked.co_financing_total = sum((line.co_financing for line in lines), Decimal(0))
        locked.eligibility_checks = [c.as_json() for c in checks]
        locked.submitted_by = actor
        locked.language = actor.preferred_language
        locked.snapshot = build_snapshot(locked)
        locked.save()
        transition(locked, S.SUBMITTED, actor=actor, note=locked.reference)
    application.refresh_from_db()
    return application


def answer_problems(application: Application) -> list[Problem]:
    """Submit the call-specific answers; each unanswered or invalid one as a problem that
    names the question as the applicant read it."""
    from pazanga.questionnaires.engine import load_definition
    from pazanga.questionnaires.services import ResponseInvalidError, submit_response

    response = answers_response(application)
    if response is None:
        return []
    try:
        submit_response(response, actor=None)
    except ResponseInvalidError as invalid:
        questions = load_definition(response.questionnaire).by_name
        return [
            Problem(
                "answer_invalid",
                {"question": questions.get(name), "name": name, "problem": problem},
            )
            for name, problem in invalid.errors.items()
        ]
    return []


def withdraw_application(application: Application, *, actor: Any, reason: str = "") -> None:
    """Withdraw before a decision (refuses `grants.not_withdrawable` after it).
    Side effects: `transition(..., "withdrawn")`; the library may then start a new
    application while the call is open."""
    try:
        transition(application, S.WITHDRAWN, actor=actor, note=reason)
    except TransitionNotAllowed:
        raise Refusal("grants.not_withdrawable") from None
