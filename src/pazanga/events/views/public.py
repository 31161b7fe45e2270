"""Public pages: event lists, the event page, registration, the registrant's own page,
calendar files and certificate verification."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pazanga.common.pagination import paginate
from pazanga.common.ratelimit import rate_limit
from pazanga.common.refusals import Refusal
from pazanga.common.uploads import upload_quota
from pazanga.events import access, queries, services, workflow
from pazanga.events.calendar import calendar_bytes, event_ics
from pazanga.events.documents import qr_svg
from pazanga.events.entries import entry_elsewhere
from pazanga.events.enums import RegistrationStatus
from pazanga.events.forms import RegistrationForm
from pazanga.events.models import Event, Invitation, Registration
from pazanga.events.tokens import BadCodeError, checkin_code, secret_from_link_token
from pazanga.events.views.common import invalid_link, language, scan_url
from pazanga.programme.permissions import is_programme_staff

ICS = "text/calendar; charset=utf-8"


def event_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/event_list.html",
        {"events": queries.upcoming_public_events(), "past": queries.past_public_events()[:5]},
    )


def past_events(request: HttpRequest) -> HttpResponse:
    page = paginate(request, queries.past_public_events(), 20)
    return render(request, "events/past_events.html", {"page": page})


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.visible_event_for(request.user, slug)
    context = {
        "event": event,
        "agenda": event.agenda.all(),
        "categories": event.categories.all(),
        "registration_open": event.registration_is_open(),
        "entry_elsewhere": entry_elsewhere(event),
        "is_staff": is_programme_staff(request.user),
    }
    return render(request, "events/event_detail.html", context)


def event_ics_file(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.visible_event_for(request.user, slug)
    response = HttpResponse(event_ics(event, language()), content_type=ICS)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def calendar_feed(request: HttpRequest) -> HttpResponse:
    chosen = request.GET.get("lang", "lt")
    feed_language = chosen if chosen in ("lt", "en") else "lt"
    name = "Pažanga" if feed_language == "lt" else "Pažanga events"
    body = calendar_bytes(queries.public_feed_events(), feed_language, name=name)
    return HttpResponse(body, content_type=ICS)


def invitation_from(request: HttpRequest, event: Event) -> Invitation | None:
    token = request.GET.get("invitation") or request.POST.get("invitation") or ""
    if not token:
        return None
    return Invitation.objects.filter(event=event, token=token).first()


@rate_limit("event_registration", per_url_argument="slug")
@upload_quota
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.visible_event_for(request.user, slug)
    entry = entry_elsewhere(event)
    if entry:
        # A training session's places are taken through its enrolment, never here.
        return redirect(entry)
    invitation = invitation_from(request, event)
    if (request.GET.get("invitation") or request.POST.get("invitation")) and invitation is None:
        return invalid_link(request)
    form = RegistrationForm(
        request.POST or None, event=event, user=request.user, invitation=invitation
    )
    answer_form = extra_questions_form(event, request)
    if (
        request.method == "POST"
        and form.is_valid()
        and (answer_form is None or answer_form.is_valid())
    ):
        try:
            registration = services.register(
                event,
                category=form.cleaned_data["category"],
                registrant=form.registrant(),
                user=request.user,
                invitation=invitation,
                consent=form.cleaned_data.get("consent", False),
                answers=answer_form.answers if answer_form is not None else None,
            )
        except Refusal as refusal:
            earlier = request.session.get(session_key(event))
            if refusal.code == "events.already" and earlier:
                # A double click: the first request registered; show its result.
                return redirect("events:my_registration", earlier)
            form.add_error(None, refusal.message)
        else:
            if registration.status == RegistrationStatus.UNVERIFIED:
                # The registration page is reached only through the link sent to the address.
                return render(
                    request,
                    "events/check_email.html",
                    {"event": event, "email": registration.email},
                )
            token = registration_token(registration)
            request.session[session_key(event)] = token
            messages.success(request, status_message(registration))
            return redirect("events:my_registration", token)
    context = {
        "event": event,
        "form": form,
        "answer_form": answer_form,
        "invitation": invitation,
        "registration_open": event.registration_is_open(),
    }
    return render(request, "events/register.html", context)


def session_key(event: Event) -> str:
    return f"events.registered.{event.pk}"


def extra_questions_form(event: Event, request: HttpRequest):  # type: ignore[no-untyped-def]
    """The questionnaire engine's form for the event's extra questions, if it has any."""
    if event.questionnaire is None or not event.questionnaire.accepts_answers:
        return None
    from pazanga.questionnaires.answer_forms import AnswerForm
    from pazanga.questionnaires.engine import load_definition

    definition = load_definition(event.questionnaire)
    return AnswerForm(definition, request.POST or None, request.FILES or None, prefix="q")


def registration_token(registration: Registration) -> str:
    from pazanga.events.tokens import registration_link_token

    return registration_link_token(registration)


def status_message(registration: Registration) -> str:
    return {
        RegistrationStatus.CONFIRMED: _("You are registered. We sent a confirmation by e-mail."),
        RegistrationStatus.PENDING: _(
            "Your registration was received and waits for approval. We will let you know."
        ),
        RegistrationStatus.WAITLISTED: _(
            "The event is full: you are on the waiting list. We will e-mail you if a seat frees up."
        ),
    }.get(registration.status, registration.get_status_display())


def registration_from_token(token: str) -> Registration | None:
    try:
        secret = secret_from_link_token(token)
    except BadCodeError:
        return None
    return queries.registration_by_secret(secret)


def my_registration(request: HttpRequest, token: str) -> HttpResponse:
    registration = registration_from_token(token)
    if registration is None:
        return invalid_link(request)
    if request.method == "POST":
        return act_on_own_registration(request, registration, token)
    context = {
        "registration": registration,
        "event": registration.event,
        "token": token,
        "scan_url": scan_url(checkin_code(registration)),
    }
    return render(request, "events/my_registration.html", context)


def act_on_own_registration(
    request: HttpRequest, registration: Registration, token: str
) -> HttpResponse:
    action = request.POST.get("action")
    try:
        if action == "confirm_address":
            confirmed = services.confirm_address(registration, actor=request.user)
            messages.success(request, status_message(confirmed))
        elif registration.status == RegistrationStatus.UNVERIFIED:
            raise Http404  # nothing else is done to a registration nobody confirmed
        elif action == "accept":
            accepted = services.accept_offer(registration, actor=request.user)
            messages.success(request, acceptance_message(accepted))
        elif action == "cancel" and request.POST.get("confirm") == "yes":
            workflow.transition(registration, RegistrationStatus.CANCELLED, actor=request.user)
            messages.success(request, _("Your registration was cancelled."))
        elif action == "cancel":
            return render(
                request,
                "events/cancel_confirm.html",
                {"registration": registration, "event": registration.event, "token": token},
            )
    except Refusal as refusal:
        messages.error(request, refusal.message)
    return redirect("events:my_registration", token)


def acceptance_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.PENDING:
        return _(
            "The seat is held for you while the organisers approve your registration; "
            "we will write to you when they decide."
        )
    return _("The seat is yours. We sent a confirmation by e-mail.")


def my_registration_ics(request: HttpRequest, token: str) -> HttpResponse:
    registration = registration_from_token(token)
    if registration is None or registration.status == RegistrationStatus.UNVERIFIED:
        raise Http404
    response = HttpResponse(event_ics(registration.event, language()), content_type=ICS)
    response["Content-Disposition"] = f'attachment; filename="{registration.event.slug}.ics"'
    return response


def my_registration_qr(request: HttpRequest, token: str) -> HttpResponse:
    registration = registration_from_token(token)
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        raise Http404
    return HttpResponse(qr_svg(scan_url(checkin_code(registration))), content_type="image/svg+xml")


@login_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    registrations = [
        (registration, registration_token(registration))
        for registration in queries.registrations_of(request.user)
    ]
    return render(request, "events/my_registrations.html", {"registrations": registrations})


def verify_certificate(request: HttpRequest, token: str) -> HttpResponse:
    certificate = queries.certificate_by_token(token)
    if certificate is None:
        return render(request, "events/certificate_unknown.html", status=404)
    return render(request, "events/certificate_verify.html", {"certificate": certificate})
