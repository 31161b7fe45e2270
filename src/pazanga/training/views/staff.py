"""Programme staff: plan sessions, decide on enrolments, completion and reminders."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pazanga.common.audit import timeline
from pazanga.common.pagination import paginate
from pazanga.common.redirects import redirect_back
from pazanga.common.refusals import Refusal
from pazanga.events.enums import ACTIVE_STATUSES, EventStatus, RegistrationStatus
from pazanga.events.services import EditConflictError
from pazanga.training import access, queries, reminders, services, workflow
from pazanga.training.access import programme_staff_required
from pazanga.training.enums import Instrument
from pazanga.training.forms import DecisionForm, SessionPlanForm, TrainerForm
from pazanga.training.models import Session, Trainer

# Decisions that take something away from a person get a confirmation page first.
CONFIRMED_DECISIONS = {RegistrationStatus.REJECTED, RegistrationStatus.CANCELLED}


@programme_staff_required
def session_list(request: HttpRequest) -> HttpResponse:
    sessions = (
        access.programme_sessions()
        .annotate(
            pending=Count(
                "enrolments",
                filter=Q(enrolments__registration__status=RegistrationStatus.PENDING),
            ),
            confirmed=Count(
                "enrolments",
                filter=Q(enrolments__registration__status=RegistrationStatus.CONFIRMED),
            ),
        )
        .order_by("-event__starts_at", "pk")
    )
    text = request.GET.get("q", "").strip()
    for word in text.split():
        sessions = sessions.filter(
            Q(event__title_lt__icontains=word) | Q(municipality__name_lt__icontains=word)
        )
    page = paginate(request, sessions, 25)
    return render(request, "training/manage/session_list.html", {"page": page, "q": text})


@programme_staff_required
def plan_session(request: HttpRequest) -> HttpResponse:
    return session_form(request, None)


@programme_staff_required
def edit_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.staff_session_for(request.user, pk)
    if session.event.status == EventStatus.CANCELLED:
        messages.error(request, Refusal("training.session_cancelled").message)
        return redirect("training:manage_session", session.pk)
    return session_form(request, session)


def session_form(request: HttpRequest, session: Session | None) -> HttpResponse:
    """The planning form, for a new session or (with `session`) an edit of one."""
    form = SessionPlanForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_session(
                form.plan(),
                actor=request.user,
                session=session,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflictError as conflict:
            current = access.staff_session_for(request.user, conflict.current.session.pk)
            return refuse_conflicting_save(request, form, current)
        except Refusal as refusal:
            if refusal.field in form.fields:
                form.add_error(refusal.field, refusal.message)
            else:
                messages.error(request, refusal.message)
        else:
            done = _("The session is planned.") if session is None else _("The session is saved.")
            messages.success(request, done)
            return redirect("training:manage_session", saved.pk)
    return render(request, "training/manage/plan.html", {"form": form, "session": session})


def refuse_conflicting_save(
    request: HttpRequest, form: SessionPlanForm, current: Session
) -> HttpResponse:
    """The form again with what was typed, who saved in between, and where they differ."""
    last_save = timeline(current).filter(action="training.session.saved").first()
    fields = form.conflicting_fields(current)
    form.accept_version(current.event.version)
    context = {
        "form": form,
        "session": current,
        "conflict": {"entry": last_save, "fields": fields},
    }
    return render(request, "training/manage/plan.html", context, status=409)


@programme_staff_required
def cancel_session(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page, then services.cancel_session (everyone who applied is told)."""
    session = access.staff_session_for(request.user, pk)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_session(session, actor=request.user, note=form.cleaned_data["note"])
        except Refusal as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("The session is cancelled; everyone who applied is told by e-mail.")
            )
        return redirect("training:manage_session", session.pk)
    active = session.enrolments.filter(registration__status__in=ACTIVE_STATUSES).count()
    return render(
        request,
        "training/manage/cancel_confirm.html",
        {"session": session, "form": form, "active": active},
    )


