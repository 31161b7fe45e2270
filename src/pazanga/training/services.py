"""Writes with side effects: planning sessions, enrolling, attendance, tests, completion.

Registration, the waiting list, check-in, attendance and certificates are the events
engine's (pazanga.events.services); tests and feedback are the questionnaire engine's.
These functions add the training rules around them.
"""

import copy
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from pazanga.common.audit import log_action
from pazanga.common.i18n import format_date
from pazanga.common.refusals import Refusal
from pazanga.common.tasks import run_later
from pazanga.directory.models import Organisation
from pazanga.events import services as events
from pazanga.events import workflow as events_workflow
from pazanga.events.capacity import lock_event, seats_held
from pazanga.events.enums import ACTIVE_STATUSES, EventStatus, RegistrationStatus
from pazanga.events.models import AudienceCategory, Certificate, Event, Venue
from pazanga.programme.permissions import current_programme, libraries_of
from pazanga.questionnaires.models import Questionnaire, Response
from pazanga.questionnaires.queries import current_version
from pazanga.questionnaires.services import start_response
from pazanga.training import queries
from pazanga.training.enums import Instrument
from pazanga.training.models import Completion, Course, Enrolment, Module, Session, Trainer
from pazanga.training.notifications import staff_by_director
from pazanga.training.rules import Result, evaluate_completion

LIBRARY_STAFF_CATEGORY = "library-staff"
CERTIFICATE_TITLE_LT = "Mokymų baigimo pažymėjimas"
CERTIFICATE_TITLE_EN = "Certificate of training completion"
CERTIFICATE_PREFIX = "BP2M"
SLUG_BASE_LENGTH = 70  # room for "-<n>" within the event's 80 characters


@dataclass(frozen=True)
class SessionPlan:
    """What programme staff fill in to plan or edit a session.

    An empty questionnaire means the course's default (queries.questionnaire_of).
    """

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
    pre_test: Questionnaire | None = None
    post_test: Questionnaire | None = None
    feedback: Questionnaire | None = None
    follow_up: Questionnaire | None = None
    publish: bool = True


# What an edit compares (publishing is a status change, not an edit).
PLAN_FIELDS = tuple(f.name for f in fields(SessionPlan) if f.name != "publish")


def plan_of(session: Session) -> SessionPlan:
    """The plan a saved session follows now (the edit form's starting point)."""
    event, venue = session.event, session.event.venue
    return SessionPlan(
        course=session.course,
        municipality=session.municipality,
        title_lt=event.title_lt,
        title_en=event.title_en,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        venue_name=venue.name_lt if venue else "",
        venue_address=venue.address if venue else "",
        venue_city=venue.city if venue else "",
        capacity=event.capacity or 0,
        library_quota=session.library_quota,
        trainers=tuple(Trainer.objects.filter(sessions=session).select_related("user")),
        publish=event.status != EventStatus.DRAFT,
        **{instrument: getattr(session, instrument) for instrument in Instrument.values},
    )


def plan_differences(before: SessionPlan, after: SessionPlan) -> list[str]:
    """Names of the fields in which two plans differ (trainers compared as a set)."""

    def comparable(plan: SessionPlan, name: str) -> object:
        value = getattr(plan, name)
        return {t.pk for t in value} if name == "trainers" else value

    return [name for name in PLAN_FIELDS if comparable(before, name) != comparable(after, name)]


def save_session(
    plan: SessionPlan,
    *,
    actor: Any,
    session: Session | None = None,
    expected_version: int | None = None,
) -> Session:
    """Plan a new session (`session` None) or save programme staff's edit of `session`.

    A new session (refused, Refusal "training.no_programme", when no programme is
    current): through events.services.save_event, creates the Event as a draft of the
    current programme (registration closing when the session starts; an existing venue
    with the same name and address is reused, else one is created), audit
    `events.event.saved`; its "library staff" audience category that needs approval, and
    the Session with the plan's questionnaires (else the course's); makes the trainers door
    staff of the event (QR check-in, `events.event.door_staff_added`); publishes the event
    through events.workflow.change_event_status unless asked not to
    (`events.event.published`); writes `training.session.planned`.

    An edit: `expected_version` is the event's version the form was opened at; when the
    event has been saved since, nothing is saved and events.services.EditConflictError
    carries the event as saved now. A cancelled session is refused
    (Refusal "training.session_cancelled"), and so is a capacity below the places
    held now (Refusal "training.capacity_below_held" at the capacity field, counted by the
    events engine under the event's row lock). Otherwise, through
    events.services.save_event: locks the event row, saves its title, times, capacity,
    registration closing time and venue (an existing venue with the same name and
    address is reused) with the next version, audit `events.event.saved`; then saves
    the session's course, municipality, quota and questionnaires; trainers taken off lose
    their door-staff place, new ones get one; publishes a draft when asked to
    (`events.event.published`); writes `training.session.saved` with the changed fields.
    When the start, end or venue changed, each registrant holding or awaiting a place is
    e-mailed what changed, in their language, after commit through the task queue
    (notifications.send_session_changed_to; confirmed ones get the updated .ics).
    """
    if session is None:
        return create_session(plan, actor=actor)
    return update_session(session, plan, actor=actor, expected_version=expected_version or 0)


