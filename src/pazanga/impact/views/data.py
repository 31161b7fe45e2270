"""A wave's data: import with column mapping, population margins, weighting, results
and downloads (estimates for readers, microdata for researchers only, the methodology
annex)."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pazanga.common.audit import log_action
from pazanga.common.exports import KINDS as EXPORT_KINDS
from pazanga.common.refusals import Refusal
from pazanga.common.spreadsheets import SpreadsheetError
from pazanga.impact import access, annex
from pazanga.impact.exports import EstimatesExport, MicrodataExport, sav_bytes
from pazanga.impact.forms import MappingForm, TargetsForm, UploadForm
from pazanga.impact.services import intake, web, weighting
from pazanga.impact.views.results import results_context

SESSION_KEY = "impact_upload"


@access.managers_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.wave_for(pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if form.is_bound and form.is_valid():
        file = form.cleaned_data["file"]
        data = file.read()
        try:
            intake.read_upload(data, file.name)
        except SpreadsheetError as error:
            for problem in error.problems:
                form.add_error("file", str(problem))
        else:
            path = default_storage.save(
                f"impact-imports/{secrets.token_hex(16)}", ContentFile(data)
            )
            request.session[SESSION_KEY] = {"wave": wave.pk, "path": path, "name": file.name}
            return redirect("impact:mapping", wave.pk)
    return render(request, "impact/upload.html", {"wave": wave, "form": form})


@access.managers_required
def mapping(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.wave_for(pk)
    pending = request.session.get(SESSION_KEY)
    if not pending or pending.get("wave") != wave.pk or not default_storage.exists(pending["path"]):
        messages.error(request, _("Upload the file first."))
        return redirect("impact:upload", wave.pk)
    with default_storage.open(pending["path"], "rb") as handle:
        data = handle.read()
    uploaded = intake.read_upload(data, pending["name"])
    form = MappingForm(
        request.POST or None,
        header=uploaded.header,
        guess=intake.guess_mapping(uploaded.header),
    )
    problems: list[str] = []
    if form.is_bound and form.is_valid():
        try:
            dataset = intake.import_data(
                wave,
                data,
                name=pending["name"],
                mapping=form.mapping(),
                questions=form.cleaned_data["questions"],
                actor=request.user,
                replace=form.cleaned_data["replace"],
            )
        except SpreadsheetError as error:
            problems = [str(problem) for problem in error.problems]
        except Refusal as refusal:
            form.add_error(
                "replace" if refusal.reason == "confirm_replace" else None, refusal.message
            )
        else:
            default_storage.delete(pending["path"])
            del request.session[SESSION_KEY]
            messages.success(
                request,
                _("Imported %(rows)s respondents as version %(version)s.")
                % {"rows": dataset.rows, "version": dataset.version},
            )
            return redirect(wave)
    context = {
        "wave": wave,
        "form": form,
        "problems": problems,
        "file_name": pending["name"],
        "preview": uploaded.rows[:5],
        "header": uploaded.header,
        "has_data": wave.datasets.exists(),
    }
    return render(request, "impact/mapping.html", context)


@access.managers_required
def collect(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.wave_for(pk)
    if request.method == "POST":
        try:
            dataset = web.collect_web_answers(
                wave, actor=request.user, replace=bool(request.POST.get("replace"))
            )
        except Refusal as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("Took %(rows)s web answers as version %(version)s.")
                % {"rows": dataset.rows, "version": dataset.version},
            )
    return redirect(wave)


@access.managers_required
def targets(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.wave_for(pk)
    initial = "\n".join(
        f"{t.variable}, {t.category}, {t.population}, {t.source}, {t.year}"
        for t in wave.targets.all()
    )
    form = TargetsForm(request.POST or None, initial={"rows": initial})
    if form.is_bound and form.is_valid():
        weighting.set_targets(wave, form.cleaned_data["rows"], actor=request.user)
        messages.success(request, _("The population margins are saved."))
        return redirect(wave)
    return render(
        request, "impact/form.html", {"form": form, "title": _("Population margins"), "back": wave}
    )


@access.managers_required
def weight(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.wave_for(pk)
    if request.method == "POST":
        try:
            weighting.weight_wave(wave, actor=request.user)
        except Refusal as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The wave is weighted; its estimates are computed."))
    return redirect(wave)


@access.readers_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.wave_for(pk)
    context = results_context(wave, public=False)
    return render(request, "impact/results.html", context)


@access.readers_required
def estimates_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    wave = access.wave_for(pk)
    if kind not in EXPORT_KINDS:
        raise Http404
    estimates = wave.estimates.select_related("indicator")
    contrasts = wave.contrasts.select_related("indicator", "wave", "base_wave")
    return EstimatesExport(wave, estimates, contrasts).response(kind)


@access.researchers_required
def microdata(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    wave = access.wave_for(pk)
    if kind not in ("csv", "sav"):
        raise Http404
    try:
        if kind == "sav":
            response = HttpResponse(sav_bytes(wave), content_type="application/x-spss-sav")
            response["Content-Disposition"] = f'attachment; filename="{wave.code}-microdata.sav"'
        else:
            response = MicrodataExport(wave).response("csv")
    except Refusal as refusal:
        messages.error(request, refusal.message)
        return redirect(wave)
    log_action(wave, "impact.microdata.exported", actor=request.user, data={"kind": kind})
    return response


@access.readers_required
def annex_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.wave_for(pk)
    response = HttpResponse(annex.annex_pdf(wave), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{wave.code}-methodology.pdf"'
    return response
