"""Uploaded files are recognised by their content, never by their name, and size-limited.

`check_upload(file, kinds, max_bytes)` returns the recognised kind or raises a
ValidationError that says what was expected, in the active language.
"""

import io
import zipfile
import zlib
from typing import IO

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

SNIFF_BYTES = 4096
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "sav": (b"$FL2", b"$FL3"),
}
# Office Open XML files are zip archives whose parts name the application.
ZIP_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
KIND_LABELS = {
    "pdf": "PDF",
    "png": "PNG",
    "jpeg": "JPEG",
    "gif": "GIF",
    "sav": "SPSS (.sav)",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "pptx": "PowerPoint (.pptx)",
    "csv": "CSV",
}
DOCUMENT_KINDS = ("pdf", "docx", "xlsx", "png", "jpeg")


def sniff(file: IO[bytes]) -> str | None:
    """The kind of file the content says it is, or None."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    for kind, signatures in SIGNATURES.items():
        if head.startswith(signatures):
            return kind
    if head.startswith(b"PK\x03\x04"):
        return office_kind(file)
    if is_text(head) and not is_markup(head):
        return "csv"
    return None


# What zipfile raises on a damaged archive or member: bad headers or CRC (BadZipFile),
# broken deflate data (zlib.error), an unknown compression method or version
# (NotImplementedError), encryption (RuntimeError), truncation (EOFError, OSError, ValueError).
ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    ValueError,
)


def office_kind(file: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except ARCHIVE_ERRORS:
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for kind, part in ZIP_PARTS.items() if part in names), None)


def is_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        # The sample may end inside a multi-byte character.
        return error.start >= len(head) - 3
    return True


def is_markup(head: bytes) -> bool:
    """A web page, SVG picture or other XML: text, but never a CSV file."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return start[:1] == b"<" and (start[1:2].isalpha() or start[1:2] in (b"!", b"?"))


def check_upload(file: IO[bytes], kinds: tuple[str, ...], max_bytes: int) -> str:
    size = getattr(file, "size", None)
    if size is None:
        size = len(file.read())
        file.seek(0)
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; files can be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )
    kind = sniff(file)
    if kind not in kinds:
        raise ValidationError(
            _("This file's content is not %(expected)s. Choose a file of that kind."),
            code="wrong_kind",
            params={"expected": ", ".join(KIND_LABELS[k] for k in kinds)},
        )
    return kind


class CheckedFileField(forms.FileField):
    """A file field that accepts only the given kinds, recognised by content."""

    def __init__(self, *, kinds: tuple[str, ...], max_bytes: int, **kwargs: object) -> None:
        self.kinds, self.max_bytes = kinds, max_bytes
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def clean(self, data, initial=None):  # type: ignore[no-untyped-def]
        file = super().clean(data, initial)
        if file and file is not initial:
            file.checked_kind = check_upload(file, self.kinds, self.max_bytes)
        return file


def as_upload(content: bytes) -> IO[bytes]:
    """Bytes as a file object (handy for checks on generated files)."""
    return io.BytesIO(content)
