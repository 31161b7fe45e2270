"""Writes with side effects: planning sessions, enrolling, attendance, tests, completion.

Registration, the waiting list, check-in, attendance and certificates are the events
engine's (pazanga.events.services); tests and feedback are the questionnaire engine's.
These functions add the training rules around them.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from pazanga.common.audit import log_action
from pazanga.common.i18n import format_date
from pazanga.directory.models import Organisation
from pazanga.events import services as events
from pazanga.events.capacity import lock_event
from pazanga.events.enums import ACTIVE_STATUSES, EventStatus, RegistrationStatus
from pazanga.events.models import AudienceCategory, Certificate, Event, Venue
from pazanga.programme.permissions import current_programme, libraries_of
from pazanga.questionnaires.models import Response
from pazanga.questionnaires.queries import current_version
from pazanga.questionnaires.services import start_response
from pazanga.training import queries
from pazanga.training.enums import Instrument
from pazanga.training.models import Completion, Course, Enrolment, Session, Trainer
from pazanga.training.refusals import TrainingRefusedError
from pazanga.training.rules import Result, evaluate_completion

LIBRARY_STAFF_CATEGORY = "library-staff"
CERTIFICATE_TITLE_LT = "Mokymų baigimo pažymėjimas"
CERTIFICATE_TITLE_EN = "Certificate of training completion"
CERTIFICATE_PREFIX = "BP2M"


@dataclass(frozen=True)
class SessionPlan:
    """What programme staff fill in to plan a session."""

    course: Course
    municipality: Any
    title_lt: str
    title_en: str
    starts_at: datetime
    ends_at: datetime
    venue_name: str
    venue_address: str
    venue_city: str
    capacity: int
    library_quota: int
    trainers: tuple[Trainer, ...] = ()
    publish: bool = True


def plan_session(plan: SessionPlan, *, actor: Any) -> Session:
    """Create a session and the event under it.

    Side effects: creates (or reuses) the Venue, the Event (published unless asked not
    to, registration closing when the session starts), its "library staff" audience
    category that needs approval, and the Session with the course's questionnaires;
    makes the trainers door staff of the event (so they may use QR check-in); writes
    the audit entry `training.session.planned`.
    """
    programme = current_programme()
    with transaction.atomic():
        venue, _created = Venue.objects.get_or_create(
            name_lt=plan.venue_name,
            address=plan.venue_address,
            defaults={"city": plan.venue_city},
        )
        event = Event.objects.create(
            programme=programme,
            slug=unique_slug(plan.title_lt, plan.starts_at),
            title_lt=plan.title_lt,
            title_en=plan.title_en,
            summary_lt=str(plan.course.description_lt)[:1000],
            summary_en=str(plan.course.description_en)[:1000],
            starts_at=plan.starts_at,
            ends_at=plan.ends_at,
            venue=venue,
            capacity=plan.capacity,
            registration_closes_at=plan.starts_at,
            status=EventStatus.PUBLISHED if plan.publish else EventStatus.DRAFT,
        )
        AudienceCategory.objects.create(
            event=event,
            code=LIBRARY_STAFF_CATEGORY,
            name_lt="Bibliotekų darbuotojai",
            name_en="Library staff",
            needs_approval=True,
        )
        course = plan.course
        session = Session.objects.create(
            event=event,
            course=course,
            municipality=plan.municipality,
            library_quota=plan.library_quota,
            pre_test=course.pre_test,
            post_test=course.post_test,
            feedback=course.feedback,
            follow_up=course.follow_up,
        )
        set_trainers(session, plan.trainers, actor=actor)
        log_action(session, "training.session.planned", actor=actor, data={"event": event.pk})
    return session


def unique_slug(title: str, starts_at: datetime) -> str:
    base = slugify(f"{title} {timezone.localtime(starts_at):%Y-%m-%d}")[:70] or "mokymai"
    slug, number = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def set_trainers(session: Session, trainers: tuple[Trainer, ...], *, actor: Any) -> None:
    """The session's trainers; each becomes door staff of its event (QR check-in)."""
    session.trainers.set(trainers)
    for trainer in trainers:
        events.add_door_staff(session.event, trainer.user, actor=actor)


