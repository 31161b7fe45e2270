import pytest
from django.core import mail

from pazanga.directory.tests.factories import LibraryFactory
from pazanga.programme.enums import AssignmentStatus
from pazanga.programme.tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db
PENDING = "/lt/manage/people/pending/"


def decide_url(assignment, decision):
    return f"/lt/manage/people/{assignment.pk}/{decision}/"


def test_staff_see_who_waits_for_confirmation(client_of, staff_member, library_a):
    RoleAssignmentFactory(
        status=AssignmentStatus.PENDING, organisation=library_a, user__first_name="Ona"
    )
    page = client_of(staff_member).get(PENDING).content.decode()
    assert "Ona" in page
    assert library_a.name in page


@pytest.mark.parametrize("persona", ["outsider", "librarian_a", "reviewer"])
def test_others_may_not_see_or_decide(client_of, request, persona, library_a, programme):
    assignment = RoleAssignmentFactory(status=AssignmentStatus.PENDING, organisation=library_a)
    client = client_of(request.getfixturevalue(persona))
    assert client.get(PENDING).status_code == 403
    assert client.post(decide_url(assignment, "confirm")).status_code == 403
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PENDING


def test_anonymous_visitors_are_sent_to_log_in(client, programme):
    response = client.get(PENDING)
    assert response.status_code == 302
    assert response["Location"].startswith("/lt/accounts/login/")


def test_confirming_twice_says_it_was_already_done(
    client_of, staff_member, library_a, django_capture_on_commit_callbacks
):
    assignment = RoleAssignmentFactory(status=AssignmentStatus.PENDING, organisation=library_a)
    client = client_of(staff_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(assignment, "confirm"))
        second = client.post(decide_url(assignment, "confirm"), follow=True)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CONFIRMED
    assert "jau patvirtinta" in second.content.decode()
    assert len(mail.outbox) == 1


def test_deciding_needs_post_and_a_known_decision(client_of, staff_member, library_a):
    assignment = RoleAssignmentFactory(status=AssignmentStatus.PENDING, organisation=library_a)
    client = client_of(staff_member)
    assert client.get(decide_url(assignment, "confirm")).status_code == 405
    assert client.post(decide_url(assignment, "promote")).status_code == 404


def test_the_pending_list_has_pinned_queries(query_guard, client_of, staff_member):
    client = client_of(staff_member)

    def add() -> str:
        assignment = RoleAssignmentFactory(
            status=AssignmentStatus.PENDING, organisation=LibraryFactory()
        )
        return assignment.user.email

    query_guard(lambda: client.get(PENDING), add, pinned=6)
