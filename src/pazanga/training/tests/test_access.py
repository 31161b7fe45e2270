"""Staff pages reach only the current programme: another programme's session, enrolment and
trainer do not exist for them (404), and its rows are not in their lists."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from pazanga.directory.tests.factories import UserFactory
from pazanga.events.enums import EventStatus, RegistrationStatus
from pazanga.events.models import Event
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import RoleAssignmentFactory
from pazanga.training import access, services
from pazanga.training.models import Trainer
from pazanga.training.tests.conftest import plan
from pazanga.training.tests.test_session_editing import form_data

S = RegistrationStatus
OLD_TITLE = "Senosios programos mokymai"


def english(name: str, *args: object) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


@pytest.fixture
def old_session(session, course, alytus, staff_member, trainer, librarian_b, other_programme):
    """A session of the past programme, a week after `session`, with one application."""
    old = plan(
        course,
        alytus,
        staff_member,
        trainers=[trainer],
        title_lt=OLD_TITLE,
        title_en=OLD_TITLE,
        starts_at=session.event.starts_at + timedelta(days=7),
        ends_at=session.event.ends_at + timedelta(days=7),
    )
    old.waiting = services.enrol(old, librarian_b)
    Event.objects.filter(pk=old.event_id).update(programme=other_programme)
    old.event.refresh_from_db()
    return old


def unchanged(old_session) -> None:  # type: ignore[no-untyped-def]
    event = Event.objects.get(pk=old_session.event_id)
    assert (event.status, event.title_lt, event.version) == (EventStatus.PUBLISHED, OLD_TITLE, 1)
    old_session.waiting.registration.refresh_from_db()
    assert old_session.waiting.registration.status == S.PENDING
    assert not old_session.waiting.completions.exists()


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "manage_session"),
        ("get", "edit_session"),
        ("post", "edit_session"),
        ("get", "cancel_session"),
        ("post", "cancel_session"),
        ("post", "complete_session"),
        ("post", "send_reminders"),
        ("get", "attendance"),
        ("post", "attendance"),
    ],
)
def test_session_pages_refuse_another_programmes_session(
    client_of, staff_member, old_session, method, name
):
    client = client_of(staff_member)
    url = english(name, old_session.pk)
    data = form_data(old_session, title_lt="Pakeista") if name == "edit_session" else {}
    if name == "attendance":
        data = {"enrolment": old_session.waiting.pk, "day": "2014-05-27", "status": "present"}
    assert getattr(client, method)(url, data).status_code == 404
    unchanged(old_session)


@pytest.mark.parametrize(
    ("method", "name", "to"),
    [
        ("get", "decide", "rejected"),
        ("post", "decide", "confirmed"),
        ("post", "decide", "cancelled"),
        ("post", "complete", None),
        ("get", "enrolment", None),
    ],
)
def test_enrolment_pages_refuse_another_programmes_enrolment(
    client_of, staff_member, old_session, method, name, to
):
    args = [old_session.waiting.pk, *([to] if to else [])]
    response = getattr(client_of(staff_member), method)(english(name, *args), {"confirmed": "1"})
    assert response.status_code == 404
    unchanged(old_session)


def test_the_applicant_still_opens_their_own_enrolment_of_another_programme(
    client_of, librarian_b, old_session
):
    page = client_of(librarian_b).get(old_session.waiting.get_absolute_url())
    assert page.status_code == 200
    assert OLD_TITLE in page.content.decode()


def test_the_sessions_own_trainer_still_runs_it(client_of, trainer_user, old_session):
    page = client_of(trainer_user).get(english("attendance", old_session.pk))
    assert page.status_code == 200
    assert OLD_TITLE in page.content.decode()


def test_staff_lists_leave_out_another_programmes_sessions_and_applications(
    client_of, staff_member, session, librarian_a, old_session
):
    services.enrol(session, librarian_a)
    client = client_of(staff_member)
    sessions = client.get(english("manage")).content.decode()
    assert "Project management in Alytus" in sessions and OLD_TITLE not in sessions
    queue = client.get(english("approvals")).content.decode()
    assert "Ona Onaitė" in queue and "Bronius Bronaitis" not in queue
    one_session = client.get(english("approvals"), {"session": old_session.pk}).content.decode()
    assert "Bronius Bronaitis" not in one_session and "Ona Onaitė" not in one_session
    nonsense = client.get(english("approvals"), {"session": "x"}).content.decode()
    assert "No applications are waiting." in nonsense


def test_a_draft_of_another_programme_is_not_shown_to_staff(
    client_of, client, staff_member, course, alytus, other_programme, clock
):
    draft = plan(course, alytus, staff_member, title_en="Senas juodraštis", publish=False)
    url = english("session", draft.pk)
    assert "Senas juodraštis" in client_of(staff_member).get(url).content.decode()
    Event.objects.filter(pk=draft.event_id).update(programme=other_programme)
    assert client_of(staff_member).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


@pytest.fixture
def old_trainer(other_programme):
    """A trainer profile of someone who held the trainer role only in the past programme."""
    user = UserFactory(email="senas@lektoriai.example", first_name="Senas", last_name="Lektorius")
    RoleAssignmentFactory(user=user, programme=other_programme, role=Role.TRAINER)
    return Trainer.objects.create(user=user, bio_lt="Dirbo anksčiau.")


def test_trainer_pages_refuse_another_programmes_trainer(
    client_of, staff_member, trainer, old_trainer
):
    client = client_of(staff_member)
    url = english("edit_trainer", old_trainer.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {"bio_lt": "Pakeista"}).status_code == 404
    old_trainer.refresh_from_db()
    assert old_trainer.bio_lt == "Dirbo anksčiau."
    listed = client.get(english("trainers")).content.decode()
    assert "Eglė Lektorė" in listed and "Senas Lektorius" not in listed
    form = client.get(english("plan")).content.decode()
    assert "Eglė Lektorė" in form and "Senas Lektorius" not in form


def test_a_trainer_taken_off_the_programme_stays_on_the_form_of_a_session_they_teach(
    client_of, staff_member, session, trainer
):
    from pazanga.programme.models import RoleAssignment

    RoleAssignment.objects.filter(user=trainer.user).delete()
    form = client_of(staff_member).get(english("edit_session", session.pk)).content.decode()
    assert "Eglė Lektorė" in form
    assert list(access.programme_trainers()) == []


def test_malformed_numbers_are_pages_that_do_not_exist(staff_member, librarian_a):
    from django.http import Http404

    for find in (access.staff_session_for, access.staff_enrolment_for, access.trainer_for):
        with pytest.raises(Http404):
            find(staff_member, "12x")
    with pytest.raises(Http404):
        access.person_for(librarian_a, None)


def test_staff_functions_refuse_people_who_are_not_programme_staff(session, librarian_a, trainer):
    from django.http import Http404

    enrolment = services.enrol(session, librarian_a)
    for find, pk in (
        (access.staff_session_for, session.pk),
        (access.staff_enrolment_for, enrolment.pk),
        (access.trainer_for, trainer.pk),
    ):
        with pytest.raises(Http404):
            find(librarian_a, pk)
