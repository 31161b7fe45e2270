"""Who may open which training page: the one module the training views ask.

Roles come from pazanga.programme.permissions. Programme staff manage the sessions,
enrolments and trainers of the current programme; a session's own trainers run it
(attendance); programme staff, partners and researchers read the reports; library staff
enrol; a participant opens their own enrolments and record; everyone sees the sessions that
are announced. A session, enrolment, trainer or person a user may not open does not exist
for them (404), including everything of another programme.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from pazanga.directory.models import User
from pazanga.events.enums import EventStatus
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.models import Programme, RoleAssignment
from pazanga.programme.permissions import current_programme, is_programme_staff, role_required
from pazanga.training import queries
from pazanga.training.enums import Instrument
from pazanga.training.models import Enrolment, Session, Trainer

__all__ = [
    "REPORT_READERS",
    "enrolment_for",
    "library_staff_required",
    "may_run",
    "own_enrolment_for",
    "person_for",
    "programme_approval_queue",
    "programme_sessions",
    "programme_staff_required",
    "programme_trainers",
    "report_reader_required",
    "run_session_for",
    "staff_enrolment_for",
    "staff_session_for",
    "trainer_for",
    "visible_session_for",
]

# Funders and partners read the reports, and so does the impact-assessment team.
REPORT_READERS = (Role.PROGRAMME_STAFF, Role.PARTNER, Role.RESEARCHER)

programme_staff_required = role_required(Role.PROGRAMME_STAFF)
library_staff_required = role_required(Role.LIBRARY_STAFF)
report_reader_required = role_required(*REPORT_READERS)
INSTRUMENTS = tuple(Instrument.values)


def number(pk: Any) -> int:
    """A primary key from a URL or a form; anything else is a page that does not exist."""
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise Http404 from None


def staff_programme(user: Any) -> Programme:
    """The current programme, when `user` is its staff; else nothing here exists for them."""
    programme = current_programme()
    if programme is None or not is_programme_staff(user, programme):
        raise Http404
    return programme


# --- programme staff ---------------------------------------------------------------------


def programme_sessions(programme: Programme | None = None) -> QuerySet[Session]:
    """The sessions of `programme` (the current one when not given), with what their pages
    show."""
    programme = programme or current_programme()
    return queries.sessions_with_details().filter(event__programme=programme)


def staff_session_for(user: Any, pk: Any) -> Session:
    """A session of the current programme, for programme staff's pages (with its
    questionnaires, which the participant list shows)."""
    sessions = programme_sessions(staff_programme(user)).select_related(
        *INSTRUMENTS, *(f"course__{instrument}" for instrument in INSTRUMENTS)
    )
    return get_object_or_404(sessions, pk=number(pk))


def staff_enrolment_for(user: Any, pk: Any) -> Enrolment:
    """An enrolment in a session of the current programme, for programme staff's decisions."""
    enrolments = Enrolment.objects.select_related(
        "registration", "person", "library", "session__event"
    ).filter(session__event__programme=staff_programme(user))
    return get_object_or_404(enrolments, pk=number(pk))


def programme_approval_queue(session_pk: Any = None) -> QuerySet[Enrolment]:
    """Applications waiting in the current programme's sessions (or in one of them)."""
    queue = queries.approval_queue().filter(session__event__programme=current_programme())
    if session_pk not in (None, ""):
        try:
            queue = queue.filter(session_id=int(session_pk))
        except (TypeError, ValueError):
            return queue.none()
    return queue


def programme_trainers(programme: Programme | None = None) -> QuerySet[Trainer]:
    """Trainer profiles of people who hold the trainer role in `programme` (the current one
    when not given)."""
    holders = RoleAssignment.objects.filter(
        role=Role.TRAINER,
        status=AssignmentStatus.CONFIRMED,
        programme=programme or current_programme(),
    )
    return Trainer.objects.filter(user__in=holders.values("user"))


def trainer_for(user: Any, pk: Any) -> Trainer:
    """A trainer profile of the current programme, for programme staff to edit."""
    trainers = programme_trainers(staff_programme(user)).select_related("user")
    return get_object_or_404(trainers, pk=number(pk))


# --- trainers ------------------------------------------------------------------------------


def may_run(user: Any, session: Session) -> bool:
    """Programme staff of the session's programme and the session's own trainers run it."""
    if not getattr(user, "is_authenticated", False):
        return False
    programme = current_programme()
    ours = programme is not None and session.event.programme_id == programme.pk
    if ours and is_programme_staff(user, programme):
        return True
    return any(trainer.user_id == user.pk for trainer in session.trainers.all())


def run_session_for(user: Any, pk: Any) -> Session:
    """A session `user` runs (attendance): 404 for everyone else."""
    session = queries.sessions_with_details().filter(pk=number(pk)).first()
    if session is None or not may_run(user, session):
        raise Http404
    return session


# --- participants and the public -----------------------------------------------------------


def visible_session_for(user: Any, pk: Any) -> Session:
    """A session whose page `user` may open: announced ones for everyone, drafts only for
    programme staff of the draft's programme."""
    sessions = queries.sessions_with_details()
    hidden = Q(event__status=EventStatus.DRAFT)
    programme = current_programme()
    if programme is not None and is_programme_staff(user, programme):
        hidden &= ~Q(event__programme=programme)
    return get_object_or_404(sessions.exclude(hidden), pk=number(pk))


def enrolment_for(user: Any, pk: Any) -> Enrolment:
    """The person's own enrolment, or one of the current programme's for programme staff."""
    enrolments = Enrolment.objects.select_related(
        "session__event__venue", "session__course", "registration", "library", "person"
    )
    mine = Q(person_id=user.pk)
    programme = current_programme()
    if programme is not None and is_programme_staff(user, programme):
        mine |= Q(session__event__programme=programme)
    return get_object_or_404(enrolments.filter(mine), pk=number(pk))


def own_enrolment_for(user: Any, pk: Any) -> Enrolment:
    """The person's own enrolment (only they answer its questionnaires)."""
    enrolment = enrolment_for(user, pk)
    if enrolment.person_id != user.pk:
        raise Http404
    return enrolment


def person_for(user: Any, pk: Any) -> User:
    """Whose training record `user` may read: their own; programme staff read anyone's."""
    if number(pk) != user.pk and not is_programme_staff(user):
        raise Http404
    return get_object_or_404(User, pk=number(pk))
