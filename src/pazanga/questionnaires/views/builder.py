"""Programme staff and researchers: list, build, import, export, publish questionnaires."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pazanga.common.audit import log_action, timeline
from pazanga.common.pagination import paginate
from pazanga.common.refusals import Refusal
from pazanga.common.uploads import upload_quota
from pazanga.programme.permissions import current_programme
from pazanga.questionnaires import access, queries, services
from pazanga.questionnaires.access import manager_required
from pazanga.questionnaires.engine import load_definition
from pazanga.questionnaires.enums import Purpose, QuestionnaireStatus
from pazanga.questionnaires.forms import (
    ChoiceFormSet,
    ChoiceListForm,
    QuestionForm,
    QuestionnaireForm,
    SectionForm,
    XLSFormUploadForm,
)
from pazanga.questionnaires.models import ChoiceList, Question, Questionnaire
from pazanga.questionnaires.openrosa.xforms import xform
from pazanga.questionnaires.workflow import TransitionNotAllowed, transition
from pazanga.questionnaires.xlsform.convert import spec_from_questionnaire
from pazanga.questionnaires.xlsform.reader import (
    WrongFileError,
    XLSFormError,
    read_xlsform_with_warnings,
)
from pazanga.questionnaires.xlsform.writer import write_xlsform


def next_position(questionnaire: Questionnaire) -> int:
    highest = [
        questionnaire.questions.aggregate(p=Max("position"))["p"],
        questionnaire.sections.aggregate(p=Max("position"))["p"],
    ]
    return max((p for p in highest if p is not None), default=-1) + 1


@manager_required
def questionnaire_list(request: HttpRequest) -> HttpResponse:
    programme = current_programme()
    if programme is None:
        raise Http404
    items = queries.questionnaire_list().filter(programme=programme)
    status, purpose = request.GET.get("status", ""), request.GET.get("purpose", "")
    if status in QuestionnaireStatus.values:
        items = items.filter(status=status)
    if purpose in Purpose.values:
        items = items.filter(purpose=purpose)
    context = {
        "page": paginate(request, items, 30),
        "statuses": QuestionnaireStatus.choices,
        "purposes": Purpose.choices,
        "status": status,
        "purpose": purpose,
    }
    return render(request, "questionnaires/list.html", context)


@manager_required
def questionnaire_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    questionnaire = access.editable_for(pk) if pk else None
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        if questionnaire is None:
            item.programme = current_programme()
            item.created_by = request.user
        item.save()
        log_action(item, "questionnaires.questionnaire.saved", actor=request.user)
        messages.success(request, _("The questionnaire was saved."))
        return redirect(item)
    return render(
        request,
        "questionnaires/edit_form.html",
        {"form": form, "questionnaire": questionnaire, "heading": _("Questionnaire")},
    )


@manager_required
def questionnaire_detail(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = access.questionnaire_for(pk)
    definition = load_definition(questionnaire)
    rows = [{"section": page.section, "questions": page.questions} for page in definition.pages]
    empty_sections = [s for s in definition.sections if not any(r["section"] == s for r in rows)]
    context = {
        "questionnaire": questionnaire,
        "definition": definition,
        "rows": rows,
        "empty_sections": empty_sections,
        "choice_lists": [
            (choice_list, definition.choices.get(choice_list.pk, []))
            for choice_list in questionnaire.choice_lists.all()
        ],
        "versions": queries.versions_of(questionnaire),
        "timeline": timeline(questionnaire)[:20],
        "response_count": questionnaire.responses.count(),
        "max_score": definition.max_score() if questionnaire.is_scored else None,
    }
    return render(request, "questionnaires/detail.html", context)


@require_POST
@manager_required
def questionnaire_transition(request: HttpRequest, pk: int, to: str) -> HttpResponse:
    questionnaire = access.questionnaire_for(pk)
    if to not in QuestionnaireStatus.values:
        raise Http404
    try:
        transition(questionnaire, to, actor=request.user)
    except TransitionNotAllowed:
        messages.warning(
            request,
            _("The questionnaire is already %(status)s.")
            % {"status": questionnaire.get_status_display()},
        )
    except Refusal as refusal:
        messages.error(request, refusal.message)
        for problem in refusal.details:
            messages.error(request, problem)
    else:
        messages.success(
            request,
            _("The questionnaire is now %(status)s.")
            % {"status": questionnaire.get_status_display()},
        )
    return redirect(questionnaire)


@require_POST
@manager_required
def questionnaire_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = access.questionnaire_for(pk)
    new = services.create_new_version(questionnaire, actor=request.user)
    messages.success(
        request,
        _("Version %(version)s is a draft you can edit; answers to earlier versions keep theirs.")
        % {"version": new.version},
    )
    return redirect(new)


@manager_required
def question_edit(request: HttpRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    questionnaire = access.editable_for(pk)
    question = access.question_of(questionnaire, question_pk) if question_pk else None
    initial = {"section": request.GET.get("section")} if question is None else None
    form = QuestionForm(
        request.POST or None, instance=question, questionnaire=questionnaire, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.questionnaire = questionnaire
        if item.pk is None:
            item.position = next_position(questionnaire)
        item.save()
        log_action(
            questionnaire,
            "questionnaires.question.saved",
            actor=request.user,
            data={"name": item.name},
        )
        messages.success(request, _("The question was saved."))
        return redirect(questionnaire)
    return render(
        request,
        "questionnaires/edit_form.html",
        {"form": form, "questionnaire": questionnaire, "heading": _("Question")},
    )


@require_POST
@manager_required
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    questionnaire = access.editable_for(pk)
    question = access.question_of(questionnaire, question_pk)
    log_action(
        questionnaire,
        "questionnaires.question.deleted",
        actor=request.user,
        data={"name": question.name},
    )
    question.delete()
    messages.success(request, _("The question was deleted."))
    return redirect(questionnaire)


@require_POST
@manager_required
def question_move(request: HttpRequest, pk: int, question_pk: int, direction: str) -> HttpResponse:
    """Swap a question with its neighbour in the same section (or outside sections)."""
    questionnaire = access.editable_for(pk)
    question = access.question_of(questionnaire, question_pk)
    siblings = Question.objects.filter(questionnaire=questionnaire, section=question.section)
    if direction == "up":
        neighbour = siblings.filter(position__lt=question.position).order_by("-position").first()
    else:
        neighbour = siblings.filter(position__gt=question.position).order_by("position").first()
    if neighbour is not None:
        with transaction.atomic():
            question.position, neighbour.position = neighbour.position, question.position
            question.save(update_fields=["position"])
            neighbour.save(update_fields=["position"])
    return redirect(questionnaire)


@manager_required
def section_edit(request: HttpRequest, pk: int, section_pk: int | None = None) -> HttpResponse:
    questionnaire = access.editable_for(pk)
    section = access.section_of(questionnaire, section_pk) if section_pk else None
    form = SectionForm(request.POST or None, instance=section, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.questionnaire = questionnaire
        if item.pk is None:
            item.position = next_position(questionnaire)
        item.save()
        messages.success(request, _("The section was saved."))
        return redirect(questionnaire)
    return render(
        request,
        "questionnaires/edit_form.html",
        {"form": form, "questionnaire": questionnaire, "heading": _("Section")},
    )


@manager_required
def choice_list_edit(request: HttpRequest, pk: int, list_pk: int | None = None) -> HttpResponse:
    questionnaire = access.editable_for(pk)
    choice_list = (
        access.choice_list_of(questionnaire, list_pk)
        if list_pk
        else ChoiceList(questionnaire=questionnaire)
    )
    form = ChoiceListForm(request.POST or None, instance=choice_list, questionnaire=questionnaire)
    formset = ChoiceFormSet(request.POST or None, instance=choice_list, prefix="choices")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            form.save()
            formset.instance = choice_list
            formset.save()
        messages.success(request, _("The choice list was saved."))
        return redirect(questionnaire)
    return render(
        request,
        "questionnaires/choice_list_form.html",
        {"form": form, "formset": formset, "questionnaire": questionnaire},
    )


@manager_required
@upload_quota
def xlsform_import(request: HttpRequest) -> HttpResponse:
    form = XLSFormUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        try:
            files = form.cleaned_data["attachments"]
            _spec, warnings = read_xlsform_with_warnings(data, files)
            questionnaire = services.import_questionnaire(
                data,
                programme=current_programme(),
                actor=request.user,
                code=form.cleaned_data["code"],
                attachments=files,
            )
        except WrongFileError as error:
            form.add_error("file", str(error))
        except XLSFormError as error:
            errors = [str(e) for e in error.errors]
        else:
            messages.success(
                request,
                _("Imported as a draft, version %(version)s.") % {"version": questionnaire.version},
            )
            for warning in warnings:
                messages.warning(request, str(warning))
            return redirect(questionnaire)
    status = 400 if errors or form.errors else 200
    return render(
        request, "questionnaires/import.html", {"form": form, "errors": errors}, status=status
    )


@manager_required
def xlsform_export(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = access.questionnaire_for(pk)
    data = write_xlsform(spec_from_questionnaire(questionnaire))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"{questionnaire.code}-v{questionnaire.version}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@manager_required
def xform_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The version as an ODK XForm (what ODK Collect downloads)."""
    questionnaire = access.questionnaire_for(pk)
    response = HttpResponse(xform(questionnaire), content_type="text/xml; charset=utf-8")
    name = f"{questionnaire.code}-v{questionnaire.version}.xml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
