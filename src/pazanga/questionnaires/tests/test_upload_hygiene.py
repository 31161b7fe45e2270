"""Answer files: a replaced or removed file leaves storage once the change commits, a
response holds a bounded total, stored names are random with the detected kind's
extension, and files are downloaded only through the permission-checked view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pazanga.questionnaires import services
from pazanga.questionnaires.models import Response, UploadedAnswerFile
from pazanga.questionnaires.tests.test_answering import url
from pazanga.questionnaires.tests.test_file_questions import PDF, png_bytes

pytestmark = pytest.mark.django_db


def stored_files(media):  # type: ignore[no-untyped-def]
    return sorted(p for p in media.rglob("*") if p.is_file())


def test_saving_a_new_file_ten_times_keeps_one_in_storage(
    client_of, librarian_a, reports, media, django_capture_on_commit_callbacks
):
    client = client_of(librarian_a)
    for number in range(10):
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post(
                url("answer", reports.pk, language="en") + "?page=0",
                {
                    "q-library": "Alytaus biblioteka",
                    "q-report": SimpleUploadedFile(f"ataskaita-{number}.pdf", PDF + b"%" * number),
                    "action": "save",
                    "shown": "library,photo,report",
                },
            )
        assert answer.status_code == 302
    response = Response.objects.get(questionnaire=reports, respondent=librarian_a)
    assert response.status == "draft" and response.files.count() == 1
    assert len(stored_files(media)) == 1
    assert stored_files(media)[0].read_bytes() == PDF + b"%" * 9


def test_a_file_removed_from_the_answers_leaves_storage(
    librarian_a, reports, media, django_capture_on_commit_callbacks
):
    response = services.start_response(reports, respondent=librarian_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.save_answers(response, {"photo": SimpleUploadedFile("a.png", png_bytes())})
    assert len(stored_files(media)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.save_answers(response, {"photo": None})
    assert stored_files(media) == [] and not response.files.exists()


def test_a_response_holds_a_bounded_total_of_files(librarian_a, reports, media, monkeypatch):
    monkeypatch.setattr(services, "MAX_RESPONSE_FILE_BYTES", len(PDF) + 10)
    response = services.start_response(reports, respondent=librarian_a)
    services.save_answers(response, {"report": SimpleUploadedFile("a.pdf", PDF)})
    # Replacing the same answer fits (the old file goes); a second file does not.
    services.save_answers(response, {"report": SimpleUploadedFile("b.pdf", PDF)})
    with pytest.raises(services.Refusal) as refused:
        services.save_answers(response, {"photo": SimpleUploadedFile("c.png", png_bytes())})
    assert refused.value.code == "questionnaires.files_too_large"
    assert list(response.files.values_list("original_name", flat=True)) == ["b.pdf"]


def test_a_stored_answer_file_has_a_random_name_with_the_kind_of_its_content(
    librarian_a, reports, media
):
    response = services.start_response(reports, respondent=librarian_a)
    services.save_answers(response, {"report": SimpleUploadedFile("ataskaita.html", PDF)})
    stored = UploadedAnswerFile.objects.get(response=response)
    assert stored.original_name == "ataskaita.html"
    assert stored.file.name.startswith("questionnaires/answers/")
    assert stored.file.name.endswith(".pdf") and "ataskaita" not in stored.file.name
