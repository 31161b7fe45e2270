"""Enrolment, attendance, questionnaires and completion through the real services."""

from datetime import date

import pytest
from django.core import mail
from django.utils import translation

from pazanga.common.audit import timeline
from pazanga.common.refusals import Refusal
from pazanga.events.enums import AttendanceStatus, EventStatus, RegistrationStatus
from pazanga.events.models import Certificate, Event
from pazanga.programme.enums import ProgrammeStatus
from pazanga.programme.models import Programme
from pazanga.questionnaires.services import save_answers, submit_response
from pazanga.training import services, workflow
from pazanga.training.enums import Instrument
from pazanga.training.models import Completion, Enrolment, Session
from pazanga.training.tests.conftest import AFTER, FIRST_DAY, LAST_DAY, plan

S = RegistrationStatus
RIGHT = {"first_phase": "o0", "gantt": "o0", "risk": "o0"}
ONE_RIGHT = {"first_phase": "o0", "gantt": "o1", "risk": "o1"}
FEEDBACK = {"useful": "5", "trainer": "4", "materials": "4", "organisation": "5"}


def confirmed(session, person, staff_member):  # type: ignore[no-untyped-def]
    enrolment = services.enrol(session, person)
    return workflow.transition(enrolment, S.CONFIRMED, actor=staff_member)


def answer(enrolment, instrument, answers):  # type: ignore[no-untyped-def]
    response = services.start_instrument(enrolment, instrument, language="lt")
    save_answers(response, answers)
    return submit_response(response, actor=enrolment.person)


def test_it_enrols_library_staff_pending_approval(session, librarian_a, library_a):
    enrolment = services.enrol(session, librarian_a)
    assert enrolment.library == library_a
    assert enrolment.registration.status == S.PENDING
    assert enrolment.registration.event == session.event
    assert enrolment.registration.category.code == services.LIBRARY_STAFF_CATEGORY


def test_it_refuses_someone_who_is_not_library_staff(session, outsider, trainer_user):
    for person in (outsider, trainer_user):
        with pytest.raises(Refusal) as refusal:
            services.enrol(session, person)
        assert refusal.value.code == "training.not_library_staff"
        assert (
            "Tik patvirtinti" in refusal.value.message or "Only confirmed" in refusal.value.message
        )
    assert not Enrolment.objects.exists()


def test_it_refuses_enrolling_twice(session, librarian_a):
    services.enrol(session, librarian_a)
    with pytest.raises(Refusal) as refusal:
        services.enrol(session, librarian_a)
    assert refusal.value.code == "training.already"
    assert Enrolment.objects.count() == 1


def test_it_enforces_the_library_quota(session, librarian_a, colleague_a, third_of_a, librarian_b):
    services.enrol(session, librarian_a)
    services.enrol(session, colleague_a)
    with pytest.raises(Refusal) as refusal:
        services.enrol(session, third_of_a)
    assert refusal.value.code == "training.quota"
    assert "2" in refusal.value.message
    assert library_name_in(refusal.value.message, session)
    # Another library still has its own places.
    assert services.enrol(session, librarian_b).registration.status == S.PENDING


def library_name_in(message: str, session) -> bool:  # type: ignore[no-untyped-def]
    return "Alytaus rajono savivaldybės viešoji biblioteka" in message


def test_a_cancelled_enrolment_frees_the_library_place(
    session, librarian_a, colleague_a, third_of_a, staff_member
):
    first = services.enrol(session, librarian_a)
    services.enrol(session, colleague_a)
    workflow.transition(first, S.CANCELLED, actor=staff_member)
    assert services.enrol(session, third_of_a).registration.status == S.PENDING


def test_it_refuses_overlapping_sessions(session, course, alytus, staff_member, librarian_a):
    overlapping = plan(course, alytus, staff_member, title_lt="Antra grupė")
    services.enrol(session, librarian_a)
    with pytest.raises(Refusal) as refusal:
        services.enrol(overlapping, librarian_a)
    assert refusal.value.code == "training.overlap"
    assert "Projektų valdymas Alytuje" in refusal.value.message


def test_it_refuses_enrolment_after_the_session_started(session, librarian_a, clock):
    clock.move_to(FIRST_DAY)
    with pytest.raises(Refusal) as refusal:
        services.enrol(session, librarian_a)
    assert refusal.value.code == "training.started"


def test_a_full_session_puts_applicants_on_the_waiting_list(
    course, alytus, staff_member, clock, librarian_a, librarian_b
):
    small = plan(course, alytus, staff_member, capacity=1)
    services.enrol(small, librarian_a)
    assert services.enrol(small, librarian_b).registration.status == S.WAITLISTED


