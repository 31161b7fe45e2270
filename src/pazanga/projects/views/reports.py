"""Reports: the library writes and submits them, programme staff approve or return them."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pazanga.common.refusals import Refusal
from pazanga.common.uploads import download, upload_quota
from pazanga.directory.models import Organisation
from pazanga.projects import access, services
from pazanga.projects.enums import EDITABLE_REPORT, RUNNING, ReportSection, ReportStatus
from pazanga.projects.forms import ReceiptForm, ReportForm, ReviewForm
from pazanga.projects.models import Indicator, Report
from pazanga.projects.views.common import post_or_none, show_refusal

R = ReportStatus


def report_indicators(report: Report) -> list[Indicator]:
    """The indicators the grant has targets for, then any others a value was given for."""
    wanted = set(report.grant.targets.values_list("indicator_id", flat=True))
    wanted |= set(report.values.values_list("indicator_id", flat=True))
    return list(Indicator.objects.filter(pk__in=wanted))


def libraries_near(report: Report) -> list[Organisation]:
    """What a distinct count of libraries may name: the grant's library, its branches and the
    other libraries of its municipality."""
    library = report.grant.library
    return list(
        Organisation.objects.libraries()
        .filter(Q(pk=library.pk) | Q(parent=library) | Q(municipality=library.municipality_id))
        .order_by("name")[:300]
    )


def report_form(request: HttpRequest, report: Report) -> ReportForm:
    return ReportForm(
        post_or_none(request),
        report=report,
        lines=list(report.grant.budget_lines.all()),
        indicators=report_indicators(report),
        libraries=libraries_near(report),
    )


def narrative_form(request: HttpRequest, report: Report):  # type: ignore[no-untyped-def]
    from pazanga.questionnaires.answer_forms import AnswerForm
    from pazanga.questionnaires.engine import load_definition

    response = services.narrative_of(report)
    definition = load_definition(response.questionnaire)
    return AnswerForm(
        definition,
        post_or_none(request),
        prefix="q",
        answers=response.answers,
        previously_shown=set(),
    )


def report_context(request: HttpRequest, report: Report) -> dict:  # type: ignore[no-untyped-def]
    user = request.user
    grant = report.grant
    return {
        "report": report,
        "grant": grant,
        "manages": access.may_manage(user),
        "acts": access.may_act_for(user, grant),
        "editable": report.status in EDITABLE_REPORT and grant.status in RUNNING,
        "versions": list(report.versions.select_related("submitted_by", "decided_by")),
        "receipts": list(report.receipts.all()),
        "expenses": list(report.expenses.select_related("line")),
        "values": list(report.values.select_related("indicator")),
        "review_form": ReviewForm(),
        "sections": dict(ReportSection.choices),
        "R": R,
    }


@access.workers_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for(request.user, pk)
    return render(request, "projects/report.html", report_context(request, report))


@access.library_staff_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The library writes its report: narrative, money spent, indicators, receipts."""
    report = access.report_for(request.user, pk)
    if not access.may_act_for(request.user, report.grant):
        raise Http404
    if report.status not in EDITABLE_REPORT or report.grant.status not in RUNNING:
        messages.info(request, _("This report can no longer be changed."))
        return redirect(report)
    form = report_form(request, report)
    narrative = narrative_form(request, report)
    if request.method == "POST":
        if form.is_valid() and narrative.is_valid():
            try:
                services.save_report(
                    report,
                    actor=request.user,
                    expenses=form.expenses(),
                    co_financing_received=form.cleaned_data["co_financing_received"] or 0,
                    public_summary=form.cleaned_data.get("public_summary", ""),
                    values=form.values(),
                    narrative_answers=narrative.answers,
                )
            except Refusal as refusal:
                show_refusal(request, refusal, form)
            else:
                messages.success(request, _("The report was saved."))
                if "submit" in request.POST:
                    return submit_now(request, report)
                return redirect("projects:report_edit", report.pk)
        else:
            messages.error(request, _("Some entries need correcting; nothing was saved yet."))
    context = {
        **report_context(request, report),
        "form": form,
        "narrative": narrative,
        "receipt_form": ReceiptForm(),
    }
    return render(request, "projects/report_form.html", context, status=400 if form.errors else 200)


def submit_now(request: HttpRequest, report: Report) -> HttpResponse:
    try:
        services.submit_report(report, actor=request.user)
    except Refusal as refusal:
        show_refusal(request, refusal)
        return redirect("projects:report_edit", report.pk)
    messages.success(request, _("The report was submitted. You will hear when it is decided."))
    return redirect(report)


@require_POST
@access.library_staff_required
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for(request.user, pk)
    if not access.may_act_for(request.user, report.grant):
        raise Http404
    return submit_now(request, report)


@require_POST
@access.programme_staff_required
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for(request.user, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_report(
                report,
                approve=form.cleaned_data["decision"] == "approve",
                comments=form.comments(),
                actor=request.user,
            )
        except Refusal as refusal:
            show_refusal(request, refusal, form)
        else:
            messages.success(
                request,
                _("The report is now “%(status)s”.") % {"status": report.get_status_display()},
            )
            return redirect(report)
    context = report_context(request, report)
    context["review_form"] = form
    return render(request, "projects/report.html", context, status=400)


@require_POST
@access.library_staff_required
@upload_quota
def receipt_add(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for(request.user, pk)
    if not access.may_act_for(request.user, report.grant):
        raise Http404
    form = ReceiptForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_receipt(report, form.cleaned_data["file"], actor=request.user)
        except Refusal as refusal:
            show_refusal(request, refusal)
        else:
            messages.success(request, _("The receipt was attached."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("projects:report_edit", report.pk)


@access.workers_required
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.receipt_for(request.user, pk)
    return download(found.file, found.original_name, found.kind)


@require_POST
@access.library_staff_required
def receipt_delete(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.receipt_for(request.user, pk)
    if not access.may_act_for(request.user, found.report.grant):
        raise Http404
    try:
        services.delete_receipt(found, actor=request.user)
    except Refusal as refusal:
        show_refusal(request, refusal)
    return redirect("projects:report_edit", found.report_id)
