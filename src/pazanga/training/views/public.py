"""Public pages: the training calendar, a session's page and the curriculum."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pazanga.common.pagination import paginate
from pazanga.events.capacity import free_seats
from pazanga.programme.enums import Role
from pazanga.programme.permissions import has_role, is_programme_staff
from pazanga.training import access, queries
from pazanga.training.forms import CalendarFilterForm
from pazanga.training.models import Course


def calendar(request: HttpRequest) -> HttpResponse:
    form = CalendarFilterForm(request.GET or None)
    filters = queries.CalendarFilters()
    if form.is_valid():
        filters = queries.CalendarFilters(
            module=form.cleaned_data["module"],
            county=form.cleaned_data["county"],
            month=form.cleaned_data["month"],
            past=form.cleaned_data["past"],
        )
    page = paginate(request, queries.calendar(filters), 20)
    return render(request, "training/calendar.html", {"form": form, "page": page})


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.visible_session_for(request.user, pk)
    own = None
    if request.user.is_authenticated:
        own = queries.enrolments_of(request.user).filter(session=session).first()
    context = {
        "session": session,
        "event": session.event,
        "free": free_seats(session.event),
        "own": own,
        "may_enrol": has_role(request.user, Role.LIBRARY_STAFF),
        "may_run": access.may_run(request.user, session),
        "is_staff": is_programme_staff(request.user),
    }
    return render(request, "training/session_detail.html", context)


def curriculum(request: HttpRequest) -> HttpResponse:
    modules = queries.curriculum_modules()
    courses = Course.objects.prefetch_related("modules").order_by("code")
    return render(request, "training/curriculum.html", {"modules": modules, "courses": courses})
