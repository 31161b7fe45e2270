"""Programme staff's pages for one event: dashboard, lists, approvals, waiting list,
invitations, exports, badges, certificates and door staff."""

from datetime import date

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pazanga.common.audit import timeline
from pazanga.common.exports import KINDS as EXPORT_KINDS
from pazanga.common.pagination import paginate
from pazanga.common.redirects import redirect_back
from pazanga.common.refusals import Refusal
from pazanga.common.uploads import upload_quota
from pazanga.directory.models import User
from pazanga.events import access, queries, services, workflow
from pazanga.events.access import programme_staff_required
from pazanga.events.calendar import site_url
from pazanga.events.documents import badges_pdf, certificate_pdf
from pazanga.events.enums import EventStatus, RegistrationStatus
from pazanga.events.exports import AttendeeExport
from pazanga.events.forms import (
    DoorStaffForm,
    EventFilterForm,
    InvitationUploadForm,
    RegistrationFilterForm,
)
from pazanga.events.invitations import Invitee, read_invitees
from pazanga.events.models import Certificate, Event
from pazanga.events.tokens import checkin_code
from pazanga.events.views.common import language, scan_url

INVITEES_SALT = "pazanga.events.invitees"
DECISIONS = {
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.REJECTED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.CANCELLED,
}


@programme_staff_required
def event_admin_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    events = queries.staff_events(data.get("q", ""), data.get("status", ""))
    return render(
        request, "events/manage_list.html", {"form": form, "page": paginate(request, events, 25)}
    )


@programme_staff_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.staff_event_for(slug)
    context = {
        "event": event,
        "board": queries.dashboard(event),
        "entries": timeline(event)[:50],
        "next_statuses": sorted(workflow.EVENT_TRANSITIONS[event.status]),
    }
    return render(request, "events/dashboard.html", context)


@programme_staff_required
def change_status(request: HttpRequest, slug: str, to: str) -> HttpResponse:
    event = access.staff_event_for(slug)
    if to not in workflow.EVENT_TRANSITIONS[event.status]:
        messages.error(request, _("The event cannot move to that status."))
        return redirect("events:dashboard", slug)
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        return render(request, "events/status_confirm.html", {"event": event, "to": to})
    note = request.POST.get("note", "")[:500]
    if to == EventStatus.CANCELLED:
        services.cancel_event(event, actor=request.user, note=note)
        messages.success(request, _("The event was cancelled and the registrants were told."))
    else:
        workflow.change_event_status(event, to, actor=request.user, note=note)
        messages.success(request, _("The event was published."))
    return redirect("events:dashboard", slug)


def back(request: HttpRequest, *fallback: object) -> HttpResponse:
    """Back to the list the action was taken from (a local address only), or to `fallback`."""
    return redirect_back(request, *fallback)


def filters_from(
    request: HttpRequest, event: Event
) -> tuple[RegistrationFilterForm, queries.RegistrationFilters]:
    form = RegistrationFilterForm(request.GET or None, event=event)
    if not form.is_valid():
        return form, queries.RegistrationFilters()
    data = form.cleaned_data
    attended = date.fromisoformat(data["attended_on"]) if data["attended_on"] else None
    return form, queries.RegistrationFilters(
        status=data["status"], category=data["category"], text=data["q"], attended_on=attended
    )


