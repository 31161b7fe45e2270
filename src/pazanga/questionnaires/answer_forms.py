"""The Django form that asks a page (or all) of a questionnaire's questions.

Other apps embed it: `AnswerForm(definition, data=request.POST, prefix="q")` renders the
questions inside their own page (`{% include "questionnaires/_questions.html" %}`) and
`form.answers` gives the checked answers to store with `services.save_answers`.
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from pazanga.common.uploads import DOCUMENT_KINDS, CheckedFileField
from pazanga.questionnaires.engine import FormDefinition, is_empty
from pazanga.questionnaires.enums import QuestionType
from pazanga.questionnaires.models import Question

MAX_TEXT = 2000
MAX_LONG_TEXT = 20000
MAX_ANSWER_FILE_BYTES = 10 * 1024 * 1024
ANSWER_FILE_KINDS = DOCUMENT_KINDS  # PDF, Word, Excel, PNG, JPEG


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def answer_file_field(**kwargs: Any) -> CheckedFileField:
    """A file answer: a document or an image, recognised by its content, size-limited."""
    return CheckedFileField(kinds=ANSWER_FILE_KINDS, max_bytes=MAX_ANSWER_FILE_BYTES, **kwargs)


def build_field(  # noqa: PLR0911 (one return per question type)
    question: Question, definition: FormDefinition, answers: Mapping[str, object]
) -> forms.Field:
    label = question.text("label") or question.name
    common: dict[str, Any] = {"label": label, "required": False, "help_text": question.text("hint")}
    kind = question.type
    if kind == QuestionType.TEXT:
        return forms.CharField(max_length=MAX_TEXT, **common)
    if kind == QuestionType.LONG_TEXT:
        return forms.CharField(max_length=MAX_LONG_TEXT, widget=forms.Textarea, **common)
    if kind == QuestionType.INTEGER:
        # Bounds as validators, not widget attributes: the constraint says what is allowed.
        return forms.IntegerField(
            validators=[MinValueValidator(-(10**12)), MaxValueValidator(10**12)], **common
        )
    if kind == QuestionType.DECIMAL:
        return forms.DecimalField(max_digits=20, decimal_places=6, **common)
    if kind == QuestionType.DATE:
        return forms.DateField(widget=DateInput(), **common)
    if kind == QuestionType.FILE:
        return answer_file_field(**common)
    choices = [
        (c.name, c.text("label") or c.name) for c in definition.choices_for(question, answers)
    ]
    if kind == QuestionType.SELECT_MULTIPLE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)


def to_answer(question: Question, value: Any) -> object:
    """A cleaned form value as stored in Response.answers (JSON)."""
    if is_empty(value):
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if question.type == QuestionType.FILE:
        return value  # an UploadedFile; services store it and keep its name
    return value


def to_initial(question: Question, value: object) -> object:
    if question.type == QuestionType.FILE:
        return None
    return value


class AnswerForm(forms.Form):
    """Questions of `questions` (default: all) with relevance from `answers` plus the data.

    Fields are not `required` in Django's sense: whether a question must be answered
    depends on the other answers, so `clean()` checks it together with constraints.
    """

    def __init__(
        self,
        definition: FormDefinition,
        *args: Any,
        questions: list[Question] | None = None,
        answers: Mapping[str, object] | None = None,
        previously_shown: set[str] | None = None,
        **kwargs: Any,
    ) -> None:
        self.definition = definition
        # Questions the respondent had not seen yet (they appeared because of an answer on
        # this page) are not checked now: the page is shown again with them first.
        self.previously_shown = previously_shown
        self.page_questions = list(questions or definition.questions)
        self.stored = dict(answers or {})
        initial = {
            q.name: to_initial(q, self.stored.get(q.name))
            for q in self.page_questions
            if q.takes_answer and q.name in self.stored
        }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        merged = self.merged_raw()
        self.shown = definition.relevant_names(merged)
        for question in self.page_questions:
            if question.takes_answer and question.name in self.shown:
                self.fields[question.name] = build_field(question, definition, merged)

    def merged_raw(self) -> dict[str, object]:
        """Stored answers overlaid with what was typed (uncleaned) on this page."""
        merged = dict(self.stored)
        if not self.is_bound:
            return merged
        for question in self.page_questions:
            if not question.takes_answer or question.type == QuestionType.FILE:
                continue
            key = self.add_prefix(question.name)
            if question.type == QuestionType.SELECT_MULTIPLE:
                merged[question.name] = (
                    self.data.getlist(key)
                    if hasattr(self.data, "getlist")
                    else self.data.get(key, [])
                )
            else:
                merged[question.name] = self.data.get(key, "")
        return merged

    @property
    def items(self) -> list[dict[str, Any]]:
        """What the template shows, in order: notes and the fields of shown questions."""
        shown = []
        for question in self.page_questions:
            if question.name not in self.shown:
                continue
            if question.takes_answer:
                shown.append({"question": question, "field": self[question.name]})
            else:
                shown.append({"question": question, "field": None})
        return shown

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answers = dict(self.stored)
        for question in self.page_questions:
            if question.name in self.fields and question.name not in self.errors:
                value = to_answer(question, cleaned.get(question.name))
                if question.type == QuestionType.FILE and value is None:
                    continue  # keep an earlier upload
                answers[question.name] = value
        shown = self.definition.relevant_names(answers)
        for question in self.page_questions:
            if question.name in self.errors or question.name not in self.fields:
                continue
            if question.name not in shown:
                continue
            if self.previously_shown is not None and question.name not in self.previously_shown:
                continue
            message = self.definition.answer_error(question, answers.get(question.name), answers)
            if message:
                self.add_error(question.name, message)
        self.answers = {
            q.name: answers.get(q.name)
            for q in self.page_questions
            if q.takes_answer and q.name in shown
        }
        self.hidden_now = [q.name for q in self.page_questions if q.name not in shown]
        return cleaned
