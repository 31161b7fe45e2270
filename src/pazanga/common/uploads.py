"""Uploaded files are recognised by their content, never by their name, and size-limited.

- `check_upload(file, kinds, max_bytes)` returns the recognised kind or raises a
  ValidationError that says what was expected, in the active language.
- `RandomName("folder")` as a FileField's `upload_to`: the stored name is random, its
  extension the one of the kind the content was recognised as (never the uploader's).
- `download(field_file, name)`: the one way a stored upload is served, by a view that
  has checked who asks: `Content-Disposition: attachment`, `X-Content-Type-Options:
  nosniff`, a content type from the recognised kind. `MEDIA_URL` is never served directly.
- `upload_quota`: a view decorator counting the bytes each person (or anonymous client)
  uploads a day, in the shared cache, against `settings.UPLOAD_BYTES_PER_DAY`.
- A replaced or deleted file leaves storage once the transaction commits
  (django-cleanup, decision 0015); per-application and per-response caps are the apps'.
"""

import io
import secrets
import zipfile
import zlib
from collections.abc import Callable
from functools import wraps
from typing import IO, Any

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
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


# The extension a stored file gets for each recognised kind (others: the kind itself).
EXTENSIONS = {"jpeg": "jpg"}
UNKNOWN_EXTENSION = "bin"


@deconstructible
class RandomName:
    """`upload_to` giving `<folder>/<year>/<month>/<random>.<extension of the kind>`.

    The kind is `kind` when given (a field that takes only PDFs: with `FieldFile.save` the
    content is not at hand when the name is chosen), else the row's `kind` (recognised by
    the service storing it), else the one the form's check recognised (`checked_kind`),
    else what the content shows (`sniff`). The name the uploader gave is kept only in the
    row (`original_name`), never in storage, so a PDF-headed file sent as `.html` is
    stored as `.pdf` and a file of no known kind as `.bin`.
    """

    def __init__(self, folder: str, field: str = "file", kind: str = "") -> None:
        self.folder, self.field, self.kind = folder, field, kind

    def __call__(self, instance: Any, filename: str) -> str:
        kind = self.kind or None
        if kind is None and getattr(instance, "kind", None) in CONTENT_TYPES:
            kind = instance.kind  # recognised by the service that stores the file
        field_file = getattr(instance, self.field, None)
        content = None if getattr(field_file, "_committed", True) else field_file._file  # type: ignore[union-attr]
        kind = kind or getattr(content, "checked_kind", None)
        if kind is None and content is not None and hasattr(content, "seek"):
            kind = sniff(content)
        extension = EXTENSIONS.get(kind, kind) if kind else UNKNOWN_EXTENSION
        month = timezone.localdate().strftime("%Y/%m")
        return f"{self.folder}/{month}/{secrets.token_urlsafe(18)}.{extension}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and self.deconstruct() == other.deconstruct()

    def __hash__(self) -> int:
        return hash((self.folder, self.field, self.kind))


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "csv": "text/csv",
    "sav": "application/x-spss-sav",
    "ogg": "audio/ogg",
    "wav": "audio/wav",
    "mp3": "audio/mpeg",
    "amr": "audio/amr",
    "webm": "video/webm",
    "mp4": "video/mp4",
    "flac": "audio/flac",
}
KIND_OF_EXTENSION = {EXTENSIONS.get(kind, kind): kind for kind in CONTENT_TYPES}


def download(field_file: FieldFile, filename: str, kind: str | None = None) -> FileResponse:
    """A stored upload as a download (never shown inline), for a view that checked access.

    The content type is the recognised kind's (`kind`, else the stored name's extension,
    which `RandomName` derived from the content); anything else is a plain octet stream.
    A file missing from storage is a 404.
    """
    if kind is None:
        extension = (field_file.name or "").rsplit(".", 1)[-1].lower()
        kind = KIND_OF_EXTENSION.get(extension)
    content_type = CONTENT_TYPES.get(kind or "", "application/octet-stream")
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def uploader_key(request: HttpRequest) -> str:
    from pazanga.common.ratelimit import client_key

    user = getattr(request, "user", None)
    if getattr(user, "is_authenticated", False):
        return f"pazanga.upload-bytes:user:{user.pk}"  # type: ignore[union-attr]
    return f"pazanga.upload-bytes:client:{client_key(request)}"


def charge_upload(request: HttpRequest, size: int) -> bool:
    """Add `size` bytes to today's count of the person (or anonymous client); False when
    that goes past `settings.UPLOAD_BYTES_PER_DAY` (the bytes are counted all the same)."""
    key = f"{uploader_key(request)}:{timezone.localdate().isoformat()}"
    cache.add(key, 0, timeout=86_400)
    try:
        total = cache.incr(key, size)
    except ValueError:  # expired between add and incr
        cache.add(key, size, timeout=86_400)
        total = size
    return bool(total <= settings.UPLOAD_BYTES_PER_DAY)


def upload_quota(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse (HTTP 413, a page saying why) a POST whose files take the person past the
    day's upload allowance; other requests pass untouched."""

    @wraps(view)
    def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and request.FILES:
            size = sum(f.size or 0 for _name, files in request.FILES.lists() for f in files)
            if not charge_upload(request, size):
                return render(
                    request,
                    "common/upload_quota.html",
                    {"limit": settings.UPLOAD_BYTES_PER_DAY},
                    status=413,
                )
        return view(request, *args, **kwargs)

    limited.upload_quota = True  # type: ignore[attr-defined]
    return limited
