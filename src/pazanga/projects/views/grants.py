"""A grant's own page and the agreement stage: targets, the agreement PDF, the signature,
the grant's status and its payments. Programme staff and the library's own staff only."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pazanga.common.pagination import paginate
from pazanga.common.refusals import Refusal
from pazanga.common.uploads import download, upload_quota
from pazanga.programme.permissions import libraries_of
from pazanga.projects import access, queries, services
from pazanga.projects.agreement import agreement_pdf
from pazanga.projects.enums import GrantStatus, ReportStatus, TrancheStatus
from pazanga.projects.forms import (
    CancelForm,
    GrantStatusForm,
    PaymentForm,
    SignatureForm,
    TargetsForm,
)
from pazanga.projects.history import grant_history
from pazanga.projects.models import Indicator, ReportExpense
from pazanga.projects.views.common import post_or_none, show_refusal

G = GrantStatus


@access.library_staff_required
def mine(request: HttpRequest) -> HttpResponse:
    """The library's own grants, with what each waits for."""
    libraries = [library.pk for library in libraries_of(request.user)]
    grants = queries.with_flags(
        access.programme_grants()
        .filter(library__in=libraries)
        .select_related("library", "call")
        .order_by("-awarded_on", "reference")
    )
    page = paginate(request, grants, 50)
    rows = [{"grant": g, "next": queries.next_due(g)} for g in page]
    return render(request, "projects/mine.html", {"page": page, "rows": rows})


def grant_context(request: HttpRequest, grant) -> dict:  # type: ignore[no-untyped-def]
    user = request.user
    manages = access.may_manage(user)
    acts = access.may_act_for(user, grant)
    spent: dict[int, object] = {}
    for line_id, amount in (
        ReportExpense.objects.filter(line__grant=grant)
        .exclude(report__status=ReportStatus.CANCELLED)
        .values_list("line_id", "amount")
    ):
        spent[line_id] = spent.get(line_id, 0) + amount  # type: ignore[operator]
    lines = list(grant.budget_lines.all())
    for line in lines:
        line.spent = spent.get(line.pk, 0)
    return {
        "grant": grant,
        "manages": manages,
        "acts": acts,
        "lines": lines,
        "tranches": list(grant.tranches.all()),
        "reports": list(grant.reports.all()),
        "amendments": list(
            grant.amendments.prefetch_related("changes__line").select_related("requested_by")
        ),
        "visits": list(grant.visits.select_related("officer")) if manages or acts else [],
        "results": queries.results_of(grant),
        "history": grant_history(grant),
        "payment_form": PaymentForm(initial={"paid_on": timezone.localdate()}),
        "fresh_payment_form": PaymentForm(initial={"paid_on": timezone.localdate()}),
        "status_form": GrantStatusForm(),
        "signature_form": SignatureForm(copy_required=not manages),
        "at_agreement": grant.status == G.AGREEMENT,
        "amendable": grant.status in (G.AGREEMENT, G.ACTIVE, G.REPORTING, G.SUSPENDED),
        "T": TrancheStatus,
        "G": G,
    }


@access.workers_required
def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access.grant_for(request.user, pk)
    return render(request, "projects/grant.html", grant_context(request, grant))


@access.workers_required
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access.grant_for(request.user, pk)
    response = HttpResponse(agreement_pdf(grant), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{grant.reference}-agreement.pdf"'
    return response


@access.workers_required
def signed_copy(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access.grant_for(request.user, pk)
    if not grant.signed_copy:
        raise Http404
    return download(grant.signed_copy, f"{grant.reference}-signed.pdf", "pdf")


@access.workers_required
def targets(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access.grant_for(request.user, pk)
    if not (access.may_manage(request.user) or access.may_act_for(request.user, grant)):
        raise Http404
    indicators = list(Indicator.objects.all())
    form = TargetsForm(post_or_none(request), grant=grant, indicators=indicators)
    if grant.status != G.AGREEMENT:
        messages.info(request, Refusal("projects.targets_locked").message)
        return redirect(grant)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_targets(grant, form.targets(), actor=request.user)
        except Refusal as refusal:
            show_refusal(request, refusal, form)
        else:
            messages.success(request, _("The targets were saved."))
            return redirect(grant)
    return render(request, "projects/targets.html", {"grant": grant, "form": form})


@require_POST
@access.workers_required
@upload_quota
def sign(request: HttpRequest, pk: int) -> HttpResponse:
    """The library uploads the signed copy, or staff record the signature: it starts."""
    grant = access.grant_for(request.user, pk)
    manages = access.may_manage(request.user)
    form = SignatureForm(request.POST, request.FILES, copy_required=not manages)
    if form.is_valid():
        try:
            services.sign_agreement(
                grant,
                signed_on=form.cleaned_data["signed_on"],
                signed_copy=form.cleaned_data.get("signed_copy"),
                actor=request.user,
            )
        except Refusal as refusal:
            show_refusal(request, refusal, form)
        else:
            messages.success(request, _("The agreement is signed: the project is under way."))
            return redirect(grant)
    context = grant_context(request, grant)
    context["signature_form"] = form
    return render(request, "projects/grant.html", context, status=400)


@require_POST
@access.programme_staff_required
def grant_status(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access.grant_for(request.user, pk)
    form = GrantStatusForm(request.POST)
    if form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            if action == "suspend":
                services.suspend_grant(grant, reason=reason, actor=request.user)
            elif action == "resume":
                services.resume_grant(grant, actor=request.user, note=reason)
            elif action == "terminate":
                services.terminate_grant(grant, reason=reason, actor=request.user)
            else:
                services.close_grant(grant, actor=request.user)
        except Refusal as refusal:
            show_refusal(request, refusal, form)
        else:
            messages.success(
                request,
                _("The project is now “%(status)s”.") % {"status": grant.get_status_display()},
            )
            return redirect(grant)
    context = grant_context(request, grant)
    context["status_form"] = form
    return render(request, "projects/grant.html", context, status=400)


@require_POST
@access.programme_staff_required
def tranche_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Approve a due payment, record a payment made, or cancel one."""
    tranche = access.tranche_for(pk)
    grant = access.grant_for(request.user, tranche.grant_id)
    form = None
    try:
        if action == "approve":
            services.approve_tranche(tranche, actor=request.user)
        elif action == "pay":
            form = PaymentForm(request.POST)
            if not form.is_valid():
                raise Refusal("projects.payment_date", field="paid_on")
            services.pay_tranche(
                tranche,
                paid_on=form.cleaned_data["paid_on"],
                reference=form.cleaned_data["payment_reference"],
                actor=request.user,
            )
        elif action == "cancel":
            form = CancelForm(request.POST)
            if not form.is_valid():
                raise Refusal("projects.reason_required", field="reason")
            services.cancel_tranche(tranche, reason=form.cleaned_data["reason"], actor=request.user)
        else:
            raise Http404
    except Refusal as refusal:
        context = grant_context(request, grant)
        if isinstance(form, PaymentForm) and refusal.field in form.fields:
            show_refusal(request, refusal, form)
            context["payment_form"], context["paying"] = form, tranche.pk
        else:
            context["tranche_error"] = (tranche.pk, refusal.message)
        return render(request, "projects/grant.html", context, status=409)
    messages.success(
        request,
        _("Payment %(number)s is now “%(status)s”.")
        % {"number": tranche.position, "status": tranche.get_status_display()},
    )
    return redirect(grant)
