"""Programme staff create and edit events: details, venue, audience categories, agenda."""

import copy

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pazanga.common.audit import timeline
from pazanga.events import access, services
from pazanga.events.access import programme_staff_required
from pazanga.events.forms import EventEditor
from pazanga.events.models import Event
from pazanga.programme.permissions import current_programme


@programme_staff_required
def event_create(request: HttpRequest) -> HttpResponse:
    programme = current_programme()
    if programme is None:
        messages.error(request, _("There is no current programme to add an event to."))
        return redirect("events:manage_list")
    return edit(request, Event(programme=programme))


@programme_staff_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return edit(request, access.staff_event_for(slug))


def edit(request: HttpRequest, event: Event) -> HttpResponse:
    # The form fills its own copy, so the page's links keep the saved slug and title.
    editor = EventEditor(request.POST or None, event=copy.copy(event))
    if request.method == "POST" and editor.is_valid():
        try:
            saved = services.save_event(
                editor.form.instance,
                actor=request.user,
                expected_version=editor.form.cleaned_data["version"],
                changed=editor.changed,
                new_venue=editor.new_venue,
                save_related=editor.save_related,
            )
        except services.EditConflictError as conflict:
            return refuse_conflicting_save(request, editor, conflict.current)
        messages.success(request, _("The event was saved."))
        return redirect("events:dashboard", saved.slug)
    return render(request, "events/event_form.html", {"editor": editor, "event": event})


def refuse_conflicting_save(
    request: HttpRequest, editor: EventEditor, current: Event
) -> HttpResponse:
    """The form again with what was typed, who saved in between, and where they differ."""
    last_save = timeline(current).filter(action="events.event.saved").first()
    editor.accept_version(current.version)
    context = {
        "editor": editor,
        "event": current,
        "conflict": {"entry": last_save, "fields": editor.conflicting_fields(current)},
    }
    return render(request, "events/event_form.html", context, status=409)