def test_approval_tells_the_applicant_and_the_director_in_their_languages(
    session, librarian_a, director_a, staff_member, django_capture_on_commit_callbacks
):
    director_a.preferred_language = "en"
    director_a.save()
    enrolment = services.enrol(session, librarian_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(enrolment, S.CONFIRMED, actor=staff_member, note="Iki pasimatymo")
    to_director = [m for m in mail.outbox if m.to == ["direktore@alytus.example"]]
    to_applicant = [m for m in mail.outbox if m.to == ["ona@alytus.example"]]
    assert len(to_director) == 1 and len(to_applicant) == 1
    assert "a place for your colleague" in to_director[0].subject
    assert "Ona Onaitė" in to_director[0].body
    assert "has been given a place" in to_director[0].body
    assert "2014" in to_director[0].body
    assert "Iki pasimatymo" in to_director[0].body


def test_rejection_tells_the_director_in_lithuanian(
    session, librarian_a, director_a, staff_member, django_capture_on_commit_callbacks
):
    enrolment = services.enrol(session, librarian_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(enrolment, S.REJECTED, actor=staff_member)
    body = next(m.body for m in mail.outbox if m.to == ["direktore@alytus.example"])
    assert "negavo vietos" in body
    assert "Ona Onaitė" in body


def test_a_branch_director_is_its_parent_library_director(director_a, library_a):
    from pazanga.directory.tests.factories import BranchFactory
    from pazanga.training.notifications import director_of

    branch = BranchFactory(parent=library_a)
    assert director_of(branch) == director_a
    own = director_a.__class__.objects.create(email="vedeja@kaimas.example")
    branch.director = own
    assert director_of(branch) == own


def test_attendance_is_refused_for_someone_not_enrolled(
    session, course, alytus, staff_member, librarian_a, trainer_user
):
    other = plan(
        course,
        alytus,
        staff_member,
        title_lt="Kita sesija",
        starts_at=session.event.starts_at.replace(month=6),
        ends_at=session.event.ends_at.replace(month=6),
    )
    enrolment = confirmed(other, librarian_a, staff_member)
    with pytest.raises(Refusal) as refusal:
        services.record_attendance(
            session, enrolment, day=date(2014, 5, 20), status="present", actor=trainer_user
        )
    assert refusal.value.code == "training.not_enrolled"


def test_attendance_is_refused_for_an_unconfirmed_participant(session, librarian_a, trainer_user):
    enrolment = services.enrol(session, librarian_a)
    with pytest.raises(Refusal) as refusal:
        services.record_attendance(
            session, enrolment, day=date(2014, 5, 20), status="present", actor=trainer_user
        )
    assert refusal.value.code == "events.not_confirmed"
    with translation.override("en"):
        assert refusal.value.message == (
            "This registration is not confirmed, so the person cannot be checked in."
        )
    assert not enrolment.registration.attendances.exists()


def test_a_test_cannot_be_submitted_twice(session, librarian_a, staff_member):
    enrolment = confirmed(session, librarian_a, staff_member)
    response = answer(enrolment, Instrument.PRE_TEST, ONE_RIGHT)
    assert response.score == 1 and response.max_score == 3
    with pytest.raises(Refusal) as refusal:
        services.start_instrument(enrolment, Instrument.PRE_TEST, language="lt")
    assert refusal.value.code == "training.already_submitted"


def test_the_post_test_opens_on_the_last_day(session, librarian_a, staff_member, clock):
    enrolment = confirmed(session, librarian_a, staff_member)
    with pytest.raises(Refusal) as refusal:
        services.start_instrument(enrolment, Instrument.POST_TEST, language="lt")
    assert refusal.value.code == "training.not_open_yet"
    assert "2014 m. gegužės 21 d." in refusal.value.message
    clock.move_to(LAST_DAY)
    assert services.start_instrument(enrolment, Instrument.POST_TEST, language="lt").pk


def complete_everything(session, person, staff_member, clock, *, days=("present", "present")):  # type: ignore[no-untyped-def]
    enrolment = confirmed(session, person, staff_member)
    answer(enrolment, Instrument.PRE_TEST, ONE_RIGHT)
    for day, status in zip(session.event.days, days, strict=True):
        services.record_attendance(session, enrolment, day=day, status=status, actor=staff_member)
    clock.move_to(LAST_DAY)
    answer(enrolment, Instrument.POST_TEST, RIGHT)
    answer(enrolment, Instrument.FEEDBACK, FEEDBACK)
    return enrolment


def test_completion_records_the_module_and_issues_a_verifiable_certificate(
    session, librarian_a, staff_member, clock, modules
):
    enrolment = complete_everything(session, librarian_a, staff_member, clock)
    clock.move_to(AFTER)
    completions = services.complete(enrolment, actor=staff_member)
    assert [c.module.code for c in completions] == ["project-management"]
    certificate = completions[0].certificate
    assert certificate.serial.startswith("BP2M-2014-")
    assert certificate.holder_name == "Ona Onaitė"
    assert certificate.title_lt == services.CERTIFICATE_TITLE_LT
    # Running it again changes nothing.
    services.complete(enrolment, actor=staff_member)
    assert Completion.objects.count() == 1 and Certificate.objects.count() == 1


def test_a_library_counts_as_trained_in_a_module_once_a_colleague_completed_it(
    session, librarian_a, library_a, library_b, staff_member, clock, modules
):
    from pazanga.training.queries import library_completed_module

    enrolment = complete_everything(session, librarian_a, staff_member, clock)
    assert not library_completed_module(library_a, "project-management")
    clock.move_to(AFTER)
    services.complete(enrolment, actor=staff_member)
    assert library_completed_module(library_a, "project-management")
    assert not library_completed_module(library_b, "project-management")
    assert not library_completed_module(library_a, "leadership")


def test_no_certificate_for_someone_who_did_not_complete(session, librarian_a, staff_member, clock):
    enrolment = complete_everything(
        session, librarian_a, staff_member, clock, days=("present", "absent")
    )
    with pytest.raises(Refusal) as refusal:
        services.complete(enrolment, actor=staff_member)
    assert refusal.value.code == "training.not_completed"
    assert "50.0" in refusal.value.message and "75" in refusal.value.message
    assert not Completion.objects.exists()
    assert not Certificate.objects.exists()


def test_complete_session_reports_who_completed_and_why_not(
    session, librarian_a, librarian_b, staff_member, clock
):
    done = confirmed(session, librarian_a, staff_member)
    missing = confirmed(session, librarian_b, staff_member)
    for day in session.event.days:
        services.record_attendance(
            session, done, day=day, status=AttendanceStatus.LATE, actor=staff_member
        )
        services.record_attendance(
            session, missing, day=day, status=AttendanceStatus.PRESENT, actor=staff_member
        )
    clock.move_to(LAST_DAY)
    answer(done, Instrument.POST_TEST, RIGHT)
    answer(done, Instrument.FEEDBACK, FEEDBACK)
    result = services.complete_session(session, actor=staff_member)
    assert result.completed == [done]
    [(enrolment, reason)] = result.refused
    assert enrolment == missing
    assert "post-test" in reason or "testas" in reason


def test_planning_creates_the_event_through_the_events_services_and_publishes_it(
    session, staff_member, trainer
):
    event = session.event
    assert (event.status, event.version, event.programme) == (
        EventStatus.PUBLISHED,
        1,
        Programme.objects.current(),
    )
    actions = list(timeline(event).order_by("pk").values_list("action", "actor", "data"))
    assert actions == [
        ("events.event.saved", staff_member.pk, {"created": True, "version": 1, "changed": []}),
        ("events.event.door_staff_added", staff_member.pk, {"user": trainer.user_id}),
        ("events.event.published", staff_member.pk, {"from": EventStatus.DRAFT, "note": ""}),
    ]
    planned = timeline(session).get()
    assert (planned.action, planned.data) == ("training.session.planned", {"event": event.pk})
    assert (event.venue.name_lt, event.venue.address, event.venue.city) == (
        "Alytaus viešoji biblioteka",
        "Pulko g. 1",
        "Alytus",
    )
    assert event.registration_closes_at == event.starts_at


def test_a_session_planned_as_a_draft_stays_a_draft_and_reuses_the_venue(
    session, course, alytus, staff_member
):
    draft = plan(course, alytus, staff_member, title_lt="Juodraštis", publish=False)
    assert draft.event.status == EventStatus.DRAFT
    assert draft.event.venue_id == session.event.venue_id
    assert draft.event.slug != session.event.slug
    assert not timeline(draft.event).filter(action="events.event.published").exists()


def test_without_a_current_programme_planning_is_refused_and_saves_nothing(
    course, alytus, staff_member, clock
):
    Programme.objects.update(status=ProgrammeStatus.PAST)
    with pytest.raises(Refusal) as refusal:
        plan(course, alytus, staff_member)
    assert refusal.value.code == "training.no_programme"
    assert not Event.objects.exists() and not Session.objects.exists()
