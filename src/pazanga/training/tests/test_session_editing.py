"""Programme staff edit and cancel a session through the planning form and its service."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from pazanga.common.audit import timeline
from pazanga.common.refusals import Refusal
from pazanga.events.enums import EventStatus, RegistrationStatus
from pazanga.training import services, workflow
from pazanga.training.models import Session

S = RegistrationStatus


def form_data(session: Session, **changes: object) -> dict[str, object]:
    """What the edit form posts when nothing is changed, with `changes` typed over it."""
    event, venue = session.event, session.event.venue
    data: dict[str, object] = {
        "course": session.course_id,
        "municipality": session.municipality_id,
        "title_lt": event.title_lt,
        "title_en": event.title_en,
        "starts_at": "2014-05-20T10:00",
        "ends_at": "2014-05-21T16:00",
        "venue_name": venue.name_lt,
        "venue_address": venue.address,
        "venue_city": venue.city,
        "capacity": event.capacity,
        "library_quota": session.library_quota,
        "trainers": [t.pk for t in session.trainers.all()],
        "pre_test": session.pre_test_id or "",
        "post_test": session.post_test_id or "",
        "feedback": session.feedback_id or "",
        "follow_up": session.follow_up_id or "",
        "version": event.version,
    }
    data.update(changes)
    return data


def english(name: str, *args: object) -> str:
    """Pages are read in English here (messages are checked in English)."""
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


def edit_url(session: Session) -> str:
    return english("edit_session", session.pk)


def test_the_edit_form_opens_with_what_is_saved(client_of, session, staff_member):
    page = client_of(staff_member).get(edit_url(session)).content.decode()
    assert 'value="Projektų valdymas Alytuje"' in page
    assert 'value="2014-05-20T10:00"' in page
    assert 'name="version" value="1"' in page
    assert 'name="publish"' not in page  # a published session is not published again


def test_programme_staff_edit_a_session_and_the_edit_is_audited(
    client_of, session, staff_member, trainer, other_trainer
):
    data = form_data(
        session,
        title_lt="Projektų valdymas Druskininkuose",
        starts_at="2014-05-27T09:00",
        ends_at="2014-05-28T15:00",
        venue_name="Druskininkų biblioteka",
        venue_address="Vilniaus al. 24",
        venue_city="Druskininkai",
        capacity=12,
        library_quota=1,
        trainers=[other_trainer.pk],
    )
    page = client_of(staff_member).post(edit_url(session), data, follow=True)
    assert "The session is saved." in page.content.decode()
    session = Session.objects.select_related("event__venue").get(pk=session.pk)
    event = session.event
    assert event.title_lt == "Projektų valdymas Druskininkuose"
    assert (event.capacity, session.library_quota, event.version) == (12, 1, 2)
    assert event.venue.address == "Vilniaus al. 24"
    assert event.registration_closes_at == event.starts_at
    assert list(session.trainers.all()) == [other_trainer]
    door = set(event.door_staff.values_list("user_id", flat=True))
    assert door == {other_trainer.user_id}  # the trainer taken off is no longer door staff
    assert timeline(event).filter(action="events.event.door_staff_removed").count() == 1
    entry = timeline(session).filter(action="training.session.saved").get()
    assert entry.data["changed"] == [
        "capacity",
        "ends_at",
        "library_quota",
        "starts_at",
        "title_lt",
        "trainers",
        "venue_address",
        "venue_city",
        "venue_name",
    ]
    assert timeline(session).filter(action="training.session.trainer_removed").count() == 1


def test_an_edit_can_set_the_sessions_own_questionnaires(client_of, session, staff_member, course):
    data = form_data(session, feedback=course.follow_up_id, follow_up="")
    client_of(staff_member).post(edit_url(session), data)
    session.refresh_from_db()
    assert session.feedback_id == course.follow_up_id
    assert session.follow_up is None  # empty: the course's default is used
    assert services.queries.questionnaire_of(session, "follow_up") == course.follow_up


def test_an_edit_that_moves_the_session_into_the_past_is_refused_keeping_what_was_typed(
    client_of, session, staff_member
):
    data = form_data(session, title_lt="Perkelta", starts_at="2014-04-01T10:00")
    page = client_of(staff_member).post(edit_url(session), data)
    text = page.content.decode()
    assert page.status_code == 200
    assert "A session must start in the future." in text
    assert 'value="Perkelta"' in text
    session.event.refresh_from_db()
    assert (session.event.title_lt, session.event.version) == ("Projektų valdymas Alytuje", 1)


def test_a_conflicting_edit_is_refused_and_keeps_what_was_typed(
    client_of, session, staff_member, programme
):
    from pazanga.programme.enums import Role
    from pazanga.programme.tests.factories import person_with_role

    colleague = person_with_role(Role.PROGRAMME_STAFF, email="kolega@pazanga.example")
    opened = form_data(session)  # both open the form at version 1
    client_of(colleague).post(edit_url(session), {**opened, "capacity": 30})
    page = client_of(staff_member).post(edit_url(session), {**opened, "title_lt": "Mano"})
    text = page.content.decode()
    assert page.status_code == 409
    assert "someone else saved this session while you were editing it" in text
    assert "Places" in text  # where the saved session differs from what was typed
    assert 'value="Mano"' in text
    assert 'name="version" value="2"' in text  # saving again overwrites knowingly
    session.event.refresh_from_db()
    assert (session.event.title_lt, session.event.capacity) == ("Projektų valdymas Alytuje", 30)
    again = client_of(staff_member).post(
        edit_url(session), {**opened, "title_lt": "Mano", "version": 2}
    )
    assert again.status_code == 302
    session.event.refresh_from_db()
    assert (session.event.title_lt, session.event.version) == ("Mano", 3)


def test_a_draft_session_is_published_from_the_edit_form(
    client_of, course, alytus, staff_member, clock
):
    from pazanga.training.tests.conftest import plan

    draft = plan(course, alytus, staff_member, publish=False)
    assert 'name="publish"' in client_of(staff_member).get(edit_url(draft)).content.decode()
    client_of(staff_member).post(edit_url(draft), form_data(draft, publish="on"))
    draft.event.refresh_from_db()
    assert draft.event.status == EventStatus.PUBLISHED


@pytest.mark.parametrize("name", ["cancel_session", "edit_session"])
def test_editing_and_cancelling_are_forbidden_to_others(
    client_of, session, outsider, librarian_a, trainer_user, staff_member, name
):
    url = english(name, session.pk)
    for person in (outsider, librarian_a, trainer_user):
        assert client_of(person).get(url).status_code == 403
        assert client_of(person).post(url, form_data(session, title_lt="X")).status_code == 403
    session.event.refresh_from_db()
    assert (session.event.status, session.event.title_lt) == (
        EventStatus.PUBLISHED,
        "Projektų valdymas Alytuje",
    )
    missing = english(name, session.pk + 1000)
    assert client_of(staff_member).get(missing).status_code == 404


def test_cancelling_asks_first_then_tells_everyone_in_their_language(
    client_of,
    session,
    staff_member,
    librarian_a,
    third_of_a,
    django_capture_on_commit_callbacks,
):
    in_lithuanian = services.enrol(session, librarian_a)
    in_english = services.enrol(session, third_of_a)
    workflow.transition(in_english, S.CONFIRMED, actor=staff_member)
    url = english("cancel_session", session.pk)
    staff = client_of(staff_member)
    question = staff.get(url).content.decode()
    assert "2 people hold or await a place" in question
    assert Session.objects.get(pk=session.pk).event.status == EventStatus.PUBLISHED
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url, {"note": "Lektorė susirgo."})
    session.event.refresh_from_db()
    assert session.event.status == EventStatus.CANCELLED
    for enrolment in (in_lithuanian, in_english):
        enrolment.registration.refresh_from_db()
        assert enrolment.registration.status == S.CANCELLED
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {librarian_a.email, third_of_a.email}
    assert by_address[librarian_a.email].subject.startswith("Renginys atšauktas")
    assert by_address[third_of_a.email].subject.startswith("Event cancelled")
    assert "Lektorė susirgo." in by_address[third_of_a.email].body
    assert timeline(session).filter(action="training.session.cancelled").exists()


def test_a_cancelled_session_shows_it_and_refuses_enrolment(
    client_of, client, session, staff_member, librarian_a
):
    services.cancel_session(session, actor=staff_member)
    page = english("session", session.pk)
    public = client.get(page).content.decode()
    assert "This session has been cancelled." in public and "Apply for a place" not in public
    librarian = client_of(librarian_a)
    refused = librarian.get(english("enrol", session.pk), follow=True)
    assert refused.redirect_chain[-1][0] == page
    assert "This session has been cancelled." in refused.content.decode()
    librarian.post(english("enrol", session.pk))
    assert not session.enrolments.exists()
    with pytest.raises(Refusal) as refusal:
        services.enrol(session, librarian_a)
    assert refusal.value.code == "training.session_cancelled"
    edit = client_of(staff_member).get(edit_url(session), follow=True)
    assert edit.redirect_chain[-1][0] == english("manage_session", session.pk)
    with pytest.raises(Refusal):
        services.cancel_session(session, actor=staff_member)


def test_a_session_that_is_over_cannot_be_cancelled(session, staff_member, clock):
    from pazanga.training.tests.conftest import AFTER

    clock.move_to(AFTER)
    with pytest.raises(Refusal) as refusal:
        services.cancel_session(session, actor=staff_member)
    assert refusal.value.code == "training.session_over"
    session.event.refresh_from_db()
    assert session.event.status == EventStatus.PUBLISHED


def lithuanian(name: str, *args: object) -> str:
    with translation.override("lt"):
        return reverse(f"training:{name}", args=args)


@pytest.fixture
def three_places_held(session, librarian_a, colleague_a, librarian_b):
    """Three applications waiting for a decision: each holds a place (events' count)."""
    return [services.enrol(session, person) for person in (librarian_a, colleague_a, librarian_b)]


@pytest.mark.parametrize(
    ("url_of", "message"),
    [
        (edit_url, "3 places are already held in this session"),
        (
            lambda s: lithuanian("edit_session", s.pk),
            "Šiuose mokymuose jau užimtos 3 vietos",
        ),
    ],
    ids=["en", "lt"],
)
def test_a_capacity_below_the_places_held_is_refused_at_the_field_keeping_what_was_typed(
    client_of, session, staff_member, three_places_held, url_of, message
):
    data = form_data(session, title_lt="Mažesnė salė", capacity=2)
    page = client_of(staff_member).post(url_of(session), data)
    text = page.content.decode()
    assert page.status_code == 200
    assert message in text
    capacity_field = text[text.index('name="capacity"') :].split('<div class="field')[0]
    assert f'<p class="error" role="alert">{message}' in capacity_field  # at the field
    assert 'value="Mažesnė salė"' in text and 'value="2"' in text
    session.event.refresh_from_db()
    assert (session.event.capacity, session.event.title_lt, session.event.version) == (
        20,
        "Projektų valdymas Alytuje",
        1,
    )


def test_a_capacity_equal_to_the_places_held_is_saved(
    client_of, session, staff_member, three_places_held
):
    response = client_of(staff_member).post(edit_url(session), form_data(session, capacity=3))
    assert response.status_code == 302
    session.event.refresh_from_db()
    assert (session.event.capacity, session.event.version) == (3, 2)


def test_the_service_refuses_a_capacity_below_the_places_held(
    session, staff_member, three_places_held
):
    plan = services.plan_of(session)
    smaller = services.SessionPlan(
        **{**{f: getattr(plan, f) for f in services.PLAN_FIELDS}, "capacity": 1}
    )
    with pytest.raises(Refusal) as refusal:
        services.save_session(
            smaller, actor=staff_member, session=session, expected_version=session.event.version
        )
    assert (refusal.value.code, refusal.value.field, refusal.value.params) == (
        "training.capacity_below_held",
        "capacity",
        {"held": 3},
    )
