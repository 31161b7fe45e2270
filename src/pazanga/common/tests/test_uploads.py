import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from pazanga.common.uploads import DOCUMENT_KINDS, CheckedFileField, check_upload, sniff


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def docx_like_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"\xff\xd8\xff\xe0....", "jpeg"),
        (b"$FL2@(#) IBM SPSS", "sav"),
        ("vardas,pavardė\nOna,Žemaitė\n".encode(), "csv"),
        (b"\xef\xbb\xbfname,email\n", "csv"),
    ],
)
def test_it_recognises_files_by_their_first_bytes(content, kind):
    assert sniff(io.BytesIO(content)) == kind


def test_it_tells_office_files_apart_by_their_parts():
    assert sniff(io.BytesIO(xlsx_bytes())) == "xlsx"
    assert sniff(io.BytesIO(docx_like_bytes())) == "docx"
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hi")
    assert sniff(plain_zip) is None


def test_an_executable_renamed_to_pdf_is_refused():
    program = SimpleUploadedFile("paraiska.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100)
    with pytest.raises(ValidationError) as error:
        check_upload(program, DOCUMENT_KINDS, 1_000_000)
    assert error.value.code == "wrong_kind"
    with translation.override("en"):
        assert "is not PDF, Word (.docx), Excel (.xlsx), PNG, JPEG" in error.value.messages[0]


def test_a_file_over_the_limit_is_refused_with_both_sizes():
    big = SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 2_000_000)
    with pytest.raises(ValidationError) as error:
        check_upload(big, ("pdf",), 1_048_576)
    assert error.value.code == "too_large"
    with translation.override("lt"):
        assert error.value.messages == [
            "Failas yra 1,9\xa0MB; failai gali būti ne didesni kaip 1,0\xa0MB."
        ]


def test_the_form_field_records_the_recognised_kind():
    field = CheckedFileField(kinds=("xlsx", "csv"), max_bytes=1_000_000)
    upload = field.clean(SimpleUploadedFile("kvietimas.xlsx", xlsx_bytes()))
    assert upload.checked_kind == "xlsx"
