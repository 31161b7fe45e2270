"""Grant attachments: a count and size cap per application, random stored names with the
detected kind's extension, removal from storage after commit, the day's upload allowance."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pazanga.common.refusals import Refusal
from pazanga.grants import services
from pazanga.grants.models import Attachment
from pazanga.grants.services import applying
from pazanga.grants.tests.factories import complete_application

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%plan\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def draft(call, library_a, during_call):
    return complete_application(call=call, library=library_a)


def stored(media):  # type: ignore[no-untyped-def]
    return [p for p in media.rglob("*") if p.is_file()]


def test_an_application_carries_at_most_the_capped_number_of_files(draft, librarian_a, monkeypatch):
    monkeypatch.setattr(applying, "MAX_ATTACHMENTS", 3)
    for number in range(3):
        services.add_attachment(
            draft, SimpleUploadedFile(f"{number}.pdf", PDF), kind="pdf", actor=librarian_a
        )
    with pytest.raises(Refusal) as refused:
        services.add_attachment(
            draft, SimpleUploadedFile("4.pdf", PDF), kind="pdf", actor=librarian_a
        )
    assert refused.value.code == "grants.too_many_files"
    assert "3" in str(refused.value.message)
    assert Attachment.objects.filter(application=draft).count() == 3


def test_an_application_carries_at_most_the_capped_total_size(draft, librarian_a, monkeypatch):
    monkeypatch.setattr(applying, "MAX_ATTACHMENT_TOTAL_BYTES", len(PDF) * 2)
    for number in range(2):
        services.add_attachment(
            draft, SimpleUploadedFile(f"{number}.pdf", PDF), kind="pdf", actor=librarian_a
        )
    with pytest.raises(Refusal):
        services.add_attachment(draft, SimpleUploadedFile("x.pdf", PDF), kind="pdf", actor=None)


def test_a_pdf_sent_as_html_is_stored_under_a_random_pdf_name(draft, librarian_a, media):
    attached = services.add_attachment(
        draft, SimpleUploadedFile("planas.html", PDF), kind="pdf", actor=librarian_a
    )
    assert attached.file.name.startswith("grants/attachments/")
    assert attached.file.name.endswith(".pdf") and "planas" not in attached.file.name
    assert attached.original_name == "planas.html"


def test_a_removed_attachment_leaves_storage_after_commit(
    draft, librarian_a, media, django_capture_on_commit_callbacks
):
    attached = services.add_attachment(
        draft, SimpleUploadedFile("planas.pdf", PDF), kind="pdf", actor=librarian_a
    )
    assert len(stored(media)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_attachment(attached, actor=librarian_a)
    assert stored(media) == []


def test_the_day_s_upload_allowance_refuses_the_file_that_passes_it(
    settings, client_of, draft, librarian_a, media
):
    settings.UPLOAD_BYTES_PER_DAY = len(PDF) * 2
    client = client_of(librarian_a)
    address = reverse("grants:attach", args=[draft.pk])
    for number in range(2):
        answer = client.post(address, {"file": SimpleUploadedFile(f"{number}.pdf", PDF)})
        assert answer.status_code == 302
    answer = client.post(address, {"file": SimpleUploadedFile("3.pdf", PDF)})
    assert answer.status_code == 413
    assert "Bandykite dar kartą rytoj" in answer.content.decode()
    assert Attachment.objects.filter(application=draft).count() == 2
