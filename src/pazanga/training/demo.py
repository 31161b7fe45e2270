"""The 2014 training year as demo data, plus three sessions open for enrolment.

Sixty sessions of the eight first-year modules, six in each county, from March to
November 2014, each an event with registrations of demo library staff (at most two per
library), attendance per day, pre- and post-test answers with a plausible gain, feedback
on a 1–5 scale, follow-up answers, and completions with certificates wherever the
module's rule is met (evaluated by rules.evaluate_completion, as the service does).
Trainers: lektore@pazanga.example and five experienced staff of central libraries (the
"training of trainers" model). Everything is created in bulk in its final state: this is
fabricated history, not people's actions, so it does not go through the workflows and
writes no audit entries (the status lines say so for the lint); titles start with
"[Demo]" and rows are is_demo.
Deterministic from the given Random; a second run adds nothing.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from pazanga.directory.demo import copy_domain
from pazanga.directory.enums import OrganisationKind
from pazanga.directory.models import County, Municipality, Organisation, User
from pazanga.events.enums import AttendanceStatus, EventStatus, RegistrationStatus
from pazanga.events.models import (
    Attendance,
    AudienceCategory,
    Certificate,
    DoorStaff,
    Event,
    Registration,
    Venue,
)
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.models import Programme, RoleAssignment
from pazanga.questionnaires.enums import ResponseStatus
from pazanga.questionnaires.models import Questionnaire, Response
from pazanga.training import instruments, reference
from pazanga.training.models import (
    Completion,
    Course,
    CourseModule,
    Enrolment,
    Module,
    Session,
    Trainer,
)
from pazanga.training.queries import rule_of
from pazanga.training.rules import Facts, attendance_percent, evaluate_completion, score_percent
from pazanga.training.services import (
    CERTIFICATE_PREFIX,
    CERTIFICATE_TITLE_EN,
    CERTIFICATE_TITLE_LT,
    LIBRARY_STAFF_CATEGORY,
)

VILNIUS = ZoneInfo("Europe/Vilnius")
TRAINER_EMAIL = "lektore@pazanga.example"
FIRST_YEAR_MODULES = (
    "project-preparation",
    "project-management",
    "user-analysis",
    "innovation",
    "advocacy",
    "publicity",
    "impact-assessment",
    "leadership",
)
# Session start dates of 2014 (Tuesdays to Thursdays), six per county over the year.
MONTHS = (3, 4, 5, 6, 9, 10, 11)
SESSIONS_PER_COUNTY = 6
EXTRA_TRAINERS = 5
S = RegistrationStatus
A = AttendanceStatus
# Shares of confirmed participants who answered each questionnaire, and of follow-up
# respondents who applied what they learned.
PRE_TEST_RATE, POST_TEST_RATE, FEEDBACK_RATE, FOLLOW_UP_RATE, APPLIED_RATE = (
    0.92,
    0.9,
    0.85,
    0.55,
    0.7,
)
MAX_PER_LIBRARY = 2
ONE_DAY_HOURS = Decimal(8)
STATUS_WEIGHTS = ((S.CONFIRMED, 90), (S.CANCELLED, 5), (S.REJECTED, 3), (S.WAITLISTED, 2))
ATTENDANCE_WEIGHTS = ((A.PRESENT, 84), (A.LATE, 8), (A.EXCUSED, 3), (A.ABSENT, 5))


@dataclass
class Plan:
    """Everything created in bulk, collected first."""

    events: list[Event] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    trainers: list[list[Trainer]] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    enrolments: list[Enrolment] = field(default_factory=list)


def load(rng: random.Random) -> None:
    programme = Programme.objects.current()
    if programme is None or Session.objects.filter(is_demo=True).exists():
        return
    staff = list(
        User.objects.filter(is_demo=True, email__endswith="@bibliotekos.example")
        .select_related("organisation", "organisation__municipality")
        .order_by("pk")
    )
    if not staff:
        return
    if not Module.objects.exists():
        reference.load()
    actor = User.objects.filter(email="programa@pazanga.example").first()
    courses = demo_courses(programme, actor)
    trainers = demo_trainers(programme, rng)
    past = plan_year(rng, programme, courses, trainers, staff)
    upcoming = plan_upcoming(rng, programme, courses, trainers, staff)
    save_sessions(past, rng)
    save_sessions(upcoming, rng)
    seed_outcomes(rng, past, trainers)


def demo_courses(programme: Programme, actor: User | None) -> list[Course]:
    feedback, follow_up = instruments.shared_questionnaires(programme, actor)
    courses = []
    for code in FIRST_YEAR_MODULES:
        module = Module.objects.get(code=code)
        pre, post = instruments.module_tests(module, programme, actor)
        course, created = Course.objects.get_or_create(
            code=code,
            defaults={
                "title_lt": module.name_lt,
                "title_en": module.name_en,
                "description_lt": module.description_lt,
                "description_en": module.description_en,
                "pre_test": pre,
                "post_test": post,
                "feedback": feedback,
                "follow_up": follow_up,
                "is_demo": True,
            },
        )
        if created:
            CourseModule.objects.create(course=course, module=module)
        courses.append(course)
    return courses


def demo_trainers(programme: Programme, rng: random.Random) -> list[Trainer]:
    """lektore@ and five heads of central libraries, each teaching a few modules."""
    modules = list(Module.objects.filter(code__in=FIRST_YEAR_MODULES).order_by("position"))
    people = [User.objects.filter(email=TRAINER_EMAIL).first()]
    heads = Organisation.objects.filter(
        kind=OrganisationKind.MUNICIPAL_LIBRARY, director__isnull=False
    ).order_by("municipality__code")
    people += [library.director for library in heads[: EXTRA_TRAINERS * 7 : 7]]
    trainers = []
    for index, person in enumerate(p for p in people if p is not None):
        trainer, _created = Trainer.objects.get_or_create(
            user=person,
            defaults={
                "bio_lt": "Mokymų lektorė, projektų valdymo praktikė."
                if index == 0
                else "Bibliotekos vadovas, baigęs lektorių rengimo programą.",
                "bio_en": "Trainer and project management practitioner."
                if index == 0
                else "Library director who completed the training-of-trainers programme.",
            },
        )
        trainer.modules.set(rng.sample(modules, 3) if index else modules[:2])
        RoleAssignment.objects.get_or_create(
            user=person,
            programme=programme,
            role=Role.TRAINER,
            organisation=None,
            defaults={"status": AssignmentStatus.CONFIRMED},
        )
        trainers.append(trainer)
    return trainers


def session_dates(rng: random.Random, index: int) -> datetime:
    """A Tuesday, Wednesday or Thursday of one of the training months, at 10:00."""
    month = MONTHS[index % len(MONTHS)]
    first = date(2014, month, 1)
    first_tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
    day = first_tuesday + timedelta(days=rng.randint(0, 2) * 7 + rng.randint(0, 2))
    return datetime.combine(day, time(10, 0), tzinfo=VILNIUS)


def central_library(municipality: Municipality) -> Organisation | None:
    return (
        Organisation.objects.filter(
            kind=OrganisationKind.MUNICIPAL_LIBRARY, municipality=municipality
        )
        .order_by("pk")
        .first()
    )


def new_session(
    programme: Programme,
    course: Course,
    *,
    municipality: Municipality,
    starts: datetime,
    hours: Decimal,
    number: int,
) -> tuple[Event, Session]:
    ends = starts + timedelta(days=1) if hours > ONE_DAY_HOURS else starts.replace(hour=16)
    library = central_library(municipality)
    town = municipality.short_name_lt.split()[0]
    venue, _created = Venue.objects.get_or_create(
        name_lt=library.name if library else f"{town} biblioteka",
        address=library.address if library and library.address else town,
        defaults={"city": town},
    )
    event = Event(
        programme=programme,
        slug=f"demo-mokymai-{number:03d}",
        title_lt=f"[Demo] {course.title_lt}: mokymai ({municipality.short_name_lt})",
        title_en=f"[Demo] {course.title_en}: training ({municipality.name_en})",
        summary_lt=course.description_lt,
        summary_en=course.description_en,
        starts_at=starts,
        ends_at=ends.replace(hour=16),
        venue=venue,
        capacity=24,
        registration_closes_at=starts,
        status=EventStatus.PUBLISHED,  # not a workflow status: demo history, seeded as it ended
        is_demo=True,
    )
    return event, Session(course=course, municipality=municipality, is_demo=True)


def plan_year(
    rng: random.Random,
    programme: Programme,
    courses: list[Course],
    trainers: list[Trainer],
    staff: list[User],
    *,
    first_number: int = 0,
) -> Plan:
    plan = Plan()
    by_county: dict[int, list[User]] = {}
    for person in staff:
        if person.organisation and person.organisation.municipality:
            by_county.setdefault(person.organisation.municipality.county_id, []).append(person)
    busy: set[tuple[int, date]] = set()
    number = first_number
    for county in County.objects.order_by("code"):
        municipalities = list(county.municipalities.order_by("code"))
        for index in range(SESSIONS_PER_COUNTY):
            number += 1
            course = courses[(number - 1) % len(courses)]
            module = module_of(course)
            starts = session_dates(rng, index)
            event, session = new_session(
                programme,
                course,
                municipality=rng.choice(municipalities),
                starts=starts,
                hours=module.hours,
                number=number,
            )
            add_session(plan, event, session, session_trainers(rng, trainers, module, number))
            participants = choose_participants(rng, by_county.get(county.pk, []), event, busy)
            add_registrations(plan, rng, event, session, participants, past=True)
    return plan


def session_trainers(
    rng: random.Random, trainers: list[Trainer], module: Module, number: int
) -> list[Trainer]:
    qualified = [t for t in trainers if module in t.modules.all()] or trainers
    chosen = [rng.choice(qualified)]
    if number % 7 == 0 and trainers[0] not in chosen:
        chosen.append(trainers[0])  # lektore@ co-teaches some sessions
    return chosen


def add_session(plan: Plan, event: Event, session: Session, trainers: list[Trainer]) -> None:
    plan.events.append(event)
    plan.sessions.append(session)
    plan.trainers.append(trainers)


def choose_participants(
    rng: random.Random, pool: list[User], event: Event, busy: set[tuple[int, date]]
) -> list[User]:
    """12–22 staff of the county, at most two per library, nobody twice on one day."""
    days = event.days
    wanted = rng.randint(12, 22)
    per_library: dict[int, int] = {}
    chosen: list[User] = []
    for person in rng.sample(pool, min(len(pool), 80)):
        if len(chosen) >= wanted:
            break
        if per_library.get(person.organisation_id, 0) >= MAX_PER_LIBRARY or any(
            (person.pk, d) in busy for d in days
        ):
            continue
        per_library[person.organisation_id] = per_library.get(person.organisation_id, 0) + 1
        busy.update((person.pk, d) for d in days)
        chosen.append(person)
    return chosen


def weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _w in choices], weights=[w for _c, w in choices])[0]


def add_registrations(
    plan: Plan,
    rng: random.Random,
    event: Event,
    session: Session,
    people: list[User],
    *,
    past: bool,
) -> None:
    for person in people:
        applied = event.starts_at - timedelta(days=rng.randint(8, 40), minutes=rng.randint(0, 600))
        status = weighted(rng, STATUS_WEIGHTS) if past else S.PENDING
        plan.registrations.append(
            Registration(
                event=event,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
                user=person,
                organisation=person.organisation,
                job_title=person.position,
                language=person.preferred_language,
                status=status,  # not a workflow status: demo history, seeded as it ended
                created_at=applied,
                decided_at=applied + timedelta(days=2),
                is_demo=True,
            )
        )
        plan.enrolments.append(
            Enrolment(
                session=session,
                person=person,
                library=person.organisation,
                created_at=applied,
                is_demo=True,
            )
        )


def plan_upcoming(
    rng: random.Random,
    programme: Programme,
    courses: list[Course],
    trainers: list[Trainer],
    staff: list[User],
) -> Plan:
    """Three sessions weeks from now, open for enrolment, with a few applications waiting."""
    plan = Plan()
    today = timezone.localdate()
    municipalities = list(Municipality.objects.order_by("code"))
    for index, weeks in enumerate((3, 5, 8)):
        day = today + timedelta(weeks=weeks)
        starts = datetime.combine(day, time(10, 0), tzinfo=VILNIUS)
        course = courses[index]
        module = module_of(course)
        event, session = new_session(
            programme,
            course,
            municipality=municipalities[(index * 17) % len(municipalities)],
            starts=starts,
            hours=module.hours,
            number=900 + index,
        )
        event.title_lt = event.title_lt.replace(": mokymai", ": mokymai (registracija)")
        add_session(plan, event, session, [trainers[0]] if index == 0 else [rng.choice(trainers)])
        local = {
            p.organisation_id: p
            for p in staff
            if p.organisation and p.organisation.municipality_id == session.municipality.pk
        }
        applicants = rng.sample(sorted(local.values(), key=lambda p: p.pk), min(4, len(local)))
        add_registrations(plan, rng, event, session, applicants, past=False)
    return plan


def save_sessions(plan: Plan, rng: random.Random) -> None:
    events = Event.objects.bulk_create(plan.events)
    categories = AudienceCategory.objects.bulk_create(
        AudienceCategory(
            event=event,
            code=LIBRARY_STAFF_CATEGORY,
            name_lt="Bibliotekų darbuotojai",
            name_en="Library staff",
            needs_approval=True,
        )
        for event in events
    )
    category_of = {c.event_id: c for c in categories}
    for event, session in zip(events, plan.sessions, strict=True):
        session.event = event
        course = session.course
        session.pre_test_id, session.post_test_id = course.pre_test_id, course.post_test_id
        session.feedback_id, session.follow_up_id = course.feedback_id, course.follow_up_id
    sessions = Session.objects.bulk_create(plan.sessions)
    Session.trainers.through.objects.bulk_create(
        Session.trainers.through(session_id=s.pk, trainer_id=t.pk)
        for s, trainers in zip(sessions, plan.trainers, strict=True)
        for t in trainers
    )
    DoorStaff.objects.bulk_create(
        DoorStaff(event=s.event, user_id=t.user_id)
        for s, trainers in zip(sessions, plan.trainers, strict=True)
        for t in trainers
    )
    for registration in plan.registrations:
        registration.category = category_of[registration.event.pk]
    registrations = Registration.objects.bulk_create(plan.registrations, batch_size=500)
    for enrolment, registration in zip(plan.enrolments, registrations, strict=True):
        enrolment.registration = registration
    Enrolment.objects.bulk_create(plan.enrolments, batch_size=500)


# --- Outcomes of the 2014 sessions ------------------------------------------------------


@dataclass
class Seeded:
    attendances: list[Attendance] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    completions: list[tuple[Enrolment, list[int]]] = field(default_factory=list)


def seed_outcomes(
    rng: random.Random, plan: Plan, trainers: list[Trainer], *, series: str = "D"
) -> None:
    """Attendance, tests, feedback and follow-ups; completions where the rule is met."""
    enrolment_type = ContentType.objects.get_for_model(Enrolment)
    trainer_skill = {t.pk: rng.uniform(-0.5, 0.3) for t in trainers}
    module_gain = {code: rng.uniform(0.12, 0.32) for code in FIRST_YEAR_MODULES}
    questions = questions_by_questionnaire({e.session.course_id for e in plan.enrolments})
    rules = {m.pk: m for m in Module.objects.select_related("rule")}
    trainers_of = {id(s): ts for s, ts in zip(plan.sessions, plan.trainers, strict=True)}
    seeded = Seeded()
    for enrolment in plan.enrolments:
        if enrolment.registration.status != S.CONFIRMED:
            continue
        session = enrolment.session
        module = module_of(session.course)
        skill = sum(trainer_skill[t.pk] for t in trainers_of[id(session)]) / len(
            trainers_of[id(session)]
        )
        statuses = seed_attendance(rng, seeded, enrolment)
        attended = attendance_percent(statuses, len(session.event.days))
        ability = rng.uniform(0.2, 0.7)
        ends = session.event.ends_at
        pre = (
            answer_test(rng, questions[session.pre_test_id], ability)
            if rng.random() < PRE_TEST_RATE
            else None
        )
        post = None
        if attended > 0 and rng.random() < POST_TEST_RATE:
            post = answer_test(
                rng,
                questions[session.post_test_id],
                min(ability + module_gain[module.code] + skill / 4, 0.97),
            )
        feedback = (
            seed_feedback(rng, skill) if attended > 0 and rng.random() < FEEDBACK_RATE else None
        )
        follow_up = seed_follow_up(rng) if attended > 0 and rng.random() < FOLLOW_UP_RATE else None
        for questionnaire_id, answers, when in (
            (session.pre_test_id, pre, enrolment.created_at + timedelta(hours=5)),
            (session.post_test_id, post, ends - timedelta(minutes=30)),
            (session.feedback_id, feedback, ends - timedelta(minutes=10)),
            (session.follow_up_id, follow_up, ends + timedelta(days=rng.randint(91, 110))),
        ):
            if answers is not None:
                seeded.responses.append(
                    response(
                        enrolment,
                        enrolment_type,
                        questionnaire_id=questionnaire_id,
                        answers=answers,
                        when=when,
                        questions=questions,
                    )
                )
        enrolment.follow_up_sent_at = ends + timedelta(days=session.follow_up_days)
        enrolment.reminder_sent_at = (
            ends + timedelta(days=2) if feedback is None or post is None else None
        )
        post_points = test_points(questions[session.post_test_id], post) if post else None
        facts = Facts(
            attendance_percent=attended,
            post_test_percent=score_percent(*post_points) if post_points else None,
            has_post_test=True,
            feedback_given=feedback is not None,
            has_feedback=True,
        )
        if evaluate_completion(facts, rule_of(rules[module.pk])).met:
            seeded.completions.append((enrolment, [module.pk]))
    Attendance.objects.bulk_create(seeded.attendances, batch_size=1000)
    Response.objects.bulk_create(seeded.responses, batch_size=500)
    Enrolment.objects.bulk_update(
        plan.enrolments, ["follow_up_sent_at", "reminder_sent_at"], batch_size=500
    )
    save_completions(seeded.completions, series=series)


def module_of(course: Course) -> Module:
    """The course's (only) module; demo courses have one each. Cached per course."""
    cached: Module | None = getattr(course, "_demo_module", None)
    if cached is None:
        cached = course.modules.get()
        course._demo_module = cached  # type: ignore[attr-defined]
    return cached


