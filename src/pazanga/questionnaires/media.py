"""Photos, sound and video given as answers: recognised by their content, size-limited.

Images go through the platform's own check (`common.uploads`); sound and video formats
that phones and browsers record are recognised here by their signatures.
"""

from typing import IO, Any

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from pazanga.common.uploads import check_upload
from pazanga.questionnaires.enums import QuestionType

IMAGE_KINDS = ("png", "jpeg", "gif")
SNIFF = 64


def audio_video_kind(head: bytes) -> str | None:  # noqa: PLR0911 (one return per format)
    """The container format the first bytes show, or None."""
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "mp3"
    if head.startswith(b"#!AMR"):
        return "amr"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head[4:8] == b"ftyp":
        return "mp4"  # also 3gp and m4a: the same ISO container
    if head.startswith(b"fLaC"):
        return "flac"
    return None


MEDIA_KINDS = {
    QuestionType.IMAGE: IMAGE_KINDS,
    QuestionType.AUDIO: ("ogg", "wav", "mp3", "amr", "webm", "mp4", "flac"),
    QuestionType.VIDEO: ("webm", "mp4"),
}
MEDIA_LABELS = {
    QuestionType.IMAGE: _("a photo (PNG, JPEG or GIF)"),
    QuestionType.AUDIO: _("a sound recording (OGG, WAV, MP3, AMR, WebM, MP4 or FLAC)"),
    QuestionType.VIDEO: _("a video (WebM or MP4)"),
}


def check_media(file: IO[bytes], media: str, max_bytes: int) -> str:
    """The recognised kind of `file` for a question of type `media`, or ValidationError."""
    if media == QuestionType.IMAGE:
        return check_upload(file, IMAGE_KINDS, max_bytes)
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; files can be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )
    file.seek(0)
    head = file.read(SNIFF)
    file.seek(0)
    kind = audio_video_kind(head)
    if kind not in MEDIA_KINDS[QuestionType(media)]:
        raise ValidationError(
            _("This file's content is not %(expected)s."),
            code="wrong_kind",
            params={"expected": MEDIA_LABELS[QuestionType(media)]},
        )
    return kind


class MediaFileField(forms.FileField):
    def __init__(self, *, media: str, max_bytes: int, **kwargs: Any) -> None:
        self.media, self.max_bytes = media, max_bytes
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        file = super().clean(data, initial)
        if file and file is not initial:
            file.checked_kind = check_media(file, self.media, self.max_bytes)
        return file