def library_for(person: Any, library: Organisation | None) -> Organisation:
    libraries = libraries_of(person)
    if not libraries:
        raise TrainingRefusedError("not_library_staff")
    if library is not None:
        for candidate in libraries:
            if candidate.pk == library.pk:
                return candidate
        raise TrainingRefusedError("not_library_staff")
    return libraries[0]


def enrol(
    session: Session, person: Any, *, library: Organisation | None = None, actor: Any = None
) -> Enrolment:
    """Apply for a place in `session` for `person` (library staff).

    Checks, in this order, each with its own message (TrainingRefusedError): the person is
    confirmed library staff; the session has not started; they are not already enrolled;
    they have no active enrolment in an overlapping session; their library's quota is not
    used up. Then registers them through events.services.register (pending approval, or
    waitlisted when the session is full; its refusals come back as TrainingRefusedError).
    Side effects: locks the session's event row first (so two colleagues of one library
    never both take its last place); those of events.services.register (the registration
    and its e-mail); creates the Enrolment; writes `training.enrolment.applied`.
    """
    now = timezone.now()
    with transaction.atomic():
        event = lock_event(session.event)
        chosen = library_for(person, library)
        if now >= event.starts_at:
            raise TrainingRefusedError("started")
        active = Enrolment.objects.filter(registration__status__in=ACTIVE_STATUSES)
        if active.filter(session=session, person=person).exists():
            raise TrainingRefusedError("already")
        overlapping = (
            active.filter(
                person=person,
                session__event__starts_at__lt=event.ends_at,
                session__event__ends_at__gt=event.starts_at,
            )
            .exclude(session=session)
            .select_related("session__event")
            .first()
        )
        if overlapping is not None:
            raise TrainingRefusedError("overlap", title=str(overlapping.session.event.title))
        if active.filter(session=session, library=chosen).count() >= session.library_quota:
            raise TrainingRefusedError(
                "quota", library=chosen.display_name, quota=session.library_quota
            )
        try:
            registration = events.register(
                event,
                category=event.categories.get(code=LIBRARY_STAFF_CATEGORY),
                registrant=events.Registrant(
                    first_name=person.first_name or person.email,
                    last_name=person.last_name,
                    email=person.email,
                    organisation=chosen,
                    job_title=person.position,
                    language=person.preferred_language,
                ),
                user=person,
                actor=actor or person,
            )
        except events.RefusedError as refusal:
            raise TrainingRefusedError("event", text=refusal.message) from refusal
        enrolment = Enrolment.objects.create(
            session=session,
            registration=registration,
            person=person,
            library=chosen,
            created_at=now,
        )
        log_action(
            enrolment,
            "training.enrolment.applied",
            actor=actor or person,
            data={"session": session.pk, "library": chosen.pk, "status": registration.status},
        )
    return enrolment


def record_attendance(
    session: Session, enrolment: Enrolment, *, day: date, status: str, actor: Any
) -> None:
    """One day's attendance of an enrolled participant (events.services.record_attendance).

    Refuses (TrainingRefusedError) someone not enrolled in this session, an unconfirmed
    participant and a day the session does not run on. Side effects: those of
    events.services.record_attendance (the Attendance row and its audit entry).
    """
    if enrolment.session_id != session.pk:
        raise TrainingRefusedError("not_enrolled")
    try:
        events.record_attendance(enrolment.registration, day=day, status=status, actor=actor)
    except events.RefusedError as refusal:
        raise TrainingRefusedError("event", text=refusal.message) from refusal


def instrument_opens_at(enrolment: Enrolment, instrument: str) -> datetime:
    """When a questionnaire opens for an enrolment (decision 0052)."""
    event = enrolment.session.event
    if instrument == Instrument.PRE_TEST:
        return enrolment.created_at
    if instrument == Instrument.FOLLOW_UP:
        return event.ends_at + timedelta(days=enrolment.session.follow_up_days)
    last_day = timezone.localtime(event.ends_at).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(last_day, event.starts_at)


def check_instrument_open(enrolment: Enrolment, instrument: str, now: datetime) -> None:
    """Refuse (TrainingRefusedError) a questionnaire that is not open for this enrolment now."""
    status = enrolment.registration.status
    if instrument == Instrument.PRE_TEST:
        if status not in ACTIVE_STATUSES:
            raise TrainingRefusedError("not_confirmed")
        if now >= enrolment.session.event.starts_at:
            raise TrainingRefusedError("closed")
        return
    if status != RegistrationStatus.CONFIRMED:
        raise TrainingRefusedError("not_confirmed")
    opens = instrument_opens_at(enrolment, instrument)
    if now < opens:
        language = enrolment.person.preferred_language
        raise TrainingRefusedError("not_open_yet", date=format_date(opens, language))


