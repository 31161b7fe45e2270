"""Researchers' and programme staff's pages: studies, waves, indicators, the sample
planner and comparisons; partners and funders read the results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from pazanga.common.audit import timeline
from pazanga.common.refusals import Refusal
from pazanga.impact import access, rules, workflow
from pazanga.impact.enums import WaveMode, WaveStatus
from pazanga.impact.forms import CompareForm, IndicatorForm, PlannerForm, StudyForm, WaveForm
from pazanga.impact.models import Indicator, Study, Wave
from pazanga.impact.services import estimation, studies
from pazanga.programme.permissions import current_programme
from pazanga.questionnaires.enums import ResponseStatus


def post_or_none(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@access.readers_required
def home(request: HttpRequest) -> HttpResponse:
    found = access.studies().prefetch_related("waves")
    return render(
        request,
        "impact/home.html",
        {"studies": found, "may_manage": access.may_manage(request.user)},
    )


@access.managers_required
def study_new(request: HttpRequest) -> HttpResponse:
    form = StudyForm(post_or_none(request), instance=Study(programme=current_programme()))
    if form.is_bound and form.is_valid():
        study = studies.create_study(form.instance, actor=request.user)
        return redirect(study)
    return render(request, "impact/form.html", {"form": form, "title": _("New study")})


@access.readers_required
def study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = access.study_for(pk)
    waves = study.waves.select_related("questionnaire").order_by("year", "pk")
    return render(
        request,
        "impact/study.html",
        {"study": study, "waves": waves, "may_manage": access.may_manage(request.user)},
    )


@access.managers_required
def wave_new(request: HttpRequest, pk: int) -> HttpResponse:
    study = access.study_for(pk)
    form = WaveForm(post_or_none(request), instance=Wave(study=study), programme=study.programme)
    if form.is_bound and form.is_valid():
        wave = form.save()
        return redirect(wave)
    return render(
        request, "impact/form.html", {"form": form, "title": _("New wave"), "back": study}
    )


@access.managers_required
def wave_edit(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.wave_for(pk)
    form = WaveForm(post_or_none(request), instance=wave, programme=wave.study.programme)
    if form.is_bound and form.is_valid():
        form.save()
        messages.success(request, _("The wave is saved."))
        return redirect(wave)
    return render(request, "impact/form.html", {"form": form, "title": str(wave), "back": wave})


NEXT_MOVES = {
    WaveStatus.PLANNED: (WaveStatus.FIELDWORK,),
    WaveStatus.FIELDWORK: (WaveStatus.PLANNED,),
    WaveStatus.WEIGHTED: (WaveStatus.PUBLISHED,),
    WaveStatus.PUBLISHED: (WaveStatus.WEIGHTED,),
}
MOVE_LABELS = {
    WaveStatus.FIELDWORK: _("Start fieldwork"),
    WaveStatus.PLANNED: _("Back to planning"),
    WaveStatus.PUBLISHED: _("Publish the results"),
    WaveStatus.WEIGHTED: _("Withdraw the publication"),
}


@access.readers_required
def wave_detail(request: HttpRequest, pk: int) -> HttpResponse:
    wave = access.wave_for(pk)
    datasets = wave.datasets.select_related("created_by").defer("columns", "weights")
    current = next((d for d in datasets if d.is_current), None)
    overall = wave.estimates.filter(domain="").select_related("indicator")
    moves = [
        (to, MOVE_LABELS[to])
        for to in NEXT_MOVES.get(wave.status, ())
        if workflow.WAVES.allows(wave, to)
    ]
    context = {
        "wave": wave,
        "datasets": datasets,
        "current": current,
        "targets": wave.targets.all(),
        "estimates": overall,
        "moves": moves if access.may_manage(request.user) else [],
        "may_manage": access.may_manage(request.user),
        "may_see_microdata": access.may_see_microdata(request.user),
        "timeline": timeline(wave)[:20],
        "web": web_links(request, wave),
    }
    return render(request, "impact/wave.html", context)


def web_links(request: HttpRequest, wave: Wave) -> dict[str, Any] | None:
    """The questionnaire's links for a wave answered on the web, and how many answered."""
    questionnaire = wave.questionnaire
    if questionnaire is None or wave.mode != WaveMode.WEB:
        return None
    anonymous = (
        request.build_absolute_uri(
            reverse("questionnaires:anonymous_answer", args=[questionnaire.public_token])
        )
        if questionnaire.allow_anonymous
        else None
    )
    return {
        "personal": request.build_absolute_uri(
            reverse("questionnaires:answer", args=[questionnaire.pk])
        ),
        "anonymous": anonymous,
        "submitted": questionnaire.responses.filter(status=ResponseStatus.SUBMITTED).count(),
    }