def seed_attendance(rng: random.Random, seeded: Seeded, enrolment: Enrolment) -> list[str]:
    statuses = []
    for day in enrolment.session.event.days:
        status = weighted(rng, ATTENDANCE_WEIGHTS)
        statuses.append(status)
        checked_in = datetime.combine(day, time(9, rng.randint(30, 59)), tzinfo=VILNIUS)
        seeded.attendances.append(
            Attendance(
                registration=enrolment.registration,
                day=day,
                status=status,
                checked_in_at=checked_in if status in (A.PRESENT, A.LATE) else None,
            )
        )
    return statuses


@dataclass(frozen=True)
class TestQuestion:
    name: str
    correct: str
    wrong: tuple[str, ...]
    points: Decimal


def questions_by_questionnaire(course_ids: set[int]) -> dict[int | None, list[TestQuestion]]:
    """The demo tests' questions with their correct choice, per questionnaire id."""
    result: dict[int | None, list[TestQuestion]] = {None: []}
    tests = Questionnaire.objects.filter(code__endswith="-pre") | Questionnaire.objects.filter(
        code__endswith="-post"
    )
    for questionnaire in tests.prefetch_related("questions__choice_list__choices"):
        result[questionnaire.pk] = [
            TestQuestion(
                q.name,
                next(c.name for c in q.choice_list.choices.all() if c.is_correct),
                tuple(c.name for c in q.choice_list.choices.all() if not c.is_correct),
                q.points or Decimal(1),
            )
            for q in questionnaire.questions.all()
            if q.choice_list_id
        ]
    return result


