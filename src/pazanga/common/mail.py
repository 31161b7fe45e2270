"""E-mail rendered in the recipient's language from a pair of templates."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def render_mail(template_prefix: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    """Subject and body from `<prefix>_subject.txt` and `<prefix>_body.txt` in `language`."""
    with translation.override(language):
        full_context = {"site_url": settings.SITE_URL, "language": language, **context}
        subject = render_to_string(f"{template_prefix}_subject.txt", full_context)
        body = render_to_string(f"{template_prefix}_body.txt", full_context)
    return " ".join(subject.split()), body


def send_mail_in_language(
    template_prefix: str,
    context: dict[str, Any],
    *,
    to: Sequence[str],
    language: str,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> None:
    subject, body = render_mail(template_prefix, context, language)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, list(to))
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()
