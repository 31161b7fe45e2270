"""E-mails about funded projects, each in its recipient's language.

The library hears of every step of its grant (signature, suspension, payments, decisions on
its reports and amendments, reminders); programme staff hear of what waits for them (a
report submitted, an amendment to approve). Called after commit, with ids.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from pazanga.common.i18n import format_date
from pazanga.common.mail import send_mail_in_language
from pazanga.common.money import Money, format_money
from pazanga.directory.models import User
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.projects.enums import GrantStatus, ReportSection
from pazanga.projects.models import Amendment, Grant, Report, Tranche

# The grant moves the library is told about (the first signature is its own doing).
TOLD = {
    GrantStatus.ACTIVE,
    GrantStatus.REPORTING,
    GrantStatus.SUSPENDED,
    GrantStatus.TERMINATED,
    GrantStatus.CLOSED,
}


def people_with(role: str, programme_id: int, organisation_id: int | None = None) -> list[User]:
    assignments = {
        "role_assignments__role": role,
        "role_assignments__status": AssignmentStatus.CONFIRMED,
        "role_assignments__programme_id": programme_id,
    }
    if organisation_id is not None:
        assignments["role_assignments__organisation_id"] = organisation_id
    return list(User.objects.filter(is_active=True, **assignments).distinct().order_by("pk"))


def library_people(grant: Grant) -> list[User]:
    return people_with(Role.LIBRARY_STAFF, grant.programme_id, grant.library_id)


def programme_staff(grant: Grant) -> list[User]:
    return people_with(Role.PROGRAMME_STAFF, grant.programme_id)


def link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def grant_url(grant: Grant, language: str) -> str:
    with translation.override(language):
        return link(reverse("projects:grant", args=[grant.pk]))


def report_url(report: Report, language: str) -> str:
    with translation.override(language):
        return link(reverse("projects:report", args=[report.pk]))


def send_each(people: Iterable[User], template: str, context: dict[str, Any], grant: Grant) -> int:
    """One e-mail per person in their language; returns how many were sent."""
    sent = 0
    for person in people:
        language = person.preferred_language or "lt"
        with translation.override(language):
            localised = {
                **context,
                "person": person,
                "grant": grant,
                "grant_url": grant_url(grant, language),
                "status_label": str(grant.get_status_display()),
            }
            extra = context.get("localise")
            if callable(extra):
                localised.update(extra(language))
        localised.pop("localise", None)
        send_mail_in_language(template, localised, to=[person.email], language=language)
        sent += 1
    return sent


def send_grant_status(grant_pk: int, status: str) -> None:
    grant = Grant.objects.select_related("library").get(pk=grant_pk)
    if status not in TOLD or grant.status != status:
        return
    send_each(
        library_people(grant),
        "projects/email/grant_status",
        {
            "status": status,
            "localise": lambda language: {
                "end": format_date(grant.current_end, language),
                "signed_on": format_date(grant.signed_on, language) if grant.signed_on else "",
            },
        },
        grant,
    )


def send_payment(tranche_pk: int) -> None:
    tranche = Tranche.objects.select_related("grant__library").get(pk=tranche_pk)
    grant = tranche.grant
    paid = tranche.paid_money or Money(tranche.amount, grant.currency)
    send_each(
        library_people(grant),
        "projects/email/payment",
        {
            "tranche": tranche,
            "localise": lambda language: {
                "amount": format_money(paid, language),
                "owed": format_money(Money(tranche.amount, grant.currency), language),
                "converted": paid.currency != grant.currency,
                "paid_on": format_date(tranche.paid_on, language) if tranche.paid_on else "",
            },
        },
        grant,
    )


def send_report_submitted(report_pk: int) -> None:
    report = Report.objects.select_related("grant__library").get(pk=report_pk)
    send_each(
        programme_staff(report.grant),
        "projects/email/report_submitted",
        {
            "report": report,
            "localise": lambda language: {
                "kind": report.label,
                "report_url": report_url(report, language),
            },
        },
        report.grant,
    )


def send_report_decision(report_pk: int) -> None:
    report = Report.objects.select_related("grant__library").get(pk=report_pk)
    version = report.versions.order_by("-number").first()
    comments = dict(version.comments) if version else {}
    send_each(
        library_people(report.grant),
        "projects/email/report_decision",
        {
            "report": report,
            "localise": lambda language: {
                "kind": report.label,
                "report_url": report_url(report, language),
                "comments": [
                    (str(label), comments[code])
                    for code, label in ReportSection.choices
                    if comments.get(code)
                ],
            },
        },
        report.grant,
    )


def send_amendment_request(amendment_pk: int) -> None:
    amendment = Amendment.objects.select_related("grant__library").get(pk=amendment_pk)
    send_each(
        programme_staff(amendment.grant),
        "projects/email/amendment_request",
        {"amendment": amendment, "localise": lambda _l: {"kind": amendment.get_kind_display()}},
        amendment.grant,
    )


def send_amendment_decision(amendment_pk: int) -> None:
    amendment = Amendment.objects.select_related("grant__library").get(pk=amendment_pk)
    send_each(
        library_people(amendment.grant),
        "projects/email/amendment_decision",
        {
            "amendment": amendment,
            "localise": lambda language: {
                "kind": str(amendment.get_kind_display()),
                "decision": str(amendment.get_status_display()),
            },
        },
        amendment.grant,
    )


def send_report_reminder(report: Report, kind: str) -> int:
    """The reminder `kind` ("14", "3" or "overdue") about a report, to the library."""
    return send_each(
        library_people(report.grant),
        "projects/email/report_reminder",
        {
            "report": report,
            "reminder": kind,
            "localise": lambda language: {
                "kind": report.label,
                "due": format_date(report.due_on, language),
                "report_url": report_url(report, language),
            },
        },
        report.grant,
    )