def answer_test(
    rng: random.Random, questions: list[TestQuestion], ability: float
) -> dict[str, str]:
    return {q.name: q.correct if rng.random() < ability else rng.choice(q.wrong) for q in questions}


def test_points(questions: list[TestQuestion], answers: dict[str, str]) -> tuple[Decimal, Decimal]:
    points = sum((q.points for q in questions if answers.get(q.name) == q.correct), Decimal(0))
    return points, sum((q.points for q in questions), Decimal(0))


def seed_feedback(rng: random.Random, skill: float) -> dict[str, str]:
    answers = {}
    for name, _lt, _en in instruments.FEEDBACK_ITEMS:
        value = round(rng.gauss(4.2 + skill, 0.7))
        answers[name] = str(min(max(value, 1), 5))
    return answers


def seed_follow_up(rng: random.Random) -> dict[str, str]:
    applied = "yes" if rng.random() < APPLIED_RATE else "no"
    answers = {"applied": applied}
    if applied == "yes":
        answers["example"] = rng.choice(
            (
                "Parengėme paraišką savivaldybės kultūros programai.",
                "Atlikome skaitytojų apklausą.",
                "Pradėjome rašyti pranešimus vietos laikraščiui.",
                "Suplanavome naują paslaugą jaunimui.",
            )
        )
    return answers


