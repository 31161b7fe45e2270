"""E-mails of the training programme, each in the recipient's language."""

from typing import Any

from django.urls import reverse

from pazanga.common.i18n import localized
from pazanga.common.mail import send_mail_in_language
from pazanga.directory.models import Organisation
from pazanga.events.calendar import site_url
from pazanga.events.dates import event_when, venue_line
from pazanga.training.models import Enrolment


def director_of(library: Organisation) -> Any:
    """The library's director; a branch without one is headed by its parent's director."""
    if library.director_id:
        return library.director
    if library.parent_id and library.parent and library.parent.director_id:
        return library.parent.director
    return None


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


def send_outcome_to_director(enrolment: Enrolment, *, note: str = "") -> None:
    """Tell the library's director whether their staff member got a place."""
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


def send_questionnaire_mail(enrolment: Enrolment, template: str, instruments: list[str]) -> None:
    """A reminder or follow-up: links to the questionnaires `instruments` of the enrolment."""
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
