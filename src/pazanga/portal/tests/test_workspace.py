"""Each persona's page lists what waits for them, with links they may open."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from pazanga.events.enums import RegistrationStatus
from pazanga.events.tests.factories import CategoryFactory, EventFactory, RegistrationFactory
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.models import ReviewAssignment
from pazanga.grants.tests.factories import ApplicationFactory, CallFactory
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.tests.factories import RoleAssignmentFactory, person_with_role

pytestmark = pytest.mark.django_db
NOW = datetime(2015, 3, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def tasks_on(client, path="/en/my/"):  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 200
    return response.context["tasks"]


def every_link_opens(client, tasks):  # type: ignore[no-untyped-def]
    for task in tasks:
        assert client.get(task.url).status_code == 200, task


def pending_registration(programme, n):  # type: ignore[no-untyped-def]
    event = EventFactory(
        programme=programme,
        starts_at=timezone.now() + timedelta(days=10),
        ends_at=timezone.now() + timedelta(days=10, hours=6),
        title_en=f"Seminar {n}",
    )
    category = CategoryFactory(event=event, needs_approval=True)
    RegistrationFactory(category=category, status=RegistrationStatus.PENDING)
    return event


def test_programme_staff_see_sign_ups_approvals_and_checks(
    client_of, staff_member, programme, library_a
):
    client = client_of(staff_member)
    RoleAssignmentFactory(status=AssignmentStatus.PENDING, organisation=library_a)
    pending_registration(programme, 1)
    call = CallFactory(programme=programme)
    ApplicationFactory(call=call, status=ApplicationStatus.SUBMITTED)
    texts = [task.text for task in tasks_on(client)]
    assert "1 person waits for their role to be confirmed" in texts
    assert "Seminar 1: 1 registration waits for approval" in texts
    assert "BP2-2015: 1 application waits for its eligibility check" in texts
    every_link_opens(client, tasks_on(client))


def test_a_reviewer_sees_the_reviews_due_with_the_deadline(client_of, reviewer, programme):
    call = CallFactory(programme=programme, review_deadline=NOW + timedelta(days=2))
    application = ApplicationFactory(call=call, status=ApplicationStatus.IN_REVIEW)
    ReviewAssignment.objects.create(application=application, reviewer=reviewer, source="manual")
    client = client_of(reviewer)
    (task,) = tasks_on(client)
    assert task.text == "1 review is waiting for you"
    assert task.due == NOW + timedelta(days=2) and task.urgent
    every_link_opens(client, [task])


def test_a_library_sees_its_draft_and_a_call_closing_soon(
    client_of, librarian_a, library_a, programme
):
    closing = CallFactory(programme=programme, code="BP2-2015")
    other = CallFactory(programme=programme, code="BP2-2015B", closes_at=NOW + timedelta(days=5))
    ApplicationFactory(call=closing, library=library_a, title="Kūrybinės dirbtuvės")
    client = client_of(librarian_a)
    texts = [task.text for task in tasks_on(client)]
    assert "Your draft application “Kūrybinės dirbtuvės” is not submitted yet" in texts
    assert f"The call “{other.title_en}” closes soon" in texts
    every_link_opens(client, tasks_on(client))


def test_the_committee_reaches_the_rankings_that_wait_for_a_decision(client_of, programme):
    member = person_with_role(Role.COMMITTEE_MEMBER, email="komisija@lnb.example")
    call = CallFactory(programme=programme)
    ApplicationFactory(call=call, status=ApplicationStatus.REVIEWED)
    client = client_of(member)
    (task,) = tasks_on(client)
    assert task.text == "BP2-2015: 1 reviewed application waits for the funding decision"
    assert task.url == f"/en/grants/calls/{call.pk}/ranking/"
    every_link_opens(client, [task])


def test_nothing_waiting_says_so_in_lithuanian(client_of, outsider, programme):
    page = client_of(outsider).get("/lt/my/").content.decode()
    assert "Kai programos komanda patvirtins jūsų vaidmenį" in page


def test_the_workspace_takes_the_same_queries_for_one_task_as_for_three(
    query_guard, client_of, staff_member, programme
):
    client = client_of(staff_member)
    numbers = iter(range(1, 10))

    def add() -> str:
        number = next(numbers)
        pending_registration(programme, number)
        return f"Seminar {number}: 1 registration waits for approval"

    query_guard(lambda: client.get("/en/my/"), add, pinned=13)