@programme_staff_required
def manage_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.staff_session_for(request.user, pk)
    enrolments = list(queries.session_enrolments(session))
    answered = queries.respondents(session, enrolments)
    rows = [
        {
            "enrolment": e,
            "attendance": queries.attendance_of(e, session),
            "missing": answered.missing(e, tuple(Instrument.values)),
        }
        for e in enrolments
    ]
    context = {
        "session": session,
        "rows": rows,
        "instruments": answered.codes,
        "timeline": timeline(session)[:20],
    }
    return render(request, "training/manage/session.html", context)


@programme_staff_required
def approvals(request: HttpRequest) -> HttpResponse:
    queue = access.programme_approval_queue(request.GET.get("session"))
    page = paginate(request, queue, 50)
    return render(request, "training/manage/approvals.html", {"page": page})


@programme_staff_required
def decide(request: HttpRequest, pk: int, to: str) -> HttpResponse:
    if to not in workflow.TRANSITIONS:
        raise Http404
    enrolment = access.staff_enrolment_for(request.user, pk)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    needs_confirmation = to in CONFIRMED_DECISIONS and "confirmed" not in request.POST
    if request.method == "POST" and not needs_confirmation and form.is_valid():
        try:
            workflow.transition(enrolment, to, actor=request.user, note=form.cleaned_data["note"])
        except Refusal as refusal:  # a second click, a seat gone, a page out of date
            messages.error(request, refusal.message)
        else:
            messages.success(
                request, _("Decision saved; the applicant and their director are told.")
            )
        return back(request, "training:approvals")
    return render(
        request,
        "training/manage/decide_confirm.html",
        {"enrolment": enrolment, "to": to, "form": form, "label": RegistrationStatus(to).label},
    )


def back(request: HttpRequest, fallback: str) -> HttpResponse:
    """To the page the form was sent from (`next`, an address of this site only), else to
    `fallback`: a link from elsewhere must not send staff to another site."""
    return redirect_back(request, fallback)


@programme_staff_required
@require_POST
def complete_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.staff_session_for(request.user, pk)
    result = services.complete_session(session, actor=request.user)
    messages.success(
        request,
        _("Completed: %(done)d; not completed: %(refused)d.")
        % {"done": len(result.completed), "refused": len(result.refused)},
    )
    for enrolment, reason in result.refused[:20]:
        messages.warning(request, f"{enrolment.person}: {reason}")
    return redirect("training:manage_session", session.pk)


@programme_staff_required
@require_POST
def complete_enrolment(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = access.staff_enrolment_for(request.user, pk)
    try:
        services.complete(enrolment, actor=request.user)
    except Refusal as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The completion is recorded and the certificate issued."))
    return redirect("training:manage_session", enrolment.session_id)


@programme_staff_required
@require_POST
def send_reminders(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.staff_session_for(request.user, pk)
    sent = reminders.send_reminders(session=session)
    messages.success(request, _("Reminders sent: %(count)d.") % {"count": sent})
    return redirect("training:manage_session", session.pk)


@programme_staff_required
def trainer_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()
    page = paginate(request, queries.trainers_with_modules(text, access.programme_trainers()), 25)
    return render(request, "training/manage/trainer_list.html", {"page": page, "q": text})


@programme_staff_required
def add_trainer(request: HttpRequest) -> HttpResponse:
    return trainer_form(request, Trainer())


@programme_staff_required
def edit_trainer(request: HttpRequest, pk: int) -> HttpResponse:
    return trainer_form(request, access.trainer_for(request.user, pk))


def trainer_form(request: HttpRequest, trainer: Trainer) -> HttpResponse:
    form = TrainerForm(request.POST or None, instance=trainer)
    if request.method == "POST" and form.is_valid():
        services.save_trainer(
            form.save(commit=False), list(form.cleaned_data["modules"]), actor=request.user
        )
        messages.success(request, _("The trainer's profile is saved."))
        return redirect("training:trainers")
    return render(request, "training/manage/trainer_form.html", {"form": form, "trainer": trainer})
