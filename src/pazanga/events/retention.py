"""Personal data kept no longer than needed: registrations of long-past events anonymised.

What goes: names, e-mail address, position, the link to the person's account, the answers
to the extra questions, and the personal links (their secret is replaced). What stays:
the registration itself with its event, category, organisation, status and attendance, so
counts and coverage reports do not change; and certificates, whose holder name is the
certificate's content and which anyone may still verify.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from pazanga.common.audit import log_action
from pazanga.events.models import Event, Invitation, Registration, new_secret

BATCH = 500
ANONYMOUS_DOMAIN = "anonymised.invalid"  # .invalid can never be delivered to


@dataclass(frozen=True)
class PurgeResult:
    events: int
    registrations: int
    invitations: int


def events_past_retention(days: int, now: datetime | None = None) -> QuerySet[Event]:
    """Events that ended more than `days` days ago and still hold someone's personal data."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    named = Registration.objects.filter(event=OuterRef("pk"), anonymised_at__isnull=True)
    invited = Invitation.objects.filter(event=OuterRef("pk")).exclude(
        email__endswith=f"@{ANONYMOUS_DOMAIN}"
    )
    return Event.objects.filter(Exists(named) | Exists(invited), ends_at__lt=cutoff).order_by(
        "ends_at", "pk"
    )


def purge_event_personal_data(
    days: int, *, now: datetime | None = None, actor: Any = None
) -> PurgeResult:
    """Anonymise the registrations and invitations of events that ended `days` days ago.

    Idempotent: what is anonymised already is left alone. Side effects, per event and in
    one transaction: clears the registrants' names, position and account link, replaces
    their e-mail with `<id>@anonymised.invalid` and their secret (old links stop working),
    deletes their answers to the extra questions (questionnaire Responses) and stamps
    anonymised_at; does the same to invitations (e-mail, names, token); writes the audit
    entry `events.event.personal_data_purged` with the counts.
    """
    now = now or timezone.now()
    totals = PurgeResult(0, 0, 0)
    for event in events_past_retention(days, now):
        with transaction.atomic():
            registrations = anonymise_registrations(event, now)
            invitations = anonymise_invitations(event)
            log_action(
                event,
                "events.event.personal_data_purged",
                actor=actor,
                data={"registrations": registrations, "invitations": invitations, "days": days},
            )
        totals = PurgeResult(
            totals.events + 1,
            totals.registrations + registrations,
            totals.invitations + invitations,
        )
    return totals


def anonymised_email(pk: int) -> str:
    return f"{pk}@{ANONYMOUS_DOMAIN}"


def anonymise_registrations(event: Event, now: datetime) -> int:
    return anonymise(list(event.registrations.filter(anonymised_at__isnull=True)), now)


def anonymise(registrations: list[Registration], now: datetime) -> int:
    """Clear the registrations' personal data (the module docstring says what) and stamp
    them; also used by `events.erasure` for one person's request."""
    from pazanga.questionnaires.models import Response

    answers = [r.response_id for r in registrations if r.response_id]
    for registration in registrations:
        registration.first_name = registration.last_name = registration.job_title = ""
        registration.email = anonymised_email(registration.pk)
        registration.user = None
        registration.response = None
        registration.secret = new_secret()
        registration.anonymised_at = now
    Registration.objects.bulk_update(
        registrations,
        [
            "first_name",
            "last_name",
            "job_title",
            "email",
            "user",
            "response",
            "secret",
            "anonymised_at",
        ],
        batch_size=BATCH,
    )
    Response.objects.filter(pk__in=answers).delete()
    return len(registrations)


def anonymise_invitations(event: Event) -> int:
    return anonymise_invitation_rows(
        list(event.invitations.exclude(email__endswith=f"@{ANONYMOUS_DOMAIN}").order_by("pk"))
    )


def anonymise_invitation_rows(invitations: list[Invitation]) -> int:
    for invitation in invitations:
        invitation.email = anonymised_email(invitation.pk)
        invitation.first_name = invitation.last_name = ""
        invitation.token = new_secret()
    Invitation.objects.bulk_update(
        invitations, ["email", "first_name", "last_name", "token"], batch_size=BATCH
    )
    return len(invitations)
