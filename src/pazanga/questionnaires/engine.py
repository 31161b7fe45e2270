"""The form engine: a questionnaire loaded once, its pages, relevance and validation.

`load_definition(questionnaire)` reads everything in five queries whatever the number of
questions; everything after that works in memory. Relevance and constraints are always
computed here, on the server: the browser only asks for a fresh rendering (HTMX).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from pazanga.questionnaires import expressions
from pazanga.questionnaires.enums import QuestionType
from pazanga.questionnaires.models import Choice, ChoiceList, Question, Questionnaire, Section
from pazanga.questionnaires.scoring import ScoredQuestion


@dataclass
class Page:
    section: Section | None
    questions: list[Question]

    @property
    def key(self) -> str:
        return self.section.name if self.section else self.questions[0].name


@dataclass
class FormDefinition:
    questionnaire: Questionnaire
    sections: list[Section]
    questions: list[Question]
    choices: dict[int, list[Choice]]  # choice list id -> choices in order
    _parsed: dict[tuple[str, str], expressions.Node | None] = field(default_factory=dict)

    @cached_property
    def by_name(self) -> dict[str, Question]:
        return {q.name: q for q in self.questions}

    @cached_property
    def pages(self) -> list[Page]:
        """Each section is a page; questions outside sections make pages between them."""
        items: list[tuple[int, Section | Question]] = [(s.position, s) for s in self.sections]
        items += [(q.position, q) for q in self.questions if q.section_id is None]
        items.sort(key=lambda pair: pair[0])
        in_section: dict[int, list[Question]] = {s.pk: [] for s in self.sections}
        for question in self.questions:
            if question.section_id is not None:
                in_section[question.section_id].append(question)
        pages: list[Page] = []
        loose: list[Question] = []
        for _position, item in items:
            if isinstance(item, Section):
                if loose:
                    pages.append(Page(None, loose))
                    loose = []
                if in_section[item.pk]:
                    pages.append(Page(item, in_section[item.pk]))
            else:
                loose.append(item)
        if loose:
            pages.append(Page(None, loose))
        return pages

    def node(self, text: str, *, choice_filter: bool = False) -> expressions.Node | None:
        """The parsed expression, or None when empty or broken (publishing refuses broken)."""
        key = (text, "filter" if choice_filter else "")
        if key not in self._parsed:
            try:
                self._parsed[key] = (
                    expressions.parse(text, allow_choice_columns=choice_filter) if text else None
                )
            except expressions.ExpressionError:
                self._parsed[key] = None
        return self._parsed[key]

    def choices_for(self, question: Question, answers: Mapping[str, object]) -> list[Choice]:
        choices = self.choices.get(question.choice_list_id or 0, [])
        node = self.node(question.choice_filter, choice_filter=True)
        if node is None:
            return choices
        return [
            c
            for c in choices
            if expressions.holds(
                node,
                expressions.Context(
                    answers, choice={"name": c.name, "label": c.label_lt, **c.extra}, today=today()
                ),
            )
        ]

    def relevant_names(self, answers: Mapping[str, object]) -> set[str]:
        """Names of the questions shown for these answers.

        Questions are walked in order and a hidden question's answer is forgotten before
        later conditions are evaluated, so a chain of conditions behaves as in ODK.
        """
        effective = dict(answers)
        shown: set[str] = set()
        section_shown: dict[int, bool] = {}
        for section in self.sections:
            node = self.node(section.relevant)
            section_shown[section.pk] = node is None or expressions.holds(
                node, expressions.Context(effective, today=today())
            )
        for question in self.questions:
            visible = section_shown.get(question.section_id or 0, True)
            node = self.node(question.relevant)
            if visible and node is not None:
                visible = expressions.holds(node, expressions.Context(effective, today=today()))
            if visible:
                shown.add(question.name)
            else:
                effective.pop(question.name, None)
        return shown

    def relevant_pages(self, answers: Mapping[str, object]) -> list[Page]:
        shown = self.relevant_names(answers)
        return [p for p in self.pages if any(q.name in shown for q in p.questions)]

    def errors(self, answers: Mapping[str, object]) -> dict[str, str]:
        """Per-question messages for every shown question (the check on submit)."""
        shown = self.relevant_names(answers)
        problems: dict[str, str] = {}
        for question in self.questions:
            if question.name in shown and question.takes_answer:
                message = self.answer_error(question, answers.get(question.name), answers)
                if message:
                    problems[question.name] = message
        return problems

    def answer_error(
        self, question: Question, value: object, answers: Mapping[str, object]
    ) -> str | None:
        if is_empty(value):
            return _("This question needs an answer.") if question.required else None
        if question.has_choices:
            allowed = {c.name for c in self.choices_for(question, answers)}
            chosen = value if isinstance(value, list) else [value]
            if not set(map(str, chosen)) <= allowed:
                return _("Choose from the options shown.")
        node = self.node(question.constraint)
        if node is not None and not expressions.holds(
            node, expressions.Context(answers, current=value, today=today())
        ):
            return question.text("constraint_message") or _("This answer is not allowed.")
        return None

    def clean_answers(self, answers: Mapping[str, object]) -> dict[str, object]:
        """Only the answers of shown questions that take an answer, in question order."""
        shown = self.relevant_names(answers)
        return {
            q.name: answers[q.name]
            for q in self.questions
            if q.name in shown and q.takes_answer and not is_empty(answers.get(q.name))
        }

    def scored_questions(self) -> list[ScoredQuestion]:
        scored = []
        for question in self.questions:
            if question.points is None or not question.has_choices:
                continue
            correct = frozenset(
                c.name for c in self.choices.get(question.choice_list_id or 0, []) if c.is_correct
            )
            scored.append(
                ScoredQuestion(
                    name=question.name,
                    points=question.points,
                    correct=correct,
                    multiple=question.type == QuestionType.SELECT_MULTIPLE,
                )
            )
        return scored

    def max_score(self) -> Decimal:
        return sum((q.points for q in self.scored_questions() if q.correct), Decimal(0))


def is_empty(value: object) -> bool:
    return value is None or value in ("", [])


def today() -> date:
    return timezone.localdate()


def load_definition(questionnaire: Questionnaire) -> FormDefinition:
    """Everything needed to show and check `questionnaire`, in a fixed number of queries."""
    sections = list(Section.objects.filter(questionnaire=questionnaire))
    questions = list(Question.objects.filter(questionnaire=questionnaire))
    choices: dict[int, list[Choice]] = {}
    for choice in Choice.objects.filter(choice_list__questionnaire=questionnaire).order_by(
        "choice_list_id", "position", "pk"
    ):
        choices.setdefault(choice.choice_list_id, []).append(choice)
    section_by_id = {s.pk: s for s in sections}
    list_by_id = {c.pk: c for c in ChoiceList.objects.filter(questionnaire=questionnaire)}
    for question in questions:
        if question.choice_list_id is not None:
            question.choice_list = list_by_id[question.choice_list_id]
        # Avoid a query per question when templates read question.section.
        if question.section_id is not None:
            question.section = section_by_id[question.section_id]
        question.questionnaire = questionnaire
    return FormDefinition(questionnaire, sections, questions, choices)


def display_value(definition: FormDefinition, question: Question, value: Any) -> str:
    """An answer as the reader sees it: choice labels instead of names."""
    if is_empty(value):
        return ""
    if question.has_choices:
        labels = {
            c.name: c.text("label")
            for c in definition.choices.get(question.choice_list_id or 0, [])
        }
        names = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(n), str(n)) for n in names)
    return str(value)