def create_session(plan: SessionPlan, *, actor: Any) -> Session:
    programme = current_programme()
    if programme is None:
        raise Refusal("training.no_programme")
    with transaction.atomic():
        event = events.save_event(
            Event(
                programme=programme,
                slug=unique_slug(plan.title_lt, plan.starts_at),
                title_lt=plan.title_lt,
                title_en=plan.title_en,
                summary_lt=str(plan.course.description_lt)[:1000],
                summary_en=str(plan.course.description_en)[:1000],
                starts_at=plan.starts_at,
                ends_at=plan.ends_at,
                capacity=plan.capacity,
                registration_closes_at=plan.starts_at,
            ),
            actor=actor,
            expected_version=0,
            changed=[],
            new_venue=Venue(
                name_lt=plan.venue_name, address=plan.venue_address, city=plan.venue_city
            ),
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
            **{
                instrument: getattr(plan, instrument) or getattr(course, instrument)
                for instrument in Instrument.values
            },
        )
        set_trainers(session, plan.trainers, actor=actor)
        if plan.publish:
            session.event = events_workflow.change_event_status(
                event, EventStatus.PUBLISHED, actor=actor
            )
        log_action(session, "training.session.planned", actor=actor, data={"event": event.pk})
    return session


def update_session(
    session: Session, plan: SessionPlan, *, actor: Any, expected_version: int
) -> Session:
    if session.event.status == EventStatus.CANCELLED:
        raise Refusal("training.session_cancelled")
    changed = sorted(plan_differences(plan_of(session), plan))
    event = copy.copy(session.event)  # the caller's copy keeps what was saved on a conflict
    event.title_lt, event.title_en = plan.title_lt, plan.title_en
    event.starts_at, event.ends_at = plan.starts_at, plan.ends_at
    event.capacity = plan.capacity
    event.registration_closes_at = plan.starts_at
    venue = Venue(name_lt=plan.venue_name, address=plan.venue_address, city=plan.venue_city)

    def save_training_side(saved: Event) -> None:
        session.event = saved
        session.course, session.municipality = plan.course, plan.municipality
        session.library_quota = plan.library_quota
        for instrument in Instrument.values:
            setattr(session, instrument, getattr(plan, instrument))
        session.save()
        set_trainers(session, plan.trainers, actor=actor)

    with transaction.atomic():
        before = lock_event(event)
        refuse_capacity_below_held(before, plan.capacity)
        saved = events.save_event(
            event,
            actor=actor,
            expected_version=expected_version,
            changed=changed,
            new_venue=venue,
            save_related=save_training_side,
        )
        if plan.publish and saved.status == EventStatus.DRAFT:
            events_workflow.change_event_status(saved, EventStatus.PUBLISHED, actor=actor)
        log_action(
            session,
            "training.session.saved",
            actor=actor,
            data={"event": saved.pk, "version": saved.version, "changed": changed},
        )
        tell_registrants_of_a_move(session, before, saved)
    return session


def tell_registrants_of_a_move(session: Session, before: Event, after: Event) -> None:
    """Queue an e-mail to each active registrant when the session's times or venue changed."""
    when = (before.starts_at, before.ends_at, before.venue_id)
    if when == (after.starts_at, after.ends_at, after.venue_id):
        return
    active = session.enrolments.filter(registration__status__in=ACTIVE_STATUSES)
    for enrolment_id in active.order_by("pk").values_list("pk", flat=True):
        run_later(
            "pazanga.training.notifications.send_session_changed_to",
            enrolment_id,
            before.starts_at.isoformat(),
            before.ends_at.isoformat(),
            before.venue_id,
        )


