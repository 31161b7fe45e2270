"""Check-in at the door (QR scan, code or name search, walk-ins) and attendance per day.

Programme staff and the event's door staff may use these pages; for anyone else the
event's check-in pages do not exist (404).
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pazanga.common.pagination import paginate
from pazanga.common.refusals import Refusal
from pazanga.events import access, queries, services
from pazanga.events.enums import AttendanceStatus, RegistrationStatus
from pazanga.events.forms import AttendanceForm, CheckInSearchForm, WalkInForm
from pazanga.events.models import Event, Registration
from pazanga.events.tokens import BadCodeError, read_checkin_code
from pazanga.events.views.common import language


def chosen_day(request: HttpRequest, event: Event) -> date:
    """The day being checked in: ?day=, else today when the event runs, else its first day."""
    days = event.days
    text = request.GET.get("day") or request.POST.get("day") or ""
    try:
        asked = date.fromisoformat(text)
    except ValueError:
        asked = None
    if asked in days:
        return asked  # type: ignore[return-value]
    today = timezone.localdate()
    return today if today in days else days[0]


@login_required
def check_in_events(request: HttpRequest) -> HttpResponse:
    events = access.events_for_check_in(request.user)
    return render(request, "events/check_in_events.html", {"page": paginate(request, events, 20)})


@login_required
def check_in_page(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.door_event_for(request.user, slug)
    day = chosen_day(request, event)
    outcome: dict[str, object] = {}
    if request.method == "POST":
        outcome = check_in_from_post(request, event, day)
    search = CheckInSearchForm(request.GET or None)
    found: list[Registration] = []
    if search.is_valid() and search.cleaned_data["q"]:
        filters = queries.RegistrationFilters(
            status=RegistrationStatus.CONFIRMED, text=search.cleaned_data["q"]
        )
        found = list(queries.event_registrations(event, filters)[:20])
    context = {
        "event": event,
        "day": day,
        "search": search,
        "found": found,
        "board": queries.dashboard(event),
        **outcome,
    }
    partial = request.headers.get("HX-Request") == "true"
    template = "events/_check_in_result.html" if partial else "events/check_in.html"
    return render(request, template, context)


def check_in_from_post(request: HttpRequest, event: Event, day: date) -> dict[str, object]:
    try:
        if request.POST.get("registration"):
            registration = access.registration_of(event, request.POST["registration"])
        else:
            registration = services.registration_for_code(event, request.POST.get("code", ""))
        result = services.check_in(registration, day=day, actor=request.user)
    except Refusal as refusal:
        return {"error": refusal.message}
    return {"result": result}


def scan_link(request: HttpRequest, code: str) -> HttpResponse:
    """Where a check-in QR code leads: door staff check the person in; others see a note."""
    try:
        parsed = read_checkin_code(code)
    except BadCodeError:
        return render(request, "events/invalid_link.html", status=404)
    event = Event.objects.filter(pk=parsed.event_id).first()
    if event is None or not access.may_check_in(request.user, event):
        return render(request, "events/scan_note.html", {"event": event})
    day = chosen_day(request, event)
    try:
        registration = services.registration_for_code(event, code)
        result = services.check_in(registration, day=day, actor=request.user)
    except Refusal as refusal:
        context = {"event": event, "day": day, "error": refusal.message}
    else:
        context = {"event": event, "day": day, "result": result}
    return render(request, "events/scan_result.html", context)


@login_required
def walk_in(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.door_event_for(request.user, slug)
    day = chosen_day(request, event)
    form = WalkInForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            registration, _result = services.register_walk_in(
                event,
                category=form.cleaned_data["category"],
                registrant=form.registrant(language()),
                day=day,
                actor=request.user,
            )
        except Refusal as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("%(name)s was registered and checked in.") % {"name": registration.full_name},
            )
            return redirect(f"{request.path.rsplit('walk-in/', 1)[0]}?day={day.isoformat()}")
    return render(request, "events/walk_in.html", {"event": event, "form": form, "day": day})


@login_required
def attendance(request: HttpRequest, slug: str) -> HttpResponse:
    """Attendance per day for every confirmed registrant; each cell is saved on change."""
    event = access.door_event_for(request.user, slug)
    day = chosen_day(request, event)
    error = ""
    if request.method == "POST":
        form = AttendanceForm(request.POST)
        if form.is_valid():
            registration = access.registration_of(event, form.cleaned_data["registration"])
            try:
                services.record_attendance(
                    registration,
                    day=form.cleaned_data["day"],
                    status=form.cleaned_data["status"],
                    actor=request.user,
                )
            except Refusal as refusal:
                error = refusal.message
        else:
            error = _("Choose one of the attendance statuses.")
    search = CheckInSearchForm(request.GET or None)
    text = search.cleaned_data["q"] if search.is_valid() else ""
    registrations = queries.event_registrations(
        event, queries.RegistrationFilters(status=RegistrationStatus.CONFIRMED, text=text)
    )
    page = paginate(request, registrations, 50)
    rows = [
        (r, next((a.status for a in r.attendances.all() if a.day == day), ""))
        for r in page.object_list
    ]
    context = {
        "event": event,
        "day": day,
        "page": page,
        "rows": rows,
        "statuses": AttendanceStatus.choices,
        "search": search,
        "error": error,
    }
    return render(request, "events/attendance.html", context)