def response(
    enrolment: Enrolment,
    enrolment_type: ContentType,
    *,
    questionnaire_id: int | None,
    answers: dict[str, str],
    when: datetime,
    questions: dict[int | None, list[TestQuestion]],
) -> Response:
    scored = questions.get(questionnaire_id)
    points = test_points(scored, answers) if scored else (None, None)
    return Response(
        questionnaire_id=questionnaire_id,
        respondent=enrolment.person,
        subject_type=enrolment_type,
        subject_id=str(enrolment.pk),
        once_key=f"user:{enrolment.person_id}:{enrolment_type.pk}:{enrolment.pk}",
        status=ResponseStatus.SUBMITTED,
        language="lt",
        answers=answers,
        score=points[0],
        max_score=points[1],
        passed=None if points[0] is None else points[0] >= Decimal(instruments.TEST_PASS_MARK),
        submitted_at=when,
        is_demo=True,
    )


def save_completions(completions: list[tuple[Enrolment, list[int]]], *, series: str = "D") -> None:
    certificates = []
    for number, (enrolment, _modules) in enumerate(completions, start=1):
        event = enrolment.session.event
        days = event.days
        certificates.append(
            Certificate(
                registration=enrolment.registration,
                serial=f"{CERTIFICATE_PREFIX}-{days[0].year}-{series}{number:05d}",
                holder_name=enrolment.registration.full_name,
                title_lt=CERTIFICATE_TITLE_LT,
                title_en=CERTIFICATE_TITLE_EN,
                event_title_lt=event.title_lt,
                event_title_en=event.title_en,
                starts_on=days[0],
                ends_on=days[-1],
                issued_on=days[-1] + timedelta(days=3),
            )
        )
    saved = Certificate.objects.bulk_create(certificates, batch_size=500)
    Completion.objects.bulk_create(
        (
            Completion(
                person=enrolment.person,
                module_id=module_id,
                enrolment=enrolment,
                completed_at=enrolment.session.event.ends_at + timedelta(days=3),
                certificate=certificate,
            )
            for (enrolment, modules), certificate in zip(completions, saved, strict=True)
            for module_id in modules
        ),
        batch_size=500,
    )