def refuse_capacity_below_held(locked: Event, capacity: int) -> None:
    """Refuse fewer places than registrations hold now (call under the event's row lock)."""
    held = seats_held(locked)[None]
    if capacity < held:
        raise Refusal("training.capacity_below_held", field="capacity", held=held)


def unique_slug(title: str, starts_at: datetime) -> str:
    base = slugify(f"{title} {timezone.localtime(starts_at):%Y-%m-%d}")[:SLUG_BASE_LENGTH]
    slug, number = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def set_trainers(session: Session, trainers: tuple[Trainer, ...], *, actor: Any) -> None:
    """The session's trainers; each is door staff of its event (QR check-in).

    Side effects: trainers taken off the session lose their door-staff place (audit
    `training.session.trainer_removed` and `events.event.door_staff_removed`); new ones get
    one (`events.event.door_staff_added`).
    """
    kept = {trainer.pk for trainer in trainers}
    removed = [t for t in Trainer.objects.filter(sessions=session) if t.pk not in kept]
    session.trainers.set(trainers)
    for trainer in removed:
        events.remove_door_staff(session.event, trainer.user_id, actor=actor)
        log_action(
            session, "training.session.trainer_removed", actor=actor, data={"user": trainer.user_id}
        )
    for trainer in trainers:
        events.add_door_staff(session.event, trainer.user, actor=actor)


def cancel_session(session: Session, *, actor: Any, note: str = "") -> Session:
    """Cancel a session that has not ended, with everyone's place in it.

    Refuses (Refusal "training.session_cancelled" / "training.session_over") a session
    already cancelled or over. Side effects:
    those of events.services.cancel_event (the event's status, every active registration
    cancelled, each registrant e-mailed in their language after commit); the director of
    each library whose staff held or awaited a place gets one e-mail listing them, in the
    director's language, after commit through the task queue
    (notifications.send_session_cancelled_to_director); writes `training.session.cancelled`
    with the note.
    """
    with transaction.atomic():
        event = lock_event(session.event)
        if event.status == EventStatus.CANCELLED:
            raise Refusal("training.session_cancelled")
        if event.ends_at <= timezone.now():
            raise Refusal("training.session_over")
        tell_directors_of_cancellation(session, note)
        session.event = events.cancel_event(event, actor=actor, note=note)
        log_action(session, "training.session.cancelled", actor=actor, data={"note": note})
    return session


def tell_directors_of_cancellation(session: Session, note: str) -> None:
    """Queue one e-mail per director of the libraries with staff holding or awaiting a place."""
    active = session.enrolments.filter(registration__status__in=ACTIVE_STATUSES).select_related(
        "library__director", "library__parent__director"
    )
    for director_id, enrolment_ids in sorted(staff_by_director(active.order_by("pk")).items()):
        run_later(
            "pazanga.training.notifications.send_session_cancelled_to_director",
            session.pk,
            director_id,
            enrolment_ids,
            note,
        )


def save_trainer(trainer: Trainer, modules: list[Module], *, actor: Any) -> Trainer:
    """Save a trainer's profile (a new one or an edit) and the modules they teach.

    Side effects: saves the Trainer and sets its modules; writes `training.trainer.saved`
    with whether it was created and the codes of its modules.
    """
    with transaction.atomic():
        created = trainer.pk is None
        trainer.save()
        trainer.modules.set(modules)
        log_action(
            trainer,
            "training.trainer.saved",
            actor=actor,
            data={"created": created, "modules": sorted(m.code for m in modules)},
        )
    return trainer


def library_for(person: Any, library: Organisation | None) -> Organisation:
    libraries = libraries_of(person)
    if not libraries:
        raise Refusal("training.not_library_staff")
    if library is not None:
        for candidate in libraries:
            if candidate.pk == library.pk:
                return candidate
        raise Refusal("training.not_library_staff")
    return libraries[0]


