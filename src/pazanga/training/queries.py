"""Reusable reads: the calendar, approval queue, trainers' sessions, facts for completion."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from pazanga.directory.models import Organisation
from pazanga.events.enums import EventStatus, RegistrationStatus, Visibility
from pazanga.events.models import Attendance
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.models import RoleAssignment
from pazanga.programme.permissions import current_programme
from pazanga.questionnaires.enums import ResponseStatus
from pazanga.questionnaires.models import Questionnaire, Response
from pazanga.training.enums import Instrument
from pazanga.training.models import (
    Completion,
    CompletionRule,
    Enrolment,
    Module,
    Session,
    Trainer,
)
from pazanga.training.rules import Facts, Rule, attendance_percent, score_percent

DEFAULT_RULE = Rule(min_attendance_percent=75, min_post_test_percent=None, feedback_required=False)


def sessions_with_details() -> QuerySet[Session]:
    return Session.objects.select_related(
        "event", "event__venue", "course", "municipality", "municipality__county"
    ).prefetch_related(
        Prefetch("trainers", queryset=Trainer.objects.select_related("user")),
        "course__modules",
    )


def public_sessions() -> QuerySet[Session]:
    return sessions_with_details().filter(
        event__status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED),
        event__visibility=Visibility.PUBLIC,
    )


def upcoming_sessions(limit: int | None = None) -> list[Session]:
    """Published sessions not yet over, soonest first (the portal's home page shows a few)."""
    sessions = (
        public_sessions()
        .filter(event__status=EventStatus.PUBLISHED, event__ends_at__gte=timezone.now())
        .order_by("event__starts_at", "pk")
    )
    return list(sessions[:limit] if limit else sessions)


@dataclass(frozen=True)
class CalendarFilters:
    module: Module | None = None
    county: Any = None
    month: date | None = None  # the first day of the month
    past: bool = False


def calendar(filters: CalendarFilters) -> QuerySet[Session]:
    """Public sessions by module, county and month; upcoming ones unless `past`."""
    sessions = public_sessions()
    if filters.module is not None:
        sessions = sessions.filter(course__modules=filters.module)
    if filters.county is not None:
        sessions = sessions.filter(municipality__county=filters.county)
    if filters.month is not None:
        sessions = sessions.filter(
            event__starts_at__year=filters.month.year, event__starts_at__month=filters.month.month
        )
    elif not filters.past:
        sessions = sessions.filter(event__ends_at__gte=timezone.now())
    return sessions.distinct().order_by("event__starts_at", "pk")


def sessions_of_trainer(user: Any) -> QuerySet[Session]:
    return sessions_with_details().filter(trainers__user=user).order_by("-event__starts_at")


def enrolments_of(person: Any) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(person=person)
        .select_related("session__event", "session__course", "registration", "library")
        .order_by("-session__event__starts_at", "-pk")
    )


def has_trained_staff() -> Exists:
    return Exists(Completion.objects.filter(enrolment__library=OuterRef("library")))


def approval_queue(session: Session | None = None) -> QuerySet[Enrolment]:
    """Pending enrolments: libraries without trained staff first, then first come."""
    pending = Enrolment.objects.filter(registration__status=RegistrationStatus.PENDING)
    if session is not None:
        pending = pending.filter(session=session)
    return (
        pending.annotate(library_trained=has_trained_staff())
        .select_related("person", "library", "session__event", "registration")
        .order_by("library_trained", "created_at", "pk")
    )


