"""Programme staff and researchers: read, filter, summarise and export responses."""

from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from pazanga.common.pagination import paginate
from pazanga.common.uploads import download
from pazanga.questionnaires import access, queries
from pazanga.questionnaires.access import manager_required
from pazanga.questionnaires.engine import FormDefinition, collect, display_value, load_definition
from pazanga.questionnaires.exports import ResponseTable, export_type, to_csv, to_sav, to_xlsx
from pazanga.questionnaires.forms import ResponseFilterForm
from pazanga.questionnaires.models import Question, UploadedAnswerFile

EXPORTS = {"csv": to_csv, "xlsx": to_xlsx, "sav": to_sav}


@manager_required
def response_list(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = access.questionnaire_for(pk)
    definition = load_definition(questionnaire)
    form = ResponseFilterForm(request.GET or None, questions=definition.questions)
    filters = form.cleaned_data if form.is_valid() else {}
    answer = None
    if filters.get("question") and filters.get("value"):
        answer = (filters["question"], filters["value"])
    responses = queries.responses_for(
        questionnaire,
        status=filters.get("status", ""),
        language=filters.get("language", ""),
        submitted_from=filters.get("submitted_from"),
        submitted_to=filters.get("submitted_to"),
        answer=answer,
    )
    page = paginate(request, responses, 50)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "questionnaires/responses.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )


@manager_required
def response_detail(request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
    questionnaire = access.questionnaire_for(pk)
    response = access.response_of(questionnaire, response_pk)
    definition = load_definition(questionnaire)
    files = queries.answer_files(response)
    rows = [
        {
            "question": q,
            "value": answer_text(definition, q, response.answers),
            "file": files.get(q.name),
        }
        for q in definition.questions
        if q.takes_answer
    ]
    return render(
        request,
        "questionnaires/response_detail.html",
        {"questionnaire": questionnaire, "response": response, "rows": rows},
    )


@manager_required
def response_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in EXPORTS:
        raise Http404
    questionnaire = access.questionnaire_for(pk)
    definition = load_definition(questionnaire)
    language = request.GET.get("language") or (translation.get_language() or "lt")[:2]
    if language not in questionnaire.language_codes:
        language = questionnaire.fallback_language
    table = ResponseTable(
        definition,
        labels=request.GET.get("values") == "labels",
        language=language,
        file_link=lambda stored: settings.SITE_URL + answer_file_url(stored),
    )
    content_type, extension = export_type(kind, table)
    responses = (
        queries.submitted_responses(questionnaire)
        .prefetch_related("files")
        .iterator(chunk_size=2000)
    )
    response = HttpResponse(EXPORTS[kind](table, responses), content_type=content_type)
    name = f"{questionnaire.code}-v{questionnaire.version}-responses.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@manager_required
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = access.questionnaire_for(pk)
    definition = load_definition(questionnaire)
    answer_sets = list(queries.submitted_responses(questionnaire).values_list("answers", flat=True))
    return render(
        request,
        "questionnaires/summary.html",
        {
            "questionnaire": questionnaire,
            "summaries": queries.summarise(definition, answer_sets),
            "total": len(answer_sets),
        },
    )


def answer_text(definition: FormDefinition, question: Question, answers: dict[str, Any]) -> str:
    """An answer as the reader sees it; inside a repeat, each instance's, numbered."""
    repeats = definition.repeat_path.get(question.name, ())
    if not repeats:
        return display_value(definition, question, answers.get(question.name))
    values = collect(answers, repeats, question.name)
    return "; ".join(
        f"{number}: {display_value(definition, question, value)}"
        for number, value in enumerate(values, start=1)
        if value not in (None, "", [])
    )


def answer_file_url(stored: UploadedAnswerFile) -> str:
    return reverse(
        "questionnaires:answer_file",
        args=[stored.response.questionnaire_id, stored.response_id, stored.pk],
    )


@manager_required
def answer_file(request: HttpRequest, pk: int, response_pk: int, file_pk: int) -> FileResponse:
    """A file given as an answer, downloaded under the name it was uploaded with."""
    questionnaire = access.questionnaire_for(pk)
    stored = access.answer_file_of(questionnaire, response_pk, file_pk)
    return download(stored.file, stored.original_name)
