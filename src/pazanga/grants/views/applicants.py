"""Library staff: start, edit, submit and withdraw their library's applications."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pazanga.common.audit import timeline
from pazanga.common.pagination import paginate
from pazanga.common.refusals import Refusal
from pazanga.common.uploads import download, upload_quota
from pazanga.grants import eligibility, queries, services
from pazanga.grants.access import (
    application_for,
    attachment_for,
    draft_attachment_for,
    draft_for,
    library_staff_required,
    may_see_all_applications,
    visible_call,
)
from pazanga.grants.forms import (
    DRAFT_ROWS,
    MAX_ROWS,
    ApplicationForm,
    AttachmentForm,
    DraftAnswers,
    ReasonForm,
    StartApplicationForm,
)
from pazanga.grants.letters import decision_letter_pdf
from pazanga.grants.models import Application
from pazanga.programme.permissions import libraries_of, may_act_for_library


@library_staff_required
def my_applications(request: HttpRequest) -> HttpResponse:
    page = paginate(request, queries.applications_of_libraries(libraries_of(request.user)), 20)
    return render(request, "grants/my_applications.html", {"page": page})


@library_staff_required
def start_application(request: HttpRequest, pk: int) -> HttpResponse:
    call = visible_call(request.user, pk)
    form = StartApplicationForm(request.POST or None, libraries=libraries_of(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            application = services.start_application(
                call,
                form.cleaned_data["library"],
                actor=request.user,
                title=form.cleaned_data["title"],
            )
        except Refusal as refused:
            form.add_error(None, refused.message)
        else:
            return redirect("grants:edit", application.pk)
    return render(request, "grants/start.html", {"call": call, "form": form})


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = application_for(request.user, pk)
    is_applicant = may_act_for_library(request.user, application.library)
    # Reviews are anonymous to applicants: their history names no one and no reviewer.
    anonymous = is_applicant and not may_see_all_applications(request.user)
    context = {
        "application": application,
        "call": application.call,
        "checks": eligibility.stored_checks(application),
        "is_applicant": is_applicant,
        "entries": queries.applicant_timeline(application) if anonymous else timeline(application),
        "hide_actors": anonymous,
        "snapshot": application.snapshot,
        "partners": application.partners.select_related("organisation"),
        "lines": application.budget_lines.all(),
        "attachments": application.attachments.all(),
    }
    return render(request, "grants/application_detail.html", context)


def draft_forms(request: HttpRequest, application: Application) -> dict[str, Any]:
    data = request.POST if request.method == "POST" else None
    return {"form": ApplicationForm(data, instance=application), **draft_rows(application, data)}


def draft_rows(application: Application, data: Any = None) -> dict[str, Any]:
    """The partner and budget formsets, keyed by their prefixes."""
    return {
        prefix: formset(data, instance=application, prefix=prefix)
        for prefix, formset in DRAFT_ROWS.items()
    }


def answer_form(request: HttpRequest, application: Application) -> DraftAnswers | None:
    response = services.answers_response(application)
    if response is None:
        return None
    from pazanga.questionnaires.engine import load_definition

    definition = load_definition(response.questionnaire)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    return DraftAnswers(definition, data, files, prefix="q", answers=response.answers)


@library_staff_required
@upload_quota
def edit_application(request: HttpRequest, pk: int) -> HttpResponse:
    application = draft_for(request.user, pk)
    if not application.is_draft:
        messages.info(request, _("This application was submitted and can no longer be changed."))
        return redirect(application)
    forms = draft_forms(request, application)
    answers = answer_form(request, application)
    all_forms = [*forms.values(), *([answers] if answers else [])]
    if request.method == "POST":
        if all(f.is_valid() for f in all_forms):  # type: ignore[attr-defined]
            try:
                services.save_draft(
                    application, list(forms.values()), answers=answers, actor=request.user
                )
            except Refusal as refused:
                messages.error(request, refused.message)
                return redirect(application)
            if request.headers.get("HX-Request"):
                return autosaved(request, application, forms)
            messages.success(request, _("The draft was saved."))
            return redirect("grants:edit", application.pk)
        if request.headers.get("HX-Request"):
            return render(request, "grants/_saved.html", {"not_saved": True})
    context = {
        "application": application,
        "call": application.call,
        "answers": answers,
        "attachment_form": AttachmentForm(),
        "attachments": application.attachments.all(),
        "checks": eligibility.run_checks(application),
        **forms,
    }
    return render(request, "grants/application_form.html", context)


def autosaved(
    request: HttpRequest, application: Application, forms: dict[str, Any]
) -> HttpResponse:
    """ "Saved at …", plus the rows afresh when some were created or removed, so the page
    carries their ids and the next autosave updates them instead of adding them again."""
    fresh = draft_rows(application)
    refreshed = [fresh[prefix] for prefix in DRAFT_ROWS if forms[prefix].rows_changed]
    context = {"saved_at": timezone.now(), "application": application, "refreshed": refreshed}
    return render(request, "grants/_saved.html", context)


@library_staff_required
def add_row(request: HttpRequest, pk: int, prefix: str) -> HttpResponse:
    """One more blank partner or budget line form (HTMX), numbered after those on the page."""
    application = draft_for(request.user, pk)
    if prefix not in DRAFT_ROWS:
        raise Http404
    if not application.is_draft:
        return HttpResponseBadRequest(
            _("This application was submitted and can no longer be changed.")
        )
    formset = DRAFT_ROWS[prefix](instance=application, prefix=prefix)
    index = row_index(request.GET.get(f"{prefix}-TOTAL_FORMS", ""))
    if index is None:
        return HttpResponseBadRequest(_("Reload the page to add a row."))
    if index >= MAX_ROWS:
        return HttpResponseBadRequest(
            ngettext(
                "At most %(count)d row can be added.",
                "At most %(count)d rows can be added.",
                MAX_ROWS,
            )
            % {"count": MAX_ROWS}
        )
    context = {"form": formset.row_form(index), "formset": formset, "total": index + 1}
    return render(request, "grants/_row_added.html", context)


def row_index(value: str) -> int | None:
    """The number of rows the page holds, or None when the page sent nonsense."""
    return int(value) if value.isdigit() and len(value) <= len(str(MAX_ROWS)) else None


@require_POST
@library_staff_required
@upload_quota
def upload_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    application = draft_for(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.add_attachment(
                application, upload, kind=upload.checked_kind, actor=request.user
            )
        except Refusal as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The file was attached."))
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return redirect("grants:edit", application.pk)


def download_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """The file, always as a download, with the content type its content was recognised as."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attachment = attachment_for(request.user, pk, attachment_pk)
    return download(attachment.file, attachment.original_name, attachment.kind)


