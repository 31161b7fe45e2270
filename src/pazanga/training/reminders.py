"""Follow-up questionnaires (Kirkpatrick L3) and reminders to non-respondents.

Both are idempotent: an enrolment is claimed by stamping it in the same statement that
checks it was not stamped, so two runs (or two processes) send one message.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from pazanga.common.tasks import run_later
from pazanga.events.enums import RegistrationStatus
from pazanga.training import queries
from pazanga.training.enums import Instrument
from pazanga.training.models import Enrolment, Session

END_OF_SESSION_INSTRUMENTS = (Instrument.POST_TEST, Instrument.FEEDBACK)
REMINDER_AFTER = timedelta(days=1)
REMINDER_WINDOW = timedelta(days=30)
MAIL = "pazanga.training.notifications.send_questionnaire_mail"


def confirmed_enrolments() -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(
        registration__status=RegistrationStatus.CONFIRMED
    ).select_related("person", "library", "session__event", "session__course", "registration")


def claim(enrolment: Enrolment, field: str, now: datetime) -> bool:
    return bool(
        Enrolment.objects.filter(pk=enrolment.pk, **{f"{field}__isnull": True}).update(
            **{field: now}
        )
    )


def send_follow_ups(now: datetime | None = None) -> int:
    """E-mail the follow-up questionnaire to confirmed participants whose session ended
    its follow_up_days ago. Side effects: stamps follow_up_sent_at; one e-mail each,
    after commit through the task queue. Returns the number sent."""
    now = now or timezone.now()
    due = confirmed_enrolments().filter(
        follow_up_sent_at__isnull=True, session__event__ends_at__lte=now
    )
    sent = 0
    for enrolment in due.order_by("pk"):
        if enrolment.session.event.ends_at + timedelta(days=enrolment.session.follow_up_days) > now:
            continue
        if queries.questionnaire_of(enrolment.session, Instrument.FOLLOW_UP) is None:
            continue
        with transaction.atomic():
            if claim(enrolment, "follow_up_sent_at", now):
                run_later(MAIL, enrolment.pk, "follow_up", [Instrument.FOLLOW_UP])
                sent += 1
    return sent


def send_reminders(now: datetime | None = None, session: Session | None = None) -> int:
    """Remind confirmed participants who have not answered the post-test or feedback.

    Sessions that ended at least a day and at most 30 days ago (or just `session`).
    Side effects: stamps reminder_sent_at (one reminder per enrolment); one e-mail each
    after commit through the task queue, linking the questionnaires still missing.
    Returns the number sent.
    """
    now = now or timezone.now()
    candidates = confirmed_enrolments().filter(reminder_sent_at__isnull=True)
    if session is not None:
        candidates = candidates.filter(session=session, session__event__ends_at__lte=now)
    else:
        candidates = candidates.filter(
            session__event__ends_at__lte=now - REMINDER_AFTER,
            session__event__ends_at__gte=now - REMINDER_WINDOW,
        )
    sent = 0
    by_session: dict[int, list[Enrolment]] = {}
    for enrolment in candidates.order_by("session_id", "pk"):
        by_session.setdefault(enrolment.session_id, []).append(enrolment)
    for enrolments in by_session.values():
        answered = queries.respondents(enrolments[0].session, enrolments)
        for enrolment in enrolments:
            missing = answered.missing(enrolment, END_OF_SESSION_INSTRUMENTS)
            if not missing:
                continue
            with transaction.atomic():
                if claim(enrolment, "reminder_sent_at", now):
                    run_later(MAIL, enrolment.pk, "reminder", missing)
                    sent += 1
    return sent