def start_instrument(enrolment: Enrolment, instrument: str, *, language: str) -> Response:
    """The person's response to one of the session's questionnaires about this enrolment.

    Refuses (TrainingRefusedError) a session without that questionnaire, one not open now, and
    one already submitted (a test is taken once). Side effect: may create a draft Response
    through questionnaires.services.start_response (subject: the enrolment).
    """
    questionnaire = queries.questionnaire_of(enrolment.session, instrument)
    if questionnaire is None:
        raise TrainingRefusedError("no_questionnaire")
    questionnaire = current_version(questionnaire)
    if queries.submitted_response(enrolment, instrument) is not None:
        raise TrainingRefusedError("already_submitted")
    check_instrument_open(enrolment, instrument, timezone.now())
    return start_response(
        questionnaire, respondent=enrolment.person, subject=enrolment, language=language
    )


def evaluate(enrolment: Enrolment) -> dict[int, Result]:
    """The completion result for each module of the enrolment's course, by module id."""
    facts = queries.completion_facts(enrolment)
    return {
        module.pk: evaluate_completion(facts, queries.rule_of(module))
        for module in enrolment.session.course.modules.select_related("rule")
    }


def complete(enrolment: Enrolment, *, actor: Any) -> list[Completion]:
    """Record the modules `enrolment` completed and issue its certificate.

    Raises TrainingRefusedError("not_completed", reasons=...) when no module's rule is met
    (nothing is written then). Modules already recorded are kept (idempotent).
    Side effects: creates a Completion per module whose rule is met; issues the events
    certificate (verifiable, serial BP2M-<year>-<n>) through
    events.services.issue_certificate; writes `training.enrolment.completed`.
    """
    if enrolment.registration.status != RegistrationStatus.CONFIRMED:
        raise TrainingRefusedError("not_confirmed")
    results = evaluate(enrolment)
    met = [module_id for module_id, result in results.items() if result.met]
    if not met:
        reasons = next(iter(results.values())).reasons if results else ()
        raise TrainingRefusedError("not_completed", reasons=reasons)
    with transaction.atomic():
        certificate = issue_certificate(enrolment, actor)
        now = timezone.now()
        for module_id in met:
            Completion.objects.get_or_create(
                enrolment=enrolment,
                module_id=module_id,
                defaults={
                    "person": enrolment.person,
                    "completed_at": now,
                    "certificate": certificate,
                },
            )
        log_action(
            enrolment,
            "training.enrolment.completed",
            actor=actor,
            data={"modules": met, "certificate": certificate.serial},
        )
    return list(enrolment.completions.select_related("module"))


def issue_certificate(enrolment: Enrolment, actor: Any) -> Certificate:
    try:
        return events.issue_certificate(
            enrolment.registration,
            actor=actor,
            title_lt=CERTIFICATE_TITLE_LT,
            title_en=CERTIFICATE_TITLE_EN,
            serial_prefix=CERTIFICATE_PREFIX,
        )
    except events.RefusedError as refusal:
        raise TrainingRefusedError("event", text=refusal.message) from refusal


@dataclass(frozen=True)
class SessionCompletion:
    completed: list[Enrolment]
    refused: list[tuple[Enrolment, str]]


def complete_session(session: Session, *, actor: Any) -> SessionCompletion:
    """Evaluate every confirmed participant; see `complete` for the side effects."""
    completed: list[Enrolment] = []
    refused: list[tuple[Enrolment, str]] = []
    confirmed = session.enrolments.filter(
        registration__status=RegistrationStatus.CONFIRMED
    ).select_related("registration", "person", "session__event", "session__course")
    for enrolment in confirmed.order_by("person__last_name", "person__first_name", "pk"):
        try:
            complete(enrolment, actor=actor)
        except TrainingRefusedError as refusal:
            refused.append((enrolment, refusal.message))
        else:
            completed.append(enrolment)
    return SessionCompletion(completed, refused)
