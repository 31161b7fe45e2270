"""Reusable reads: questionnaires, responses and per-question summaries."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from pazanga.questionnaires.engine import FormDefinition
from pazanga.questionnaires.enums import (
    NUMBER_TYPES,
    QuestionnaireStatus,
    QuestionType,
    ResponseStatus,
)
from pazanga.questionnaires.models import Question, Questionnaire, Response, UploadedAnswerFile

MAX_DISTRIBUTION_BARS = 12  # more distinct numbers: mean and range only


def questionnaire_list() -> QuerySet[Questionnaire]:
    """Every questionnaire version with its number of submitted responses."""
    return (
        Questionnaire.objects.select_related("programme")
        .annotate(
            submitted_count=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED))
        )
        .order_by("code", "-version")
    )


def current_version(questionnaire: Questionnaire) -> Questionnaire:
    """The published version of the same questionnaire (this one when none is published).

    Other apps keep a ForeignKey to the version they were set up with and ask this
    before starting a response, so a newer published version is used automatically.
    """
    published = (
        Questionnaire.objects.filter(code=questionnaire.code, status=QuestionnaireStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )
    return published or questionnaire


def versions_of(questionnaire: Questionnaire) -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(code=questionnaire.code).order_by("-version")


def responses_for(
    questionnaire: Questionnaire,
    *,
    status: str = "",
    language: str = "",
    submitted_from: date | None = None,
    submitted_to: date | None = None,
    answer: tuple[str, str] | None = None,
) -> QuerySet[Response]:
    """Responses to this version, newest first, filtered; `answer` is (question name, value)."""
    responses = Response.objects.filter(questionnaire=questionnaire).select_related("respondent")
    if status:
        responses = responses.filter(status=status)
    if language:
        responses = responses.filter(language=language)
    if submitted_from:
        responses = responses.filter(submitted_at__date__gte=submitted_from)
    if submitted_to:
        responses = responses.filter(submitted_at__date__lte=submitted_to)
    if answer is not None:
        name, value = answer
        # One answer is a JSON string or number; several are a JSON list of names, whose
        # text contains the quoted name on both SQLite and PostgreSQL.
        condition = Q(**{f"answers__{name}": value}) | Q(
            **{f"answers__{name}__icontains": f'"{value}"'}
        )
        if value.lstrip("-").isdigit():
            condition |= Q(**{f"answers__{name}": int(value)})
        responses = responses.filter(condition)
    return responses.order_by("-submitted_at", "-started_at", "-pk")


def submitted_responses(questionnaire: Questionnaire) -> QuerySet[Response]:
    return Response.objects.filter(
        questionnaire=questionnaire, status=ResponseStatus.SUBMITTED
    ).order_by("submitted_at", "pk")


def responses_about(subject: Any) -> QuerySet[Response]:
    """Every response whose subject is `subject` (a registration, an application...)."""
    from django.contrib.contenttypes.models import ContentType

    return Response.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
    ).select_related("questionnaire")


@dataclass
class Bar:
    label: str
    count: int
    percent: Decimal


@dataclass
class QuestionSummary:
    question: Question
    answered: int
    bars: list[Bar] = field(default_factory=list)
    mean: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    texts: list[str] = field(default_factory=list)


def answer_files(response: Response) -> dict[str, UploadedAnswerFile]:
    """The file each file question holds now, by question name (the latest upload).

    Reads `response.files`, so a prefetch of "files" keeps lists to one query.
    """
    latest: dict[str, UploadedAnswerFile] = {}
    for stored in sorted(response.files.all(), key=lambda f: f.pk):
        latest[stored.question_name] = stored
    return latest


def percent(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if whole else Decimal(0)


def numeric(value: object) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def summarise(
    definition: FormDefinition, answer_sets: list[dict[str, Any]]
) -> list[QuestionSummary]:
    """Counts and percentages per choice; mean, range and distribution for numbers and scales.

    Percentages are of the respondents who answered the question (a select_multiple's
    percentages may add up to more than 100).
    """
    summaries = []
    for question in definition.questions:
        if not question.takes_answer:
            continue
        values = [
            a[question.name] for a in answer_sets if a.get(question.name) not in (None, "", [])
        ]
        summary = QuestionSummary(question, answered=len(values))
        if question.has_choices:
            counts: Counter[str] = Counter()
            for value in values:
                counts.update(value if isinstance(value, list) else [str(value)])
            choices = definition.choices.get(question.choice_list_id or 0, [])
            summary.bars = [
                Bar(c.text("label") or c.name, counts[c.name], percent(counts[c.name], len(values)))
                for c in choices
            ]
            if question.type == QuestionType.LIKERT:
                # Scores: numeric choice names, else positions 1..n.
                position = {c.name: Decimal(i) for i, c in enumerate(choices, start=1)}
                scores = [
                    numeric(v) if numeric(v) is not None else position.get(str(v)) for v in values
                ]
                _fill_numbers(summary, [s for s in scores if s is not None])
        elif question.type in NUMBER_TYPES:
            numbers = [n for n in (numeric(v) for v in values) if n is not None]
            _fill_numbers(summary, numbers)
            distribution = Counter(numbers)
            if len(distribution) <= MAX_DISTRIBUTION_BARS:
                summary.bars = [
                    Bar(str(n), distribution[n], percent(distribution[n], len(numbers)))
                    for n in sorted(distribution)
                ]
        elif question.type in (QuestionType.TEXT, QuestionType.LONG_TEXT):
            summary.texts = [str(v) for v in values[-5:]]
        summaries.append(summary)
    return summaries


def _fill_numbers(summary: QuestionSummary, numbers: list[Decimal]) -> None:
    if not numbers:
        return
    summary.mean = (sum(numbers, Decimal(0)) / len(numbers)).quantize(Decimal("0.01"))
    summary.minimum, summary.maximum = min(numbers), max(numbers)


def status_label(status: str) -> str:
    return str(dict(ResponseStatus.choices).get(status, _("unknown")))