def enrol(
    session: Session, person: Any, *, library: Organisation | None = None, actor: Any = None
) -> Enrolment:
    """Apply for a place in `session` for `person` (library staff).

    Checks, in this order, each with its own refusal ("training.<reason>"): the person is
    confirmed library staff; the session is not cancelled and has not started; they are
    not already enrolled; they have no active enrolment in an overlapping session; their
    library's quota is not used up. Then registers them through events.services.register
    (pending approval, or waitlisted when the session is full; its refusals, "events.<reason>",
    come back as they are).
    Side effects: locks the session's event row first (so two colleagues of one library
    never both take its last place); those of events.services.register (the registration
    and its e-mail); creates the Enrolment; writes `training.enrolment.applied`.
    """
    now = timezone.now()
    with transaction.atomic():
        event = lock_event(session.event)
        chosen = library_for(person, library)
        if event.status == EventStatus.CANCELLED:
            raise Refusal("training.session_cancelled")
        if now >= event.starts_at:
            raise Refusal("training.started")
        active = Enrolment.objects.filter(registration__status__in=ACTIVE_STATUSES)
        if active.filter(session=session, person=person).exists():
            raise Refusal("training.already")
        overlapping = (
            active.filter(
                person=person,
                session__event__starts_at__lt=event.ends_at,
                session__event__ends_at__gt=event.starts_at,
            )
            .select_related("session__event")
            .first()
        )
        if overlapping is not None:
            raise Refusal("training.overlap", title=str(overlapping.session.event.title))
        if active.filter(session=session, library=chosen).count() >= session.library_quota:
            raise Refusal(
                "training.quota", library=chosen.display_name, quota=session.library_quota
            )
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
            own_entry=True,
        )
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

    Refuses someone not enrolled in this session (Refusal "training.not_enrolled"); the
    events engine refuses an unconfirmed participant and a day the session does not run on
    ("events.<reason>", as they are). Side effects: those of
    events.services.record_attendance (the Attendance row and its audit entry).
    """
    if enrolment.session_id != session.pk:
        raise Refusal("training.not_enrolled")
    events.record_attendance(enrolment.registration, day=day, status=status, actor=actor)


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
    """Refuse (Refusal "training.<reason>") a questionnaire not open for this enrolment now."""
    status = enrolment.registration.status
    if instrument == Instrument.PRE_TEST:
        if status not in ACTIVE_STATUSES:
            raise Refusal("training.not_confirmed")
        if now >= enrolment.session.event.starts_at:
            raise Refusal("training.closed")
        return
    if status != RegistrationStatus.CONFIRMED:
        raise Refusal("training.not_confirmed")
    opens = instrument_opens_at(enrolment, instrument)
    if now < opens:
        language = enrolment.person.preferred_language
        raise Refusal("training.not_open_yet", date=format_date(opens, language))


def start_instrument(enrolment: Enrolment, instrument: str, *, language: str) -> Response:
    """The person's response to one of the session's questionnaires about this enrolment.

    Refuses (Refusal "training.<reason>") a session without that questionnaire, one not
    open now, and one already submitted (a test is taken once). Side effect: may create a
    draft Response through questionnaires.services.start_response (subject: the enrolment).
    """
    questionnaire = queries.questionnaire_of(enrolment.session, instrument)
    if questionnaire is None:
        raise Refusal("training.no_questionnaire")
    questionnaire = current_version(questionnaire)
    if queries.submitted_response(enrolment, instrument) is not None:
        raise Refusal("training.already_submitted")
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

    Raises Refusal("training.not_completed", reasons=...) when no module's rule is met
    (nothing is written then). Modules already recorded are kept (idempotent).
    Side effects: creates a Completion per module whose rule is met; issues the events
    certificate (verifiable, serial BP2M-<year>-<n>) through
    events.services.issue_certificate; writes `training.enrolment.completed`.
    """
    if enrolment.registration.status != RegistrationStatus.CONFIRMED:
        raise Refusal("training.not_confirmed")
    results = evaluate(enrolment)
    met = [module_id for module_id, result in results.items() if result.met]
    if not met:
        reasons = next(iter(results.values())).reasons if results else ()
        raise Refusal("training.not_completed", reasons=reasons)
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
    return events.issue_certificate(
        enrolment.registration,
        actor=actor,
        title_lt=CERTIFICATE_TITLE_LT,
        title_en=CERTIFICATE_TITLE_EN,
        serial_prefix=CERTIFICATE_PREFIX,
    )


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
        except Refusal as refusal:
            refused.append((enrolment, refusal.message))
        else:
            completed.append(enrolment)
    return SessionCompletion(completed, refused)
