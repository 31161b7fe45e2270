"""What the project views share: showing a refusal next to the form that caused it."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from pazanga.common.refusals import Refusal


def show_refusal(request: HttpRequest, refusal: Refusal, form: forms.Form | None = None) -> None:
    """Put the refusal's message next to its field (or above the form), keeping what was
    typed; without a form, as a message on the next page."""
    if form is not None:
        field = refusal.field if refusal.field in form.fields else None
        form.add_error(field, refusal.message)
        for detail in refusal.details:
            form.add_error(None, detail)
        return
    messages.error(request, " ".join([refusal.message, *refusal.details]))


def post_or_none(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None