@require_POST
@library_staff_required
def delete_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = draft_attachment_for(request.user, pk, attachment_pk)
    application = attachment.application
    try:
        services.delete_attachment(attachment, actor=request.user)
    except Refusal as refused:
        messages.error(request, refused.message)
    return redirect("grants:edit", application.pk)


@library_staff_required
def submit_application(request: HttpRequest, pk: int) -> HttpResponse:
    application = draft_for(request.user, pk)
    problems: list[str] = []
    if request.method == "POST":
        try:
            services.submit_application(application, actor=request.user)
        except Refusal as refused:
            if refused.code == "grants.already_submitted":
                # A double click: the first click submitted it.
                messages.info(request, refused.message)
                return redirect(application)
            messages.error(request, refused.message)
            problems = refused.details
        else:
            messages.success(
                request,
                _("Submitted. The reference number is %(reference)s; a receipt was e-mailed.")
                % {"reference": application.reference},
            )
            return redirect(application)
    elif not application.is_draft:
        return redirect(application)
    checks = eligibility.run_checks(application)
    context = {
        "application": application,
        "call": application.call,
        "checks": checks,
        "problems": problems,
    }
    return render(request, "grants/submit_confirm.html", context)


@library_staff_required
def withdraw_application(request: HttpRequest, pk: int) -> HttpResponse:
    application = draft_for(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_application(
                application, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except Refusal as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The application was withdrawn."))
        return redirect(application)
    return render(
        request, "grants/withdraw_confirm.html", {"application": application, "form": form}
    )


def decision_letter(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    application = application_for(request.user, pk)
    pdf = decision_letter_pdf(application)
    if pdf is None:
        raise Http404
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{application.reference}.pdf"'
    return response
