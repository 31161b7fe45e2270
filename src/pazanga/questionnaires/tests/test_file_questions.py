"""File questions end to end: upload while answering, storage, checks, download, exports."""

import csv
import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from pazanga.questionnaires.answer_forms import MAX_ANSWER_FILE_BYTES
from pazanga.questionnaires.enums import QuestionnaireStatus, ResponseStatus
from pazanga.questionnaires.examples.forms import workbook_bytes
from pazanga.questionnaires.models import Response, UploadedAnswerFile
from pazanga.questionnaires.services import import_questionnaire
from pazanga.questionnaires.tests.test_answering import url
from pazanga.questionnaires.workflow import transition

SURVEY = [
    ["type", "name", "label::Lietuvių (lt)", "label::English (en)", "required"],
    ["text", "library", "Biblioteka", "Library", "yes"],
    ["file", "report", "Veiklos ataskaita", "Activity report", "yes"],
    ["file", "photo", "Nuotrauka", "Photo", ""],
]
SETTINGS = [
    ["form_title", "form_title::English (en)", "form_id", "default_language"],
    ["Ataskaitos", "Reports", "reports", "Lietuvių (lt)"],
]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def png_bytes() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def reports(programme, staff_member):
    questionnaire = import_questionnaire(
        workbook_bytes(SURVEY, SETTINGS, names=("survey", "settings")),
        programme=programme,
        actor=staff_member,
    )
    return transition(questionnaire, QuestionnaireStatus.PUBLISHED, actor=staff_member)


def answer_with(client, questionnaire, **files):  # type: ignore[no-untyped-def]
    data = {"q-library": "Alytaus biblioteka", "action": "next", "shown": "library,photo,report"}
    data.update({f"q-{name}": upload for name, upload in files.items()})
    return client.post(url("answer", questionnaire.pk, language="en") + "?page=0", data)


@pytest.fixture
def submitted(client_of, librarian_a, reports, media) -> Response:
    answer = answer_with(
        client_of(librarian_a),
        reports,
        report=SimpleUploadedFile("ataskaita.pdf", PDF, content_type="application/pdf"),
        photo=SimpleUploadedFile("nuotrauka.png", png_bytes(), content_type="image/png"),
    )
    assert answer.status_code == 302
    return Response.objects.get(questionnaire=reports, respondent=librarian_a)


def test_uploaded_answers_are_stored_through_django_storage(submitted, media):
    assert submitted.status == ResponseStatus.SUBMITTED
    assert submitted.answers["report"] == "ataskaita.pdf"
    assert submitted.answers["photo"] == "nuotrauka.png"
    stored = {f.question_name: f for f in submitted.files.all()}
    assert stored["report"].original_name == "ataskaita.pdf"
    assert stored["report"].size == len(PDF)
    on_disk = media / stored["report"].file.name
    assert on_disk.read_bytes() == PDF
    assert (media / stored["photo"].file.name).read_bytes() == png_bytes()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (EXECUTABLE, "This file&#x27;s content is not PDF, Word (.docx), Excel (.xlsx)"),
        (PDF + b"0" * (MAX_ANSWER_FILE_BYTES + 1024), "files can be at most 10.0"),
    ],
    ids=["executable-renamed-to-pdf", "oversize"],
)
def test_a_file_that_is_not_a_document_or_too_big_is_refused_by_the_question(
    client_of, librarian_a, reports, media, content, message
):
    upload = SimpleUploadedFile("ataskaita.pdf", content, content_type="application/pdf")
    page = answer_with(client_of(librarian_a), reports, report=upload)
    text = page.content.decode()
    assert page.status_code == 200
    report_block = text.split("Activity report")[1].split("Photo")[0]
    assert message in report_block  # next to its question
    assert 'value="Alytaus biblioteka"' in text  # what was typed is kept
    assert not UploadedAnswerFile.objects.exists()
    assert not any(media.rglob("*.pdf"))
    assert not Response.objects.filter(status=ResponseStatus.SUBMITTED).exists()


def file_url(response: Response, question: str) -> str:
    stored = response.files.get(question_name=question)
    return url("answer_file", response.questionnaire_id, response.pk, stored.pk, language="en")


def test_the_response_page_offers_the_files_to_those_who_read_responses(
    client_of, submitted, staff_member, researcher
):
    detail = url("response_detail", submitted.questionnaire_id, submitted.pk, language="en")
    page = client_of(staff_member).get(detail).content.decode()
    assert f'href="{file_url(submitted, "report")}"' in page and "ataskaita.pdf" in page
    for reader in (staff_member, researcher):
        download = client_of(reader).get(file_url(submitted, "report"))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF
        assert download["Content-Disposition"] == 'attachment; filename="ataskaita.pdf"'


def test_others_cannot_download_answer_files(
    client_of, client, submitted, outsider, librarian_a, librarian_b, staff_member, reports
):
    address = file_url(submitted, "report")
    for person in (outsider, librarian_a, librarian_b):
        assert client_of(person).get(address).status_code == 403
    client.logout()
    assert client.get(address).status_code == 302
    other = submitted.pk + 1000  # the file through a response it does not belong to
    stored = submitted.files.get(question_name="report")
    wrong = url("answer_file", reports.pk, other, stored.pk, language="en")
    assert client_of(staff_member).get(wrong).status_code == 404


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_exports_carry_a_download_address_for_each_file(
    client_of, submitted, staff_member, kind, settings
):
    export = client_of(staff_member).get(url("export", submitted.questionnaire_id, kind))
    if kind == "csv":
        rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(export.content))["responses"]
        header, *values = [list(row) for row in sheet.iter_rows(values_only=True)]
        rows = [dict(zip(header, row, strict=True)) for row in values]
    [row] = rows
    assert row["library"] == "Alytaus biblioteka"
    report_link = row["report"]
    assert report_link.startswith(settings.SITE_URL)
    path = report_link.removeprefix(settings.SITE_URL)
    assert path == file_url(submitted, "report").replace("/en/", "/lt/")
    download = client_of(staff_member).get(path)
    assert b"".join(download.streaming_content) == PDF
