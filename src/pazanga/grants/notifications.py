"""E-mails to applicants and reviewers, each in the recipient's language."""

from pazanga.common.mail import send_mail_in_language
from pazanga.directory.models import User
from pazanga.grants.enums import DECIDED, ApplicationStatus
from pazanga.grants.letters import decision_letter_pdf
from pazanga.grants.models import Application, Call, ReviewAssignment

S = ApplicationStatus
TEMPLATES = {
    S.SUBMITTED: "grants/email/receipt",
    S.INELIGIBLE: "grants/email/ineligible",
    S.AWARDED: "grants/email/decision",
    S.RESERVE: "grants/email/decision",
    S.REJECTED: "grants/email/decision",
}


def applicant_email(application: Application) -> str | None:
    person = application.submitted_by or application.created_by
    return person.email if person else None


def send_status_mail(application_pk: int) -> None:
    """The receipt, the ineligibility reasons or the decision letter (with its PDF)."""
    application = Application.objects.select_related(
        "call", "library", "submitted_by", "created_by"
    ).get(pk=application_pk)
    to = applicant_email(application)
    template = TEMPLATES.get(application.status)
    if not to or not template:
        return
    attachments = []
    if application.status in DECIDED:
        pdf = decision_letter_pdf(application)
        if pdf is not None:
            attachments.append((f"{application.reference}.pdf", pdf, "application/pdf"))
    from django.utils import translation

    from pazanga.grants.eligibility import stored_checks

    with translation.override(application.language):
        failed = [c.message for c in stored_checks(application) if c.passed is False]
    send_mail_in_language(
        template,
        {"application": application, "call": application.call, "failed_checks": failed},
        to=[to],
        language=application.language,
        attachments=attachments,
    )


def send_assignment_notices(call_pk: int, reviewer_pks: list[int]) -> None:
    call = Call.objects.get(pk=call_pk)
    assignments = ReviewAssignment.objects.filter(
        application__call=call, reviewer_id__in=reviewer_pks
    ).select_related("reviewer")
    by_reviewer: dict[int, list[ReviewAssignment]] = {}
    for assignment in assignments:
        by_reviewer.setdefault(assignment.reviewer_id, []).append(assignment)
    for items in by_reviewer.values():
        reviewer = items[0].reviewer
        send_mail_in_language(
            "grants/email/assigned",
            {"call": call, "reviewer": reviewer, "count": len(items)},
            to=[reviewer.email],
            language=reviewer.preferred_language,
        )


def send_review_reminder(call_pk: int, reviewer_pk: int, count: int) -> None:
    """The reminder of `count` reviews due soon (queued by services.send_review_reminders)."""
    call = Call.objects.get(pk=call_pk)
    reviewer = User.objects.get(pk=reviewer_pk)
    send_mail_in_language(
        "grants/email/reminder",
        {"call": call, "reviewer": reviewer, "count": count},
        to=[reviewer.email],
        language=reviewer.preferred_language,
    )