def session_enrolments(session: Session) -> QuerySet[Enrolment]:
    return (
        session.enrolments.select_related("person", "library", "registration")
        .prefetch_related(
            Prefetch("registration__attendances", queryset=Attendance.objects.order_by("day")),
            "completions",
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )


def questionnaire_of(session: Session, instrument: str) -> Questionnaire | None:
    """The session's questionnaire for `instrument`, else its course's default."""
    own = getattr(session, instrument)
    return own if own is not None else getattr(session.course, instrument)


def enrolment_type() -> ContentType:
    return ContentType.objects.get_for_model(Enrolment)


def responses_about_enrolments(enrolment_ids: list[int]) -> QuerySet[Response]:
    return Response.objects.filter(
        subject_type=enrolment_type(),
        subject_id__in=[str(pk) for pk in enrolment_ids],
        status=ResponseStatus.SUBMITTED,
    )


def submitted_response(enrolment: Enrolment, instrument: str) -> Response | None:
    questionnaire = questionnaire_of(enrolment.session, instrument)
    if questionnaire is None:
        return None
    return (
        responses_about_enrolments([enrolment.pk])
        .filter(questionnaire__code=questionnaire.code)
        .order_by("-submitted_at")
        .first()
    )


def rule_of(module: Module) -> Rule:
    try:
        rule: CompletionRule = module.rule
    except CompletionRule.DoesNotExist:
        return DEFAULT_RULE
    return Rule(rule.min_attendance_percent, rule.min_post_test_percent, rule.feedback_required)


def attendance_of(enrolment: Enrolment, session: Session | None = None) -> Decimal:
    """Weighted attendance percentage (rules.attendance_percent) over the session's days."""
    days = len((session or enrolment.session).event.days)
    statuses = [a.status for a in enrolment.registration.attendances.all()]
    return attendance_percent(statuses, days)


def completion_facts(enrolment: Enrolment) -> Facts:
    session = enrolment.session
    post = submitted_response(enrolment, Instrument.POST_TEST)
    return Facts(
        attendance_percent=attendance_of(enrolment),
        post_test_percent=score_percent(post.score, post.max_score) if post else None,
        has_post_test=questionnaire_of(session, Instrument.POST_TEST) is not None,
        feedback_given=submitted_response(enrolment, Instrument.FEEDBACK) is not None,
        has_feedback=questionnaire_of(session, Instrument.FEEDBACK) is not None,
    )


def instrument_codes(session: Session) -> dict[str, str]:
    """{instrument: questionnaire code} for the questionnaires the session has."""
    codes = {}
    for instrument in Instrument.values:
        questionnaire = questionnaire_of(session, instrument)
        if questionnaire is not None:
            codes[instrument] = questionnaire.code
    return codes


@dataclass
class Respondents:
    """Who answered which of a session's questionnaires, per enrolment id."""

    codes: dict[str, str]
    answered: dict[int, set[str]]

    def missing(self, enrolment: Enrolment, instruments: tuple[str, ...]) -> list[str]:
        done = self.answered.get(enrolment.pk, set())
        return [i for i in instruments if i in self.codes and self.codes[i] not in done]


def respondents(session: Session, enrolments: list[Enrolment]) -> Respondents:
    """One query: which questionnaire codes each enrolment has submitted."""
    answered: dict[int, set[str]] = {}
    rows = responses_about_enrolments([e.pk for e in enrolments]).values_list(
        "subject_id", "questionnaire__code"
    )
    for subject_id, code in rows:
        answered.setdefault(int(subject_id), set()).add(code)
    return Respondents(instrument_codes(session), answered)


def completions_of(person: Any) -> QuerySet[Completion]:
    return (
        Completion.objects.filter(person=person)
        .select_related("module", "certificate", "enrolment__session__event")
        .order_by("module__position", "-completed_at")
    )


def search_filter(text: str) -> Q:
    condition = Q()
    for word in text.split():
        condition &= (
            Q(person__first_name__icontains=word)
            | Q(person__last_name__icontains=word)
            | Q(person__email__icontains=word)
            | Q(library__name__icontains=word)
        )
    return condition


def library_completed_module(library: Organisation, module_code: str) -> bool:
    """Whether someone enrolled for `library` completed the module (a grant eligibility rule)."""
    return Completion.objects.filter(enrolment__library=library, module__code=module_code).exists()


def trainers_with_modules(
    text: str = "", among: QuerySet[Trainer] | None = None
) -> QuerySet[Trainer]:
    """Trainer profiles (all, or `among`) with their person and modules, by name; `text`
    searches names."""
    trainers = among if among is not None else Trainer.objects.all()
    trainers = trainers.select_related("user").prefetch_related("modules")
    for word in text.split():
        trainers = trainers.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__email__icontains=word)
        )
    return trainers.order_by("user__last_name", "user__first_name", "pk")


def trainer_candidates() -> QuerySet[Any]:
    """People who hold the trainer role in the current programme and have no profile yet."""
    from django.contrib.auth import get_user_model

    holders = RoleAssignment.objects.filter(
        role=Role.TRAINER, status=AssignmentStatus.CONFIRMED, programme=current_programme()
    )
    return (
        get_user_model()
        .objects.filter(pk__in=holders.values("user"), trainer_profile__isnull=True)
        .order_by("last_name", "first_name", "email")
    )


def curriculum_modules() -> QuerySet[Module]:
    """Modules with their completion rule and trainers (for the public curriculum)."""
    return (
        Module.objects.select_related("rule")
        .prefetch_related(
            Prefetch(
                "trainers",
                queryset=Trainer.objects.select_related("user").order_by(
                    "user__last_name", "user__first_name"
                ),
            )
        )
        .order_by("position", "code")
    )


def session_entry(event: Any) -> str | None:
    """The session page where places of `event` are taken, when it is a training session."""
    from django.urls import reverse

    pk = Session.objects.filter(event=event).values_list("pk", flat=True).first()
    return reverse("training:session", args=[pk]) if pk is not None else None
