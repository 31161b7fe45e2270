"""E-mails of the training programme, each in the recipient's language."""

import copy
from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.dateparse import parse_datetime

from pazanga.common.i18n import localized
from pazanga.common.mail import send_mail_in_language
from pazanga.directory.models import Organisation, User
from pazanga.events.calendar import event_ics, site_url
from pazanga.events.dates import event_when, venue_line
from pazanga.events.enums import ACTIVE_STATUSES, RegistrationStatus
from pazanga.events.models import Event, Venue
from pazanga.events.notifications import ICS_MIMETYPE
from pazanga.training.models import Enrolment


def director_of(library: Organisation) -> Any:
    """The library's director; a branch without one is headed by its parent's director."""
    if library.director_id:
        return library.director
    if library.parent_id and library.parent and library.parent.director_id:
        return library.parent.director
    return None


def staff_by_director(enrolments: Iterable[Enrolment]) -> dict[int, list[int]]:
    """Enrolment ids grouped by the director of each one's library (directors' own left out)."""
    grouped: dict[int, list[int]] = {}
    for enrolment in enrolments:
        director = director_of(enrolment.library)
        if director is not None and director.pk != enrolment.person_id and director.email:
            grouped.setdefault(director.pk, []).append(enrolment.pk)
    return grouped


def session_context(enrolment: Enrolment, language: str) -> dict[str, Any]:
    event = enrolment.session.event
    return {
        "enrolment": enrolment,
        "person": enrolment.person,
        "library": enrolment.library.display_name,
        "session_title": localized(event, "title", language),
        "when": event_when(event, language),
        "where": venue_line(event, language),
        "status": enrolment.registration.status,
        "enrolment_url": site_url(enrolment.get_absolute_url, language),
    }


# Queued work (pazanga.common.tasks.run_later): ids in, fresh rows read when it runs.


def send_outcome_to_director(enrolment_id: int, note: str = "") -> None:
    """Tell the library's director whether their staff member got a place (queued, by id)."""
    enrolment = enrolment_for_mail(enrolment_id)
    director = director_of(enrolment.library)
    if director is None or director.pk == enrolment.person_id or not director.email:
        return
    language = director.preferred_language
    send_mail_in_language(
        "training/mail/director_outcome",
        {**session_context(enrolment, language), "director": director, "note": note},
        to=[director.email],
        language=language,
    )


def send_questionnaire_mail(enrolment_id: int, template: str, instruments: list[str]) -> None:
    """A reminder or follow-up: links to the questionnaires `instruments` of the enrolment
    (queued, by id)."""
    enrolment = enrolment_for_mail(enrolment_id)
    language = enrolment.person.preferred_language
    links = [
        site_url(lambda i=instrument: reverse("training:answer", args=[enrolment.pk, i]), language)
        for instrument in instruments
    ]
    send_mail_in_language(
        f"training/mail/{template}",
        {**session_context(enrolment, language), "links": links},
        to=[enrolment.person.email],
        language=language,
    )


def enrolment_for_mail(enrolment_id: int) -> Enrolment:
    return Enrolment.objects.select_related(
        "person",
        "library__director",
        "library__parent__director",
        "registration",
        "session__event__venue",
    ).get(pk=enrolment_id)


def event_as_it_was(event: Event, starts_at: str, ends_at: str, venue_id: int | None) -> Event:
    """A copy of `event` with the times and venue it had before an edit (not saved)."""
    before = copy.copy(event)
    before.starts_at, before.ends_at = parse_datetime(starts_at), parse_datetime(ends_at)
    before.venue = Venue.objects.filter(pk=venue_id).first()
    return before


def send_session_changed_to(
    enrolment_id: int, old_starts_at: str, old_ends_at: str, old_venue_id: int | None
) -> None:
    """Tell a registrant their session's dates or venue changed (old -> new).

    Nothing is sent to someone who no longer holds or awaits a place, nor when the session
    is back where and when it was. A confirmed participant gets the updated .ics file.
    """
    enrolment = enrolment_for_mail(enrolment_id)
    status = enrolment.registration.status
    if status not in ACTIVE_STATUSES:
        return
    event = enrolment.session.event
    before = event_as_it_was(event, old_starts_at, old_ends_at, old_venue_id)
    moved = (before.starts_at, before.ends_at) != (event.starts_at, event.ends_at)
    relocated = before.venue_id != event.venue_id
    if not (moved or relocated):
        return
    language = enrolment.person.preferred_language
    attachments = []
    if status == RegistrationStatus.CONFIRMED:
        attachments.append((f"{event.slug}.ics", event_ics(event, language), ICS_MIMETYPE))
    send_mail_in_language(
        "training/mail/session_changed",
        {
            **session_context(enrolment, language),
            "old_when": event_when(before, language) if moved else "",
            "old_where": venue_line(before, language) if relocated else "",
        },
        to=[enrolment.person.email],
        language=language,
        attachments=attachments,
    )


def send_session_cancelled_to_director(
    session_id: int, director_id: int, enrolment_ids: list[int], note: str = ""
) -> None:
    """Tell a library director that a session their staff held or awaited places in is off."""
    director = User.objects.get(pk=director_id)
    staff = list(
        Enrolment.objects.filter(pk__in=enrolment_ids, session_id=session_id)
        .select_related("person", "library", "session__event__venue")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    if not staff:
        return
    language = director.preferred_language
    event = staff[0].session.event
    send_mail_in_language(
        "training/mail/director_cancelled",
        {
            "director": director,
            "session_title": localized(event, "title", language),
            "when": event_when(event, language),
            "where": venue_line(event, language),
            "staff": [(e.person.get_full_name() or e.person.email, e.library) for e in staff],
            "note": note,
        },
        to=[director.email],
        language=language,
    )
