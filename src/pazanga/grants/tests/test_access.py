"""Staff and committee screens reach only the current programme's calls, applications and
assignments: each view, given an object of a second programme, answers 404, and the same
view answers for the current programme's own object (so the 404 is the programme's doing)."""

import pytest
from django.urls import reverse

from pazanga.common.audit import timeline
from pazanga.directory.tests.factories import LibraryFactory
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.models import ReviewAssignment
from pazanga.grants.tests.factories import ApplicationFactory, CallFactory
from pazanga.programme.enums import ProgrammeStatus
from pazanga.programme.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def other_call(programme):
    other = ProgrammeFactory(
        code="bp1", name_lt="Bibliotekos pažangai", status=ProgrammeStatus.PAST
    )
    return CallFactory(programme=other, code="BP1-2011", is_published=False)


def submitted_in(call, number):  # type: ignore[no-untyped-def]
    return ApplicationFactory(
        call=call,
        library=LibraryFactory(),
        status=S.SUBMITTED,
        number=number,
        reference=f"{call.code}-{number:03d}",
    )


CALL_SCREENS = sorted(
    [
        ("applications", "staff_member"),
        ("applications", "committee_member"),
        ("eligibility", "staff_member"),
        ("conflicts", "staff_member"),
        ("assignment", "staff_member"),
        ("ranking", "staff_member"),
        ("ranking", "committee_member"),
        ("decision", "staff_member"),
        ("decision", "committee_member"),
        ("panel", "staff_member"),
        ("call_edit", "staff_member"),
        ("call", "staff_member"),
    ]
)


@pytest.mark.parametrize(("name", "persona"), CALL_SCREENS)
def test_a_call_screen_refuses_a_second_programmes_call(
    name, persona, request, client_of, call, other_call
):
    client = client_of(request.getfixturevalue(persona))
    assert client.get(reverse(f"grants:{name}", args=[other_call.pk])).status_code == 404
    assert client.get(reverse(f"grants:{name}", args=[call.pk])).status_code == 200


def test_the_staff_call_list_shows_only_the_current_programmes_calls(
    client_of, staff_member, call, other_call
):
    page = client_of(staff_member).get(reverse("grants:calls")).content.decode()
    assert call.title in page
    assert "BP1-2011" not in page


@pytest.mark.parametrize("persona", ["committee_member", "staff_member"])
def test_an_application_of_a_second_programme_is_not_shown(
    persona, request, client_of, call, other_call
):
    client = client_of(request.getfixturevalue(persona))
    theirs, ours = submitted_in(other_call, 1), submitted_in(call, 1)
    assert client.get(reverse("grants:application", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("grants:application", args=[ours.pk])).status_code == 200


def test_eligibility_of_a_second_programmes_application_cannot_be_decided(
    client_of, staff_member, call, other_call
):
    client = client_of(staff_member)
    theirs, ours = submitted_in(other_call, 1), submitted_in(call, 1)
    url = "grants:decide_eligibility"
    assert client.get(reverse(url, args=[theirs.pk])).status_code == 404
    response = client.post(reverse(url, args=[theirs.pk]), {"eligible": "True", "reason": "x"})
    assert response.status_code == 404
    assert client.get(reverse(url, args=[ours.pk])).status_code == 200
    theirs.refresh_from_db()
    assert theirs.status == S.SUBMITTED and not timeline(theirs).exists()


def test_a_reviewer_cannot_be_added_to_or_removed_from_a_second_programmes_application(
    client_of, staff_member, reviewer, call, other_call
):
    client = client_of(staff_member)
    theirs = submitted_in(other_call, 1)
    response = client.post(
        reverse("grants:add_reviewer", args=[theirs.pk]), {"reviewer": reviewer.pk}
    )
    assert response.status_code == 404
    assignment = ReviewAssignment.objects.create(
        application=theirs, reviewer=reviewer, source="manual"
    )
    response = client.post(reverse("grants:remove_reviewer", args=[assignment.pk]))
    assert response.status_code == 404
    assert ReviewAssignment.objects.filter(pk=assignment.pk).exists()
    assert not timeline(theirs).exists()


def test_a_reviewer_does_not_reach_an_assignment_of_a_second_programme(
    client_of, reviewer, call, other_call
):
    theirs = submitted_in(other_call, 1)
    ReviewAssignment.objects.create(application=theirs, reviewer=reviewer, source="manual")
    client = client_of(reviewer)
    assert client.get(reverse("grants:review", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("grants:declare_conflict", args=[theirs.pk])).status_code == 404
    assert "BP1-2011-001" not in client.get(reverse("grants:my_reviews")).content.decode()


def test_the_committee_sees_only_submitted_applications_and_their_files(
    settings, tmp_path, client_of, committee_member, staff_member, librarian_a, call, library_a
):
    """A draft is its library's and the programme staff's: the committee decides on what
    was submitted (issue F8: it used to open drafts and download their files)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pazanga.grants import services

    settings.MEDIA_ROOT = tmp_path
    draft = ApplicationFactory(call=call, library=library_a, status=S.DRAFT)
    attached = services.add_attachment(
        draft, SimpleUploadedFile("planas.pdf", b"%PDF-1.4\n"), kind="pdf", actor=librarian_a
    )
    page = reverse("grants:application", args=[draft.pk])
    file = reverse("grants:attachment", args=[draft.pk, attached.pk])
    committee = client_of(committee_member)
    assert committee.get(page).status_code == 404
    assert committee.get(file).status_code == 404
    for allowed in (staff_member, librarian_a):
        assert client_of(allowed).get(page).status_code == 200
        assert client_of(allowed).get(file).status_code == 200
    submitted = submitted_in(call, 7)
    committee = client_of(committee_member)
    assert committee.get(reverse("grants:application", args=[submitted.pk])).status_code == 200
