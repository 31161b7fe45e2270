"""Amendments: the library (or staff) ask; staff approve or refuse what needs approval."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pazanga.common.refusals import Refusal
from pazanga.projects import access, services
from pazanga.projects.enums import AmendmentStatus
from pazanga.projects.forms import AmendmentDecisionForm, ExtensionForm, ReallocationForm
from pazanga.projects.views.common import post_or_none, show_refusal


def amending_grant(request: HttpRequest, pk: int):  # type: ignore[no-untyped-def]
    grant = access.grant_for(request.user, pk)
    manages = access.may_manage(request.user)
    if not (manages or access.may_act_for(request.user, grant)):
        raise Http404
    return grant, manages


@access.workers_required
def reallocation(request: HttpRequest, pk: int) -> HttpResponse:
    grant, manages = amending_grant(request, pk)
    lines = list(grant.budget_lines.all())
    form = ReallocationForm(post_or_none(request), lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            amendment = services.request_reallocation(
                grant,
                changes=form.changes(),
                reason=form.cleaned_data["reason"],
                actor=request.user,
                by_staff=manages,
            )
        except Refusal as refusal:
            show_refusal(request, refusal, form)
        else:
            if amendment.status == AmendmentStatus.APPROVED:
                messages.success(request, _("The budget lines were changed."))
            else:
                messages.success(
                    request,
                    _(
                        "The change goes beyond 10 per cent of a line: programme staff were "
                        "asked to approve it."
                    ),
                )
            return redirect(grant)
    return render(
        request, "projects/reallocation.html", {"grant": grant, "form": form, "lines": lines}
    )


@access.workers_required
def extension(request: HttpRequest, pk: int) -> HttpResponse:
    grant, manages = amending_grant(request, pk)
    form = ExtensionForm(post_or_none(request))
    if request.method == "POST" and form.is_valid():
        try:
            amendment = services.request_extension(
                grant,
                new_end=form.cleaned_data["new_end"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
                by_staff=manages,
            )
        except Refusal as refusal:
            show_refusal(request, refusal, form)
        else:
            if amendment.status == AmendmentStatus.APPROVED:
                messages.success(request, _("The end date was changed."))
            else:
                messages.success(request, _("Programme staff were asked to approve the new end."))
            return redirect(grant)
    return render(request, "projects/extension.html", {"grant": grant, "form": form})


@require_POST
@access.programme_staff_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = access.amendment_for(request.user, pk)
    form = AmendmentDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to approve or refuse the amendment."))
        return redirect(amendment.grant)
    note = form.cleaned_data["note"]
    try:
        if form.cleaned_data["decision"] == "approve":
            services.approve_amendment(amendment, actor=request.user, note=note)
        else:
            services.reject_amendment(amendment, actor=request.user, note=note)
    except Refusal as refusal:
        show_refusal(request, refusal)
    else:
        messages.success(
            request,
            _("The amendment is now “%(status)s”.") % {"status": amendment.get_status_display()},
        )
    return redirect(amendment.grant)