@access.managers_required
def wave_status(request: HttpRequest, pk: int, to: str) -> HttpResponse:
    wave = access.wave_for(pk)
    if request.method != "POST" or to not in MOVE_LABELS:
        return redirect(wave)
    try:
        workflow.transition(wave, to, actor=request.user)
    except Refusal as refusal:
        messages.error(request, refusal.message)
    return redirect(wave)


@access.readers_required
def indicators(request: HttpRequest) -> HttpResponse:
    found = Indicator.objects.filter(programme=current_programme())
    return render(
        request,
        "impact/indicators.html",
        {"indicators": found, "may_manage": access.may_manage(request.user)},
    )


@access.managers_required
def indicator_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    indicator = (
        access.indicator_for(pk) if pk is not None else Indicator(programme=current_programme())
    )
    form = IndicatorForm(post_or_none(request), instance=indicator)
    if form.is_bound and form.is_valid():
        try:
            studies.save_indicator(form.instance, actor=request.user)
        except Refusal as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The indicator is saved."))
            return redirect("impact:indicators")
    return render(request, "impact/form.html", {"form": form, "title": _("Indicator definition")})


@access.managers_required
def planner(request: HttpRequest) -> HttpResponse:
    form = PlannerForm(request.GET or None)
    plan = None
    if form.is_bound and form.is_valid():
        plan = sample_plan(form.cleaned_data)
    return render(request, "impact/planner.html", {"form": form, "plan": plan})


def sample_plan(data: dict[str, Any]) -> dict[str, Any]:
    share, deff = float(data["share"]) / 100, float(data["deff"])
    confidence, power = float(data["confidence"]) / 100, float(data["power"]) / 100
    national = rules.sample_for_margin(
        float(data["margin"]) / 100, share=share, deff=deff, confidence=confidence
    )
    gap = rules.sample_for_gap_change(
        float(data["change"]) / 100,
        share=share,
        deff=deff,
        group_share=float(data["rural_share"]) / 100,
        confidence=confidence,
        power=power,
    )
    needed = max(national, gap)
    strata = [rules.Stratum(name, population, s / 100) for name, population, s in data["strata"]]
    parts = rules.allocate(needed, strata, data["allocation"]) if strata else []
    return {
        "national": national,
        "gap": gap,
        "needed": needed,
        "allocation": list(zip([s.name for s in strata], parts, strict=True)),
        "detectable": rules.detectable_change(
            needed, share=share, deff=deff, confidence=confidence, power=power
        ),
        "detectable_gap": rules.detectable_change(
            needed,
            share=share,
            deff=deff,
            group_share=float(data["rural_share"]) / 100,
            confidence=confidence,
            power=power,
        ),
    }


@access.readers_required
def compare(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET or None, programme=current_programme())
    found = None
    if form.is_bound and form.is_valid():
        indicator, first, second = (form.cleaned_data[k] for k in ("indicator", "first", "second"))
        try:
            estimation.check_comparable(indicator, first, second)
        except Refusal as refusal:
            form.add_error(None, refusal.message)
        else:
            found = indicator.contrasts.filter(wave=second, base_wave=first).order_by("kind", "gap")
    return render(request, "impact/compare.html", {"form": form, "contrasts": found})
