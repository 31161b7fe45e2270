"""The open-data page: every file the platform publishes, what it holds, and its licence."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "opendata/index.html", {"tables": TABLES})


TABLES: list[tuple[str, str]] = []
