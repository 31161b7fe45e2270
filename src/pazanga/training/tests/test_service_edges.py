"""The services' rules at their edges: boundaries in time, defaults, what each write records.

Each test here pins a detail a mutation of training/services.py or training/workflow.py
would change without any other test noticing.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from pazanga.common.audit import timeline
from pazanga.common.caching import other_after_commit_work
from pazanga.common.models import AuditEntry
from pazanga.common.refusals import Refusal
from pazanga.events.enums import EventStatus, RegistrationStatus
from pazanga.events.models import Registration
from pazanga.events.services import EditConflictError
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import RoleAssignmentFactory
from pazanga.training import services, workflow
from pazanga.training.enums import Instrument
from pazanga.training.models import CourseModule
from pazanga.training.tests.conftest import LAST_DAY, plan
from pazanga.training.tests.test_services import FEEDBACK, RIGHT, answer

S = RegistrationStatus


def confirmed(session, person, staff_member):  # type: ignore[no-untyped-def]
    return workflow.transition(services.enrol(session, person), S.CONFIRMED, actor=staff_member)


# --- planning ------------------------------------------------------------------------------


def test_a_planned_session_holds_its_own_questionnaires_and_category(
    session, course, alytus, staff_member
):
    for instrument in Instrument.values:  # empty in the plan: the course's, copied
        assert getattr(session, instrument) == getattr(course, instrument)
    own = plan(
        course, alytus, staff_member, title_lt="Kita", feedback=course.follow_up, publish=False
    )
    assert own.feedback == course.follow_up and own.pre_test == course.pre_test
    category = session.event.categories.get()
    assert (category.code, category.name_lt, category.name_en, category.needs_approval) == (
        "library-staff",
        "Bibliotekų darbuotojai",
        "Library staff",
        True,
    )


def test_the_events_summary_is_the_courses_description_cut_to_its_field(
    course, alytus, staff_member, clock
):
    course.description_lt, course.description_en = "Aprašas " * 200, "About " * 300
    course.save()
    event = plan(course, alytus, staff_member).event
    assert event.summary_lt == ("Aprašas " * 200)[:1000]
    assert event.summary_en == ("About " * 300)[:1000]


def test_sessions_of_one_title_and_day_get_numbered_addresses(course, alytus, staff_member, clock):
    slugs = [plan(course, alytus, staff_member, publish=False).event.slug for _ in range(3)]
    assert slugs == [
        "projektu-valdymas-alytuje-2014-05-20",
        "projektu-valdymas-alytuje-2014-05-20-2",
        "projektu-valdymas-alytuje-2014-05-20-3",
    ]
    long = plan(course, alytus, staff_member, title_lt="Ž" * 100, publish=False)
    assert long.event.slug == ("z" * 100 + "-2014-05-20")[: services.SLUG_BASE_LENGTH]


def test_the_plan_of_a_session_says_whether_it_is_a_draft(session, course, alytus, staff_member):
    draft = plan(course, alytus, staff_member, title_lt="Juodraštis", publish=False)
    assert services.plan_of(draft).publish is False
    assert services.plan_of(session).publish is True
    saved = services.plan_of(session)
    assert (saved.capacity, saved.library_quota, saved.venue_city) == (20, 2, "Alytus")
    assert (saved.venue_name, saved.venue_address) == ("Alytaus viešoji biblioteka", "Pulko g. 1")
    assert (saved.starts_at, saved.ends_at) == (session.event.starts_at, session.event.ends_at)
    assert (saved.title_lt, saved.title_en) == (
        "Projektų valdymas Alytuje",
        "Project management in Alytus",
    )


def test_trainers_in_another_order_are_no_change(session, staff_member, trainer, other_trainer):
    services.set_trainers(session, (trainer, other_trainer), actor=staff_member)
    before = services.plan_of(session)
    after = services.SessionPlan(
        **{
            **{name: getattr(before, name) for name in services.PLAN_FIELDS},
            "trainers": (other_trainer, trainer),
        }
    )
    assert services.plan_differences(before, after) == []
    fewer = services.SessionPlan(
        **{**{name: getattr(before, name) for name in services.PLAN_FIELDS}, "trainers": ()}
    )
    assert services.plan_differences(before, fewer) == ["trainers"]


def test_an_edit_without_the_version_it_was_opened_at_is_a_conflict(session, staff_member):
    saved = services.plan_of(session)
    renamed = services.SessionPlan(
        **{**{name: getattr(saved, name) for name in services.PLAN_FIELDS}, "title_lt": "Kita"}
    )
    with pytest.raises(EditConflictError):
        services.save_session(renamed, actor=staff_member, session=session, expected_version=None)
    session.event.refresh_from_db()
    assert (session.event.title_lt, session.event.version) == ("Projektų valdymas Alytuje", 1)


def test_a_trainer_taken_off_is_recorded_with_who_it_was(
    session, staff_member, trainer, other_trainer
):
    services.set_trainers(session, (other_trainer,), actor=staff_member)
    entry = timeline(session).get(action="training.session.trainer_removed")
    assert (entry.actor, entry.data) == (staff_member, {"user": trainer.user_id})


def test_a_session_can_be_cancelled_until_its_last_minute(session, staff_member, clock):
    clock.move_to(session.event.ends_at - timedelta(minutes=1))
    services.cancel_session(session, actor=staff_member, note="Liūtis")
    assert session.event.status == EventStatus.CANCELLED
    entry = timeline(session).get(action="training.session.cancelled")
    assert (entry.actor, entry.data) == (staff_member, {"note": "Liūtis"})


def test_a_session_that_has_just_ended_cannot_be_cancelled(session, staff_member, clock):
    clock.move_to(session.event.ends_at)
    with pytest.raises(Refusal) as refusal:
        services.cancel_session(session, actor=staff_member)
    assert refusal.value.code == "training.session_over"


# --- enrolment -----------------------------------------------------------------------------


def test_enrolment_closes_at_the_minute_the_session_starts(session, librarian_a, clock):
    clock.move_to(session.event.starts_at - timedelta(seconds=1))
    assert services.enrol(session, librarian_a).registration.status == S.PENDING


def test_enrolment_at_the_start_is_refused(session, librarian_a, clock):
    clock.move_to(session.event.starts_at)
    with pytest.raises(Refusal) as refusal:
        services.enrol(session, librarian_a)
    assert refusal.value.code == "training.started"


def test_back_to_back_sessions_do_not_overlap(session, course, alytus, staff_member, librarian_a):
    ends = session.event.ends_at
    next_one = plan(
        course,
        alytus,
        staff_member,
        title_lt="Tęsinys",
        starts_at=ends,
        ends_at=ends + timedelta(hours=5),
    )
    services.enrol(session, librarian_a)
    assert services.enrol(next_one, librarian_a).registration.status == S.PENDING


def test_an_application_is_recorded_with_its_library_status_and_applicant(
    session, librarian_a, library_a, clock
):
    enrolment = services.enrol(session, librarian_a)
    entry = timeline(enrolment).get()
    assert (entry.action, entry.actor, entry.data) == (
        "training.enrolment.applied",
        librarian_a,
        {"session": session.pk, "library": library_a.pk, "status": S.PENDING},
    )
    assert enrolment.created_at == timezone.now()
    registration = enrolment.registration
    assert (registration.user, registration.email, registration.organisation) == (
        librarian_a,
        "ona@alytus.example",
        library_a,
    )
    assert (registration.first_name, registration.last_name) == ("Ona", "Onaitė")
    assert timeline(registration).get(action="events.registration.pending").actor == librarian_a


def test_a_person_without_a_first_name_registers_under_their_address(
    session, librarian_a, staff_member
):
    librarian_a.first_name = ""
    librarian_a.position = "Bibliotekininkė"
    librarian_a.preferred_language = "en"
    librarian_a.save()
    enrolment = services.enrol(session, librarian_a, actor=staff_member)
    registration = enrolment.registration
    assert (registration.first_name, registration.job_title, registration.language) == (
        "ona@alytus.example",
        "Bibliotekininkė",
        "en",
    )
    assert timeline(enrolment).get().actor == staff_member


def test_staff_of_two_libraries_enrol_for_the_one_they_choose(
    session, librarian_a, library_a, library_b, library_c
):
    RoleAssignmentFactory(user=librarian_a, role=Role.LIBRARY_STAFF, organisation=library_b)
    assert services.enrol(session, librarian_a, library=library_b).library == library_b
    with pytest.raises(Refusal) as refusal:
        services.library_for(librarian_a, library_c)
    assert refusal.value.code == "training.not_library_staff"
    assert services.library_for(librarian_a, None) in (library_a, library_b)


# --- questionnaires ------------------------------------------------------------------------


def test_the_pre_test_closes_when_the_session_starts(session, librarian_a, staff_member, clock):
    enrolment = confirmed(session, librarian_a, staff_member)
    clock.move_to(session.event.starts_at)
    with pytest.raises(Refusal) as refusal:
        services.start_instrument(enrolment, Instrument.PRE_TEST, language="lt")
    assert refusal.value.code == "training.closed"


def test_a_rejected_applicant_cannot_take_the_pre_test(session, librarian_a, staff_member):
    enrolment = workflow.transition(
        services.enrol(session, librarian_a), S.REJECTED, actor=staff_member
    )
    with pytest.raises(Refusal) as refusal:
        services.start_instrument(enrolment, Instrument.PRE_TEST, language="lt")
    assert refusal.value.code == "training.not_confirmed"


def test_a_pending_applicant_may_take_the_pre_test_but_not_the_feedback(
    session, librarian_a, clock
):
    enrolment = services.enrol(session, librarian_a)
    assert services.start_instrument(enrolment, Instrument.PRE_TEST, language="lt").pk
    clock.move_to(LAST_DAY)
    with pytest.raises(Refusal) as refusal:
        services.start_instrument(enrolment, Instrument.FEEDBACK, language="lt")
    assert refusal.value.code == "training.not_confirmed"


def test_the_feedback_of_a_one_day_session_opens_when_it_starts(
    course, alytus, staff_member, librarian_a, clock
):
    starts = timezone.localtime(timezone.now()).replace(day=12, hour=10, minute=0)
    one_day = plan(course, alytus, staff_member, starts_at=starts, ends_at=starts.replace(hour=16))
    enrolment = confirmed(one_day, librarian_a, staff_member)
    assert services.instrument_opens_at(enrolment, Instrument.FEEDBACK) == starts
    clock.move_to(starts - timedelta(minutes=1))
    with pytest.raises(Refusal):
        services.start_instrument(enrolment, Instrument.FEEDBACK, language="lt")
    clock.move_to(starts)
    assert services.start_instrument(enrolment, Instrument.FEEDBACK, language="lt").pk


def test_the_post_test_of_a_two_day_session_opens_at_midnight_of_its_last_day(
    session, librarian_a, staff_member
):
    enrolment = confirmed(session, librarian_a, staff_member)
    opens = services.instrument_opens_at(enrolment, Instrument.POST_TEST)
    assert timezone.localtime(opens).isoformat() == "2014-05-21T00:00:00+03:00"
    assert services.instrument_opens_at(enrolment, Instrument.PRE_TEST) == enrolment.created_at


def test_the_follow_up_opens_its_days_after_the_end(session, librarian_a, staff_member, clock):
    enrolment = confirmed(session, librarian_a, staff_member)
    opens = services.instrument_opens_at(enrolment, Instrument.FOLLOW_UP)
    assert opens == session.event.ends_at + timedelta(days=session.follow_up_days)
    clock.move_to(opens - timedelta(minutes=1))
    with pytest.raises(Refusal) as refusal:
        services.start_instrument(enrolment, Instrument.FOLLOW_UP, language="en")
    assert refusal.value.code == "training.not_open_yet"
    assert refusal.value.params == {"date": "2014 m. rugpjūčio 19 d."}  # the person's language
    clock.move_to(opens)
    assert services.start_instrument(enrolment, Instrument.FOLLOW_UP, language="en").pk


def test_a_session_without_the_questionnaire_refuses_it(session, librarian_a, staff_member):
    session.course.follow_up = None
    session.course.save()
    session.follow_up = None
    session.save()
    enrolment = confirmed(session, librarian_a, staff_member)
    with pytest.raises(Refusal) as refusal:
        services.start_instrument(enrolment, Instrument.FOLLOW_UP, language="lt")
    assert refusal.value.code == "training.no_questionnaire"


# --- completion ----------------------------------------------------------------------------


def test_only_a_confirmed_participant_can_complete(session, librarian_a, staff_member):
    enrolment = services.enrol(session, librarian_a)
    with pytest.raises(Refusal) as refusal:
        services.complete(enrolment, actor=staff_member)
    assert refusal.value.code == "training.not_confirmed"
    assert not AuditEntry.objects.filter(action="training.enrolment.completed").exists()


def test_a_completion_records_when_and_with_which_certificate(
    session, librarian_a, staff_member, clock, modules
):
    enrolment = confirmed(session, librarian_a, staff_member)
    for day in session.event.days:
        services.record_attendance(
            session, enrolment, day=day, status="present", actor=staff_member
        )
    clock.move_to(LAST_DAY)
    answer(enrolment, Instrument.POST_TEST, RIGHT)
    answer(enrolment, Instrument.FEEDBACK, FEEDBACK)
    [completion] = services.complete(enrolment, actor=staff_member)
    certificate = completion.certificate
    assert (completion.person, completion.completed_at) == (librarian_a, timezone.now())
    assert certificate.title_en == services.CERTIFICATE_TITLE_EN
    issued = AuditEntry.objects.get(action="events.certificate.issued")
    assert issued.actor == staff_member
    entry = timeline(enrolment).get(action="training.enrolment.completed")
    assert (entry.actor, entry.data) == (
        staff_member,
        {"modules": [modules["project-management"].pk], "certificate": certificate.serial},
    )


# --- decisions -----------------------------------------------------------------------------


def test_a_decision_without_a_note_records_an_empty_note_on_both_sides(
    session, librarian_a, staff_member
):
    workflow.transition(services.enrol(session, librarian_a), S.CONFIRMED, actor=staff_member)
    for action in ("training.enrolment.confirmed", "events.registration.confirmed"):
        assert AuditEntry.objects.get(action=action).data["note"] == ""
    assert Registration.objects.get().status == S.CONFIRMED


def test_completing_a_session_lists_those_refused_by_surname_and_records_who_did_it(
    session, staff_member, programme, clock
):
    from pazanga.directory.tests.factories import LibraryFactory
    from pazanga.programme.tests.factories import person_with_role

    people = [
        person_with_role(
            Role.LIBRARY_STAFF,
            email=f"{first.lower()}@kaimas.example",
            organisation=LibraryFactory(),
            first_name=first,
            last_name=last,
        )
        for first, last in (("Aldona", "Žukienė"), ("Zita", "Adomaitė"), ("Birutė", "Adomaitė"))
    ]
    enrolments = [confirmed(session, person, staff_member) for person in people]
    for day in session.event.days:  # Birutė attends, the others do not
        services.record_attendance(
            session, enrolments[2], day=day, status="present", actor=staff_member
        )
    clock.move_to(LAST_DAY)
    answer(enrolments[2], Instrument.POST_TEST, RIGHT)
    answer(enrolments[2], Instrument.FEEDBACK, FEEDBACK)
    result = services.complete_session(session, actor=staff_member)
    assert result.completed == [enrolments[2]]
    assert [e.person.first_name for e, _reason in result.refused] == ["Zita", "Aldona"]
    entry = AuditEntry.objects.get(action="training.enrolment.completed")
    assert entry.actor == staff_member


def test_the_directors_told_of_a_cancellation_are_found_in_a_fixed_number_of_queries(
    session, staff_member, programme, clock
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pazanga.directory.tests.factories import BranchFactory, LibraryFactory, UserFactory
    from pazanga.programme.tests.factories import person_with_role

    def add_applicants(start: int, count: int) -> None:
        for n in range(start, start + count):
            library = LibraryFactory(director=UserFactory(email=f"vadove{n}@kaimas.example"))
            # Staff of a library, or of a branch headed by its parent library's director.
            workplace = BranchFactory(parent=library) if n % 2 else library
            person = person_with_role(
                Role.LIBRARY_STAFF, email=f"darbuotoja{n}@kaimas.example", organisation=workplace
            )
            services.enrol(session, person)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            services.tell_directors_of_cancellation(session, "Liūtis")
        return len(captured)

    add_applicants(0, 1)
    one = queries()
    add_applicants(1, 2)
    assert queries() == one


def test_a_session_is_cancelled_once_and_each_side_records_who_cancelled_it(session, staff_member):
    services.cancel_session(session, actor=staff_member)
    cancelled = timeline(session).get(action="training.session.cancelled")
    assert (cancelled.actor, cancelled.data) == (staff_member, {"note": ""})
    assert timeline(session.event).get(action="events.event.cancelled").actor == staff_member
    with pytest.raises(Refusal) as refusal:
        services.cancel_session(session, actor=staff_member)
    assert refusal.value.code == "training.session_cancelled"


def test_an_edit_that_keeps_the_times_and_venue_queues_no_mail(
    session, librarian_a, staff_member, django_capture_on_commit_callbacks
):
    services.enrol(session, librarian_a)
    saved = services.plan_of(session)
    renamed = services.SessionPlan(
        **{**{name: getattr(saved, name) for name in services.PLAN_FIELDS}, "title_lt": "Kita"}
    )
    with django_capture_on_commit_callbacks() as callbacks:
        services.save_session(renamed, actor=staff_member, session=session, expected_version=1)
    assert other_after_commit_work(callbacks) == []
    session.event.refresh_from_db()
    assert (session.event.title_lt, session.event.version) == ("Kita", 2)
    saved_entry = timeline(session).get(action="training.session.saved")
    assert saved_entry.data == {"event": session.event.pk, "version": 2, "changed": ["title_lt"]}


def edited(session, **changes):  # type: ignore[no-untyped-def]
    saved = services.plan_of(session)
    return services.SessionPlan(
        **{**{name: getattr(saved, name) for name in services.PLAN_FIELDS}, **changes}
    )


def test_a_draft_edited_without_publishing_stays_a_draft(course, alytus, staff_member, clock):
    draft = plan(course, alytus, staff_member, publish=False)
    services.save_session(
        edited(draft, title_lt="Dar juodraštis", publish=False),
        actor=staff_member,
        session=draft,
        expected_version=1,
    )
    draft.event.refresh_from_db()
    assert (draft.event.status, draft.event.title_lt) == (EventStatus.DRAFT, "Dar juodraštis")


def test_every_entry_of_an_edit_names_who_made_it(
    course, alytus, staff_member, trainer, other_trainer, clock
):
    draft = plan(course, alytus, staff_member, trainers=[trainer], publish=False)
    AuditEntry.objects.all().delete()
    change = edited(draft, trainers=(other_trainer,), publish=True)
    services.save_session(change, actor=staff_member, session=draft, expected_version=1)
    entries = AuditEntry.objects.values_list("action", "actor")
    assert sorted(entries) == sorted(
        (action, staff_member.pk)
        for action in (
            "events.event.saved",
            "events.event.door_staff_removed",
            "training.session.trainer_removed",
            "events.event.door_staff_added",
            "events.event.published",
            "training.session.saved",
        )
    )


def test_the_service_refuses_to_edit_a_cancelled_session(session, staff_member):
    services.cancel_session(session, actor=staff_member)
    with pytest.raises(Refusal) as refusal:
        services.save_session(
            edited(session, title_lt="Vis tiek"),
            actor=staff_member,
            session=session,
            expected_version=session.event.version,
        )
    assert refusal.value.code == "training.session_cancelled"
    session.event.refresh_from_db()
    assert session.event.title_lt == "Projektų valdymas Alytuje"


def test_a_course_without_modules_completes_nothing(session, librarian_a, staff_member):
    enrolment = confirmed(session, librarian_a, staff_member)
    CourseModule.objects.filter(course=session.course).delete()
    with pytest.raises(Refusal) as refusal:
        services.complete(enrolment, actor=staff_member)
    assert (refusal.value.code, refusal.value.params) == ("training.not_completed", {"reasons": ()})