# --- Copies of the network (manage.py load_demo --scale N) ------------------------------


def load_copy(rng: random.Random, copy: int) -> None:
    """Copy `copy`'s 2014 training year: sixty more sessions with their registrations,
    attendance, answers and completions, for the staff of directory copy `copy`, taught
    by the same trainers. Skipped when the copy's first session exists."""
    programme = Programme.objects.current()
    first_number = copy * 1000
    if (
        programme is None
        or Event.objects.filter(slug=f"demo-mokymai-{first_number + 1:03d}").exists()
    ):
        return
    staff = list(
        User.objects.filter(is_demo=True, email__endswith=f"@{copy_domain(copy)}")
        .select_related("organisation", "organisation__municipality")
        .order_by("pk")
    )
    by_code = {c.code: c for c in Course.objects.filter(code__in=FIRST_YEAR_MODULES)}
    courses = [by_code[code] for code in FIRST_YEAR_MODULES if code in by_code]
    trainers = list(
        Trainer.objects.filter(user__is_demo=True).prefetch_related("modules").order_by("pk")
    )
    if not staff or len(courses) < len(FIRST_YEAR_MODULES) or not trainers:
        return
    plan = plan_year(rng, programme, courses, trainers, staff, first_number=first_number)
    save_sessions(plan, rng)
    seed_outcomes(rng, plan, trainers, series=f"D{copy}-")
