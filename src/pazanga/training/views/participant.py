"""A participant's pages: enrolling, their enrolment, its questionnaires, their record."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from pazanga.common.refusals import Refusal
from pazanga.directory.models import User
from pazanga.events.enums import EventStatus, RegistrationStatus
from pazanga.programme.permissions import libraries_of
from pazanga.questionnaires.engine import load_definition
from pazanga.questionnaires.views.answering import Store, run
from pazanga.training import access, queries, services
from pazanga.training.access import library_staff_required
from pazanga.training.enums import Instrument

STATUS_MESSAGES = {
    RegistrationStatus.PENDING: _(
        "Your application is waiting for approval by the programme team."
    ),
    RegistrationStatus.WAITLISTED: _("The session is full: you are on the waiting list."),
    RegistrationStatus.CONFIRMED: _("Your place is confirmed."),
}


@library_staff_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page, then the application (services.enrol)."""
    session = access.visible_session_for(request.user, pk)
    if session.event.status == EventStatus.CANCELLED:
        messages.error(request, Refusal("training.session_cancelled").message)
        return redirect(session.get_absolute_url())
    libraries = libraries_of(request.user)
    if request.method == "POST":
        chosen = next((x for x in libraries if str(x.pk) == request.POST.get("library")), None)
        try:
            enrolment = services.enrol(session, request.user, library=chosen, actor=request.user)
        except Refusal as refusal:
            messages.error(request, refusal.message)
            return redirect(session.get_absolute_url())
        messages.success(request, str(STATUS_MESSAGES.get(enrolment.registration.status, "")))
        return redirect(enrolment.get_absolute_url())
    return render(
        request, "training/enrol_confirm.html", {"session": session, "libraries": libraries}
    )


@login_required
def enrolment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = access.enrolment_for(request.user, pk)
    answered = queries.respondents(enrolment.session, [enrolment])
    instruments = [
        (value, label, value in answered.codes, value not in answered.missing(enrolment, (value,)))
        for value, label in Instrument.choices
    ]
    context = {
        "enrolment": enrolment,
        "session": enrolment.session,
        "attendance": queries.attendance_of(enrolment),
        "attendances": enrolment.registration.attendances.order_by("day"),
        "instruments": instruments,
        "completions": enrolment.completions.select_related("module", "certificate"),
        "status_message": STATUS_MESSAGES.get(enrolment.registration.status, ""),
    }
    return render(request, "training/enrolment_detail.html", context)


@login_required
def answer(request: HttpRequest, pk: int, instrument: str) -> HttpResponse:
    """The participant answers one of the session's questionnaires about this enrolment."""
    if instrument not in Instrument.values:
        raise Http404
    enrolment = access.own_enrolment_for(request.user, pk)
    language = (translation.get_language() or "lt").split("-")[0]
    try:
        response = services.start_instrument(enrolment, instrument, language=language)
    except Refusal as refusal:
        messages.error(request, refusal.message)
        return redirect(enrolment.get_absolute_url())
    definition = load_definition(response.questionnaire)
    store = Store(response.answers, response.page, response=response)
    thanks = reverse("training:answered", args=[enrolment.pk, instrument])
    return run(request, definition, store, here=request.path, thanks=thanks)


@login_required
def answered(request: HttpRequest, pk: int, instrument: str) -> HttpResponse:
    enrolment = access.enrolment_for(request.user, pk)
    response = queries.submitted_response(enrolment, instrument)
    if response is None:
        raise Http404
    return render(
        request,
        "training/answered.html",
        {"enrolment": enrolment, "response": response, "instrument": Instrument(instrument)},
    )


@login_required
def my_record(request: HttpRequest) -> HttpResponse:
    return record_page(request, request.user)


@login_required
def person_record(request: HttpRequest, pk: int) -> HttpResponse:
    return record_page(request, access.person_for(request.user, pk))


def record_page(request: HttpRequest, person: User) -> HttpResponse:
    completions = list(queries.completions_of(person))
    hours = sum((c.module.hours for c in completions), start=Decimal(0))
    context = {
        "person": person,
        "completions": completions,
        "hours": hours,
        "enrolments": queries.enrolments_of(person),
    }
    return render(request, "training/record.html", context)
