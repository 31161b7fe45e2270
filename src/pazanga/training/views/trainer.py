"""Trainers run their sessions: a phone-friendly attendance grid per day.

Only the session's own trainers and programme staff may open it; for anyone else the
page does not exist (404).
"""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from pazanga.common.pagination import paginate
from pazanga.common.refusals import Refusal
from pazanga.events.enums import AttendanceStatus, RegistrationStatus
from pazanga.training import access, queries, services
from pazanga.training.forms import AttendanceCellForm
from pazanga.training.models import Enrolment, Session


@login_required
def my_sessions(request: HttpRequest) -> HttpResponse:
    page = paginate(request, queries.sessions_of_trainer(request.user), 20)
    return render(request, "training/trainer/sessions.html", {"page": page})


def chosen_day(request: HttpRequest, session: Session) -> date:
    days = session.event.days
    try:
        asked = date.fromisoformat(request.GET.get("day") or request.POST.get("day") or "")
    except ValueError:
        asked = None
    if asked in days:
        return asked  # type: ignore[return-value]
    today = timezone.localdate()
    return today if today in days else days[0]


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The day's grid; each change posts one cell (HTMX swaps just that row)."""
    session = access.run_session_for(request.user, pk)
    day = chosen_day(request, session)
    error = ""
    if request.method == "POST":
        error, enrolment = save_cell(request, session)
        if request.headers.get("HX-Request") and enrolment is not None and not error:
            row = grid_rows(session, day, only=enrolment.pk)[0]
            return render(
                request,
                "training/trainer/_row.html",
                {"row": row, "day": day, "session": session, "statuses": AttendanceStatus.choices},
            )
    context = {
        "session": session,
        "day": day,
        "rows": grid_rows(session, day),
        "statuses": AttendanceStatus.choices,
        "error": error,
    }
    return render(
        request, "training/trainer/attendance.html", context, status=400 if error else 200
    )


def save_cell(request: HttpRequest, session: Session) -> tuple[str, Enrolment | None]:
    form = AttendanceCellForm(request.POST)
    if not form.is_valid():
        return _("Choose a participant, a day and an attendance status."), None
    enrolment = (
        Enrolment.objects.filter(pk=form.cleaned_data["enrolment"], session=session)
        .select_related("registration__event", "session")
        .first()
    )
    if enrolment is None:
        return Refusal("training.not_enrolled").message, None
    try:
        services.record_attendance(
            session,
            enrolment,
            day=form.cleaned_data["day"],
            status=form.cleaned_data["status"],
            actor=request.user,
        )
    except Refusal as refusal:
        return refusal.message, enrolment
    return "", enrolment


def grid_rows(session: Session, day: date, only: int | None = None) -> list[dict[str, object]]:
    enrolments = queries.session_enrolments(session).filter(
        registration__status=RegistrationStatus.CONFIRMED
    )
    if only is not None:
        enrolments = enrolments.filter(pk=only)
    rows = []
    for enrolment in enrolments:
        marks = {a.day: a.status for a in enrolment.registration.attendances.all()}
        rows.append(
            {
                "enrolment": enrolment,
                "status": marks.get(day, ""),
                "percent": queries.attendance_of(enrolment, session),
            }
        )
    return rows
