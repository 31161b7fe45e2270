"""E-mails to registrants and invitees, each in the recipient's language."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from pazanga.common.i18n import localized
from pazanga.common.mail import send_mail_in_language
from pazanga.events.calendar import event_ics, site_url
from pazanga.events.dates import event_when, venue_line
from pazanga.events.enums import RegistrationStatus
from pazanga.events.models import Event, Invitation, Registration
from pazanga.events.tokens import registration_link_token

ICS_MIMETYPE = "text/calendar"


def registration_url(registration: Registration, language: str) -> str:
    token = registration_link_token(registration)
    return site_url(lambda: reverse("events:my_registration", args=[token]), language)


def event_context(event: Event, language: str) -> dict[str, Any]:
    return {
        "event": event,
        "event_title": localized(event, "title", language),
        "when": event_when(event, language),
        "where": venue_line(event, language),
        "event_url": site_url(event.get_absolute_url, language),
    }


def send_to_registrant(
    registration: Registration, template: str, extra: dict[str, Any] | None = None
) -> None:
    language = registration.language
    context = {
        **event_context(registration.event, language),
        "registration": registration,
        "status": registration.status,
        "category": localized(registration.category, "name", language),
        "link": registration_url(registration, language),
        **(extra or {}),
    }
    attachments = []
    if registration.status == RegistrationStatus.CONFIRMED:
        attachments.append(
            (
                f"{registration.event.slug}.ics",
                event_ics(registration.event, language),
                ICS_MIMETYPE,
            )
        )
    send_mail_in_language(
        f"events/mail/{template}",
        context,
        to=[registration.email],
        language=language,
        attachments=attachments,
    )


def send_registration_status(registration: Registration, *, note: str = "") -> None:
    """The e-mail for the registration's current status (received, confirmed, offer…)."""
    send_to_registrant(registration, "registration", {"note": note})


def send_reminder(registration: Registration) -> None:
    send_to_registrant(registration, "reminder")


def send_event_cancelled(registration: Registration, *, note: str = "") -> None:
    send_to_registrant(registration, "event_cancelled", {"note": note})


def send_invitation(invitation: Invitation) -> None:
    language = invitation.language
    link = site_url(
        lambda: (
            reverse("events:register", args=[invitation.event.slug])
            + f"?invitation={invitation.token}"
        ),
        language,
    )
    send_mail_in_language(
        "events/mail/invitation",
        {**event_context(invitation.event, language), "invitation": invitation, "link": link},
        to=[invitation.email],
        language=language,
    )


# Queued work (pazanga.common.tasks.run_later): ids in, fresh rows read when it runs.


def registration_for_mail(registration_id: int) -> Registration:
    return Registration.objects.select_related("event__venue", "category").get(pk=registration_id)


def send_registration_status_to(registration_id: int, note: str = "", status: str = "") -> None:
    registration = registration_for_mail(registration_id)
    if status and registration.status != status:
        return  # the registration moved on; that move has its own e-mail
    send_registration_status(registration, note=note)


def send_event_cancelled_to(registration_id: int, note: str = "") -> None:
    send_event_cancelled(registration_for_mail(registration_id), note=note)


def send_reminder_to(registration_id: int) -> None:
    send_reminder(registration_for_mail(registration_id))


def send_invitations(invitation_ids: list[int]) -> None:
    invitations = Invitation.objects.filter(pk__in=invitation_ids, sent_at__isnull=True)
    for invitation in invitations.select_related("event__venue"):
        send_invitation(invitation)
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
