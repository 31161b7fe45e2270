"""Small helpers the event views share."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language


def language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def invalid_link(request: HttpRequest) -> HttpResponse:
    """A forged, altered or unknown personal link: a clear page, status 404."""
    return render(request, "events/invalid_link.html", status=404)


def scan_url(code: str) -> str:
    """What a check-in QR code holds: an address any phone camera opens."""
    return f"{settings.SITE_URL}{reverse('events_plain:scan', args=[code])}"
