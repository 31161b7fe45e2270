"""Who may download an application's attachments, and how the file is served."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pazanga.grants import services
from pazanga.grants.models import Attachment, ReviewAssignment
from pazanga.grants.tests.factories import complete_application
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%plan\n"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def submitted(call, library_a, librarian_a, during_call):
    """A submitted application with one attachment, plus a file that is not in the snapshot."""
    application = complete_application(call=call, library=library_a)
    upload = SimpleUploadedFile("Veiklų planas.pdf", PDF)
    attached = services.add_attachment(application, upload, kind="pdf", actor=librarian_a)
    services.submit_application(application, actor=librarian_a)
    later = Attachment.objects.create(
        application=application,
        file=SimpleUploadedFile("vėliau.pdf", PDF),
        original_name="vėliau.pdf",
        kind="pdf",
        size=len(PDF),
    )
    return application, attached, later


@pytest.fixture
def assigned_reviewer(reviewer, submitted):
    ReviewAssignment.objects.create(application=submitted[0], reviewer=reviewer, source="manual")
    return reviewer


def download(client, attachment):  # type: ignore[no-untyped-def]
    return client.get(reverse("grants:attachment", args=[attachment.application_id, attachment.pk]))


@pytest.mark.parametrize(
    "persona", sorted(["librarian_a", "staff_member", "committee_member", "assigned_reviewer"])
)
def test_it_serves_the_submitted_file_as_a_download_to_those_who_may_see_it(
    persona, request, client_of, submitted
):
    _application, attached, _later = submitted
    response = download(client_of(request.getfixturevalue(persona)), attached)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Veikl%C5%B3%20planas.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize("persona", sorted(["librarian_b", "outsider", "reviewer"]))
def test_it_answers_404_to_everyone_else(persona, request, client_of, submitted):
    """`reviewer` here is on the panel's role list but not assigned to this application."""
    _application, attached, _later = submitted
    assert download(client_of(request.getfixturevalue(persona)), attached).status_code == 404


def test_a_reviewer_downloads_only_the_files_of_the_submitted_version(
    client_of, assigned_reviewer, staff_member, submitted
):
    _application, _attached, later = submitted
    assert download(client_of(assigned_reviewer), later).status_code == 404
    assert download(client_of(staff_member), later).status_code == 200


def test_a_reviewer_of_another_application_gets_404(client_of, call, submitted, library_b):
    other = complete_application(call=call, library=library_b)
    stranger = person_with_role(Role.REVIEWER, email="kitas@expert.example")
    ReviewAssignment.objects.create(application=other, reviewer=stranger, source="manual")
    _application, attached, _later = submitted
    assert download(client_of(stranger), attached).status_code == 404


def test_an_attachment_asked_for_under_another_application_is_not_found(
    client_of, librarian_a, call, library_a, submitted
):
    _application, attached, _later = submitted
    url = reverse("grants:attachment", args=[attached.application_id + 1000, attached.pk])
    assert client_of(librarian_a).get(url).status_code == 404


def test_visitors_are_sent_to_log_in(client, submitted):
    _application, attached, _later = submitted
    response = download(client, attached)
    assert response.status_code == 302 and "login" in response.url


def test_the_pages_link_the_files(client_of, librarian_a, assigned_reviewer, submitted):
    application, attached, _later = submitted
    link = reverse("grants:attachment", args=[application.pk, attached.pk])
    assert link in client_of(librarian_a).get(application.get_absolute_url()).content.decode()
    review_page = client_of(assigned_reviewer).get(reverse("grants:review", args=[application.pk]))
    assert link in review_page.content.decode()


def test_a_missing_file_is_not_found_rather_than_an_error(client_of, staff_member, submitted):
    _application, attached, _later = submitted
    attached.file.delete(save=False)
    assert download(client_of(staff_member), attached).status_code == 404