@programme_staff_required
def registration_list(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.staff_event_for(slug)
    form, filters = filters_from(request, event)
    page = paginate(request, queries.event_registrations(event, filters), 50)
    return render(
        request,
        "events/registration_list.html",
        {"event": event, "form": form, "page": page, "export_kinds": EXPORT_KINDS},
    )


@programme_staff_required
def export(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    event = access.staff_event_for(slug)
    if kind not in EXPORT_KINDS:
        return redirect("events:registrations", slug)
    _form, filters = filters_from(request, event)
    return AttendeeExport(event, queries.event_registrations(event, filters)).response(kind)


@programme_staff_required
def registration_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access.staff_event_for(slug)
    registration = access.registration_of(event, pk)
    context = {
        "event": event,
        "registration": registration,
        "next_statuses": sorted(workflow.TRANSITIONS[registration.status] & DECISIONS),
        "attendances": registration.attendances.all(),
        "certificates": registration.certificates.all(),
        "entries": timeline(registration),
    }
    return render(request, "events/registration_detail.html", context)


@programme_staff_required
@require_POST
def decide(request: HttpRequest, slug: str, pk: int, to: str) -> HttpResponse:
    event = access.staff_event_for(slug)
    registration = access.registration_of(event, pk)
    if to not in DECISIONS:
        messages.error(request, _("The registration cannot move to that status."))
        return redirect("events:registration", slug, pk)
    if to == RegistrationStatus.CANCELLED and request.POST.get("confirm") != "yes":
        return render(
            request,
            "events/registration_cancel_confirm.html",
            {"event": event, "registration": registration},
        )
    try:
        workflow.transition(
            registration, to, actor=request.user, note=request.POST.get("note", "")[:500]
        )
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("%(name)s: %(status)s.")
            % {"name": registration.full_name, "status": registration.get_status_display()},
        )
    return back(request, "events:registration", slug, pk)


@programme_staff_required
def waiting_list(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.staff_event_for(slug)
    if request.method == "POST":
        offered = workflow.offer_free_seats(event, actor=request.user)
        count = len(offered)
        messages.success(
            request,
            ngettext("%(count)d seat was offered.", "%(count)d seats were offered.", count)
            % {"count": count},
        )
        return redirect("events:waiting_list", slug)
    page = paginate(request, queries.waiting_list(event), 50)
    actions = [
        (RegistrationStatus.OFFERED, _("Offer a seat")),
        (RegistrationStatus.CANCELLED, _("Remove")),
    ]
    return render(
        request,
        "events/waiting_list.html",
        {"event": event, "page": page, "waiting_actions": actions},
    )


@programme_staff_required
def approvals(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.staff_event_for(slug)
    page = paginate(request, queries.approval_queue(event), 50)
    actions = [
        (RegistrationStatus.CONFIRMED, _("Approve")),
        (RegistrationStatus.REJECTED, _("Reject")),
    ]
    return render(
        request,
        "events/approvals.html",
        {"event": event, "page": page, "approval_actions": actions},
    )


@programme_staff_required
@upload_quota
def invitations(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload a file, see its problems by row and column, then import the good rows."""
    event = access.staff_event_for(slug)
    if request.method == "POST" and "confirm" in request.POST:
        return import_confirmed(request, event)
    form = InvitationUploadForm(request.POST or None, request.FILES or None)
    context = {
        "event": event,
        "form": form,
        "page": paginate(
            request,
            event.invitations.select_related("category", "registration").order_by("email"),
            50,
        ),
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = read_invitees(upload, upload.checked_kind, event)
        context.update(
            result=result,
            signed=signing.dumps([i.as_dict() for i in result.invitees], salt=INVITEES_SALT),
        )
        if not result.problems and result.invitees:
            return import_confirmed(request, event, result.invitees)
    return render(request, "events/invitations.html", context)


def import_confirmed(
    request: HttpRequest, event: Event, invitees: list[Invitee] | None = None
) -> HttpResponse:
    if invitees is None:
        try:
            rows = signing.loads(request.POST.get("signed", ""), salt=INVITEES_SALT)
        except signing.BadSignature:
            messages.error(request, _("The list was altered; upload the file again."))
            return redirect("events:invitations", event.slug)
        invitees = [Invitee(**row) for row in rows]
    created, skipped = services.import_invitations(event, invitees, actor=request.user)
    messages.success(
        request,
        ngettext("%(count)d invitation was sent.", "%(count)d invitations were sent.", len(created))
        % {"count": len(created)},
    )
    if skipped:
        messages.info(
            request,
            ngettext(
                "%(count)d person had already been invited.",
                "%(count)d people had already been invited.",
                skipped,
            )
            % {"count": skipped},
        )
    return redirect("events:invitations", event.slug)


@programme_staff_required
def badges(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.staff_event_for(slug)
    _form, filters = filters_from(request, event)
    if not filters.status:
        filters = queries.RegistrationFilters(
            status=RegistrationStatus.CONFIRMED, category=filters.category, text=filters.text
        )
    registrations = list(queries.event_registrations(event, filters))
    codes = {r.pk: scan_url(checkin_code(r)) for r in registrations}
    response = HttpResponse(
        badges_pdf(event, registrations, codes, language()), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{event.slug}-badges.pdf"'
    return response


@programme_staff_required
def certificates(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.staff_event_for(slug)
    if request.method == "POST":
        issued = services.issue_certificates(event, actor=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d certificate is ready.", "%(count)d certificates are ready.", len(issued)
            )
            % {"count": len(issued)},
        )
        return redirect("events:certificates", slug)
    issued = (
        Certificate.objects.filter(registration__event=event)
        .select_related("registration")
        .order_by("serial")
    )
    return render(
        request, "events/certificates.html", {"event": event, "page": paginate(request, issued, 50)}
    )


@programme_staff_required
def certificate_file(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = access.staff_event_for(slug)
    certificate = access.certificate_of(event, pk)
    holder_language = certificate.registration.language
    url = site_url(certificate.get_absolute_url, holder_language)
    response = HttpResponse(
        certificate_pdf(certificate, url, holder_language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{certificate.serial}.pdf"'
    return response


@programme_staff_required
def door_staff(request: HttpRequest, slug: str) -> HttpResponse:
    event = access.staff_event_for(slug)
    form = DoorStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if user is None:
            form.add_error("email", _("No registered user has this e-mail address."))
        else:
            services.add_door_staff(event, user, actor=request.user)
            messages.success(request, _("%(name)s may now check people in.") % {"name": user})
            return redirect("events:door_staff", slug)
    people = event.door_staff.select_related("user")
    return render(
        request, "events/door_staff.html", {"event": event, "form": form, "people": people}
    )
