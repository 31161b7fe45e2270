import pytest
from django.core import mail

from pazanga.common.audit import timeline
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.tests.factories import RoleAssignmentFactory
from pazanga.programme.workflow import TRANSITIONS, TransitionNotAllowed, transition

pytestmark = pytest.mark.django_db

# Sorted: parallel test workers must collect the same list.
ALLOWED = sorted((start, end) for start, ends in TRANSITIONS.items() for end in ends)
FORBIDDEN = [
    (start, end)
    for start in AssignmentStatus.values
    for end in AssignmentStatus.values
    if end not in TRANSITIONS[start]
]


@pytest.mark.parametrize(("start", "end"), ALLOWED)
def test_every_allowed_transition_saves_and_audits(start, end, staff_member, library_a):
    assignment = RoleAssignmentFactory(status=start, organisation=library_a)
    transition(assignment, end, actor=staff_member, note="checked")
    assert assignment.status == end
    assert assignment.decided_at is not None
    entry = timeline(assignment).get()
    assert entry.action == f"programme.role_assignment.{end}"
    assert entry.actor == staff_member
    assert entry.data == {"from": start, "role": Role.LIBRARY_STAFF, "note": "checked"}


@pytest.mark.parametrize(("start", "end"), FORBIDDEN)
def test_every_forbidden_transition_is_refused_and_changes_nothing(
    start, end, staff_member, library_a
):
    assignment = RoleAssignmentFactory(status=start, organisation=library_a)
    with pytest.raises(TransitionNotAllowed):
        transition(assignment, end, actor=staff_member)
    assignment.refresh_from_db()
    assert assignment.status == start
    assert not timeline(assignment).exists()


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        (
            "lt",
            "Dabar galite atstovauti savo bibliotekai programoje „Bibliotekos pažangai 2“",
            "Programos komanda patvirtino jus programoje „Bibliotekos pažangai 2“: "
            "Alytaus rajono savivaldybės viešoji biblioteka – bibliotekos darbuotojas.",
        ),
        (
            "en",
            "You can now act for your library in Libraries for Innovation 2",
            "Programme staff confirmed you as library staff of Alytaus rajono savivaldybės "
            "viešoji biblioteka in Libraries for Innovation 2.",
        ),
    ],
)
def test_confirmation_is_emailed_in_the_persons_language(
    language, subject, body, staff_member, library_a, django_capture_on_commit_callbacks
):
    assignment = RoleAssignmentFactory(
        status=AssignmentStatus.PENDING,
        organisation=library_a,
        user__preferred_language=language,
    )
    with django_capture_on_commit_callbacks(execute=True):
        transition(assignment, AssignmentStatus.CONFIRMED, actor=staff_member)
    (message,) = mail.outbox
    assert message.to == [assignment.user.email]
    assert message.subject == subject
    assert body in message.body
    assert f"/{language}/accounts/login/" in message.body


def test_revoking_sends_no_email(staff_member, library_a, django_capture_on_commit_callbacks):
    assignment = RoleAssignmentFactory(organisation=library_a)
    with django_capture_on_commit_callbacks(execute=True):
        transition(assignment, AssignmentStatus.REVOKED, actor=staff_member)
    assert mail.outbox == []


def test_the_workflow_document_draws_this_table():
    from pazanga.common.management.commands.document_workflows import document

    text = document()
    assert "## programme: `TRANSITIONS`" in text
    for start, end in ALLOWED:
        assert f"    {start} --> {end}\n" in text
