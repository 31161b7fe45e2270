"""The form engine: a questionnaire loaded once, its pages, relevance, calculations, repeats.

`load_definition(questionnaire)` reads everything in a fixed number of queries whatever
the number of questions; everything after that works in memory. Relevance, calculations
and constraints are always computed here, on the server: the browser only asks for a
fresh rendering (HTMX).

Answers are one JSON object keyed by question name (decision 0022). A repeat is a list of
instance objects under the repeat's name, each keyed by the names inside it (nested repeats
nest the same way); groups add no level. A *key* names one place to answer: the question
name at the top level, `repeat/index/name` inside a repeat (`a/0/b/2/c` when nested).
"""

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from pazanga.questionnaires import expressions
from pazanga.questionnaires.enums import QuestionType
from pazanga.questionnaires.models import (
    Choice,
    ChoiceList,
    FormAttachment,
    Question,
    Questionnaire,
    Section,
)
from pazanga.questionnaires.scoring import ScoredQuestion

MAX_PASSES = 5  # calculations that read later calculations settle within a few passes
Path = tuple[tuple[str, int], ...]  # (repeat name, instance index) from the outside in


def max_repeat_count() -> int:
    return int(getattr(settings, "QUESTIONNAIRE_MAX_REPEAT_COUNT", 200))


@dataclass
class Page:
    section: Section | None
    questions: list[Question]  # every question on the page, at any depth, in order

    @property
    def key(self) -> str:
        return self.section.name if self.section else self.questions[0].name


@dataclass(frozen=True)
class Slot:
    """One shown place to answer: a question at a key, inside these repeat instances."""

    key: str
    question: Question
    path: Path


@dataclass
class Evaluation:
    """What the form looks like for some answers: shown places, computed values."""

    shown: set[str]  # keys of shown questions
    values: dict[str, Any]  # the answers with hidden ones dropped and calculations done
    slots: list[Slot]  # shown questions in order, with their place
    counts: dict[str, int]  # key of a repeat ("r", "r/0/inner") -> number of instances


def key_of(path: Path, name: str) -> str:
    return "/".join([*(f"{repeat}/{index}" for repeat, index in path), name])


def scope_of(root: Mapping[str, Any], path: Path) -> Mapping[str, Any]:
    """The instance object at `path` (the root itself for the empty path)."""
    node: Any = root
    for repeat, index in path:
        instances = node.get(repeat) if isinstance(node, Mapping) else None
        if not isinstance(instances, list) or not 0 <= index < len(instances):
            return {}
        node = instances[index]
        if not isinstance(node, Mapping):
            return {}
    return node


class Scope(expressions.Environment):
    """How `${name}` reads from inside some repeat instances (`path`), as ODK reads it:
    a field of the current instance (or an enclosing one) is its value; a field inside a
    repeat we are not in is the list of its values in every instance."""

    def __init__(self, definition: "FormDefinition", root: Mapping[str, Any], path: Path):
        self.definition, self.root, self.path = definition, root, path

    def lookup(self, name: str, answers: Mapping[str, object]) -> object:
        repeats = self.definition.repeat_path.get(name, ())
        node: Any = self.root
        for depth, repeat in enumerate(repeats):
            if depth < len(self.path) and self.path[depth][0] == repeat:
                node = scope_of(node, (self.path[depth],))
                continue
            return expressions.Nodeset(collect(node, repeats[depth:], name))
        return node.get(name) if isinstance(node, Mapping) else None

    def indexed(self, name: str, steps: list[tuple[str, int]]) -> object:
        node: Any = self.root
        for repeat, number in steps:
            node = scope_of(node, ((repeat, number - 1),))
        remaining = self.definition.repeat_path.get(name, ())[len(steps) :]
        if remaining:
            return expressions.Nodeset(collect(node, remaining, name))
        return node.get(name)

    def choice_label(self, question: str, value: str) -> str:
        found = self.definition.by_name.get(question)
        if found is None:
            return value
        for choice in self.definition.choices.get(found.choice_list_id or 0, []):
            if choice.name == value:
                return choice.text("label", self.definition.language)
        return value

    def pulldata(self, file: str, column: str, key_column: str, key: str) -> str:
        for row in self.definition.table(f"{file}.csv"):
            if row.get(key_column) == key:
                return row.get(column, "")
        return ""


def collect(node: Any, repeats: tuple[str, ...], name: str) -> list[object]:
    instances = node.get(repeats[0]) if isinstance(node, Mapping) else None
    if not isinstance(instances, list):
        return []
    if len(repeats) == 1:
        if name == repeats[0]:
            return list(instances)
        return [instance.get(name) for instance in instances if isinstance(instance, Mapping)]
    found: list[object] = []
    for instance in instances:
        found.extend(collect(instance, repeats[1:], name))
    return found


def stored_value(value: expressions.Value) -> object:
    """A calculation's value as it is kept in the answers."""
    if isinstance(value, expressions.Nodeset):
        value = value[0] if value else ""
    return expressions.as_text(value)


@dataclass
class FormDefinition:
    questionnaire: Questionnaire
    sections: list[Section]
    questions: list[Question]
    choices: dict[int, list[Choice]]  # choice list id -> choices in order
    attachments: dict[str, bytes] = field(default_factory=dict)
    language: str = ""  # the content language texts are shown in ("" = the page's)
    _parsed: dict[tuple[str, str], expressions.Node | None] = field(default_factory=dict)
    _tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @cached_property
    def by_name(self) -> dict[str, Question]:
        return {q.name: q for q in self.questions}

    @cached_property
    def section_by_name(self) -> dict[str, Section]:
        return {s.name: s for s in self.sections}

    @cached_property
    def children(self) -> dict[int | None, list[Section | Question]]:
        """Sections and questions directly inside each section (None: the form), in order."""
        found: dict[int | None, list[tuple[int, Section | Question]]] = {}
        for section in self.sections:
            found.setdefault(section.parent_id, []).append((section.position, section))
        for question in self.questions:
            found.setdefault(question.section_id, []).append((question.position, question))
        return {
            parent: [item for _p, item in sorted(items, key=lambda pair: pair[0])]
            for parent, items in found.items()
        }

    @cached_property
    def repeat_path(self) -> dict[str, tuple[str, ...]]:
        """For each question and section name, the repeats it is inside (a repeat: and itself)."""
        paths: dict[str, tuple[str, ...]] = {}

        def visit(parent: int | None, repeats: tuple[str, ...]) -> None:
            for item in self.children.get(parent, []):
                if isinstance(item, Section):
                    inner = (*repeats, item.name) if item.is_repeat else repeats
                    paths[item.name] = inner
                    visit(item.pk, inner)
                else:
                    paths[item.name] = repeats

        visit(None, ())
        return paths

    def descendants(self, section: Section) -> list[Question]:
        found: list[Question] = []
        for item in self.children.get(section.pk, []):
            if isinstance(item, Section):
                found.extend(self.descendants(item))
            else:
                found.append(item)
        return found

    @cached_property
    def pages(self) -> list[Page]:
        """Each top-level section (with everything inside it) is a page; questions outside
        sections make pages between them."""
        pages: list[Page] = []
        loose: list[Question] = []
        for item in self.children.get(None, []):
            if isinstance(item, Section):
                if loose:
                    pages.append(Page(None, loose))
                    loose = []
                inside = self.descendants(item)
                if inside:
                    pages.append(Page(item, inside))
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

    def table(self, file_name: str) -> list[dict[str, str]]:
        """An attached CSV file as rows (for pulldata), read once."""
        if file_name not in self._tables:
            data = self.attachments.get(file_name, b"")
            text = data.decode("utf-8-sig", errors="replace")
            self._tables[file_name] = list(csv.DictReader(io.StringIO(text)))
        return self._tables[file_name]

    def context(
        self, root: Mapping[str, Any], path: Path = (), *, current: object = None
    ) -> expressions.Context:
        return expressions.Context(
            scope_of(root, path),
            current=current,
            today=today(),
            now=timezone.localtime(),
            position=path[-1][1] + 1 if path else None,
            environment=Scope(self, root, path),
        )

    def holds(self, text: str, root: Mapping[str, Any], path: Path = ()) -> bool:
        node = self.node(text)
        return node is None or expressions.holds(node, self.context(root, path))

    # Evaluation -----------------------------------------------------------------------

    def evaluate(self, answers: Mapping[str, Any]) -> Evaluation:
        """Relevance and calculations for `answers`, walked in order as ODK does: a hidden
        question's answer is forgotten before later conditions read it; calculations are
        redone until nothing changes (at most MAX_PASSES times)."""
        values = copy_tree(answers)
        evaluation = Evaluation(set(), values, [], {})
        for _pass in range(MAX_PASSES):
            evaluation = Evaluation(set(), values, [], {})
            if not self._walk(None, values, values, (), evaluation, visible=True):
                break
        return evaluation

    def _walk(
        self,
        parent: int | None,
        root: dict[str, Any],
        scope: dict[str, Any],
        path: Path,
        evaluation: Evaluation,
        *,
        visible: bool,
    ) -> bool:
        changed = False
        for item in self.children.get(parent, []):
            if isinstance(item, Section):
                shown = visible and self.holds(item.relevant, root, path)
                if not item.is_repeat:
                    changed |= self._walk(item.pk, root, scope, path, evaluation, visible=shown)
                    continue
                if not shown:
                    changed |= scope.pop(item.name, None) is not None
                    continue
                instances = scope.get(item.name)
                if not isinstance(instances, list):
                    instances = [{}]
                    scope[item.name] = instances
                    changed = True
                wanted = self.repeat_count(item, root, path)
                if wanted is not None and wanted != len(instances):
                    del instances[wanted:]
                    instances.extend({} for _ in range(wanted - len(instances)))
                    changed = True
                evaluation.counts[key_of(path, item.name)] = len(instances)
                for index, instance in enumerate(instances):
                    if isinstance(instance, dict):
                        inner = (*path, (item.name, index))
                        changed |= self._walk(
                            item.pk, root, instance, inner, evaluation, visible=True
                        )
                continue
            question = item
            if not (visible and self.holds(question.relevant, root, path)):
                changed |= scope.pop(question.name, None) is not None
                continue
            key = key_of(path, question.name)
            evaluation.shown.add(key)
            evaluation.slots.append(Slot(key, question, path))
            if question.calculation and not question.trigger:
                # (a calculation with a trigger runs only when its trigger changes:
                # AnswerForm.apply_triggers)
                node = self.node(question.calculation)
                if node is not None:
                    old = scope.get(question.name)
                    context = self.context(root, path, current=old)
                    new = stored_value(expressions.value_of(node, context))
                    if new != old and not (new == "" and old is None):
                        scope[question.name] = new
                        changed = True
        return changed

    def repeat_count(self, section: Section, root: Mapping[str, Any], path: Path) -> int | None:
        """The number of instances a repeat_count asks for (capped), or None: the respondent's."""
        text = section.repeat_count.strip()
        if not text:
            return None
        node = self.node(text)
        number = None
        if node is not None:
            number = expressions.as_number(expressions.value_of(node, self.context(root, path)))
        whole = int(number) if number is not None and number.is_finite() else 0
        return max(0, min(whole, max_repeat_count()))

    def relevant_names(self, answers: Mapping[str, Any]) -> set[str]:
        """Keys of the questions shown for these answers (top-level keys are names)."""
        return self.evaluate(answers).shown

    def relevant_pages(self, answers: Mapping[str, Any]) -> list[Page]:
        shown = {key.rsplit("/", 1)[-1] for key in self.evaluate(answers).shown}
        return [p for p in self.pages if any(q.name in shown and q.is_asked for q in p.questions)]

    def errors(self, answers: Mapping[str, Any]) -> dict[str, str]:
        """Per-place messages for every shown question that is asked (the check on submit)."""
        evaluation = self.evaluate(answers)
        problems: dict[str, str] = {}
        for slot in evaluation.slots:
            if not slot.question.is_asked:
                continue
            scope = scope_of(evaluation.values, slot.path)
            message = self.answer_error(
                slot.question, scope.get(slot.question.name), evaluation.values, slot.path
            )
            if message:
                problems[slot.key] = message
        return problems

    def is_required(self, question: Question, root: Mapping[str, Any], path: Path = ()) -> bool:
        if question.required:
            return True
        node = self.node(question.required_if)
        return node is not None and expressions.holds(node, self.context(root, path))

    def answer_error(
        self, question: Question, value: object, answers: Mapping[str, Any], path: Path = ()
    ) -> str | None:
        if is_empty(value):
            if self.is_required(question, answers, path):
                return question.text("required_message", self.language) or _(
                    "This question needs an answer."
                )
            return None
        if question.has_choices:
            allowed = {c.name for c in self.choices_for(question, answers, path)}
            chosen = value if isinstance(value, list) else [value]
            if not set(map(str, chosen)) <= allowed:
                return _("Choose from the options shown.")
        node = self.node(question.constraint)
        if node is not None and not expressions.holds(
            node, self.context(answers, path, current=value)
        ):
            return question.text("constraint_message", self.language) or _(
                "This answer is not allowed."
            )
        return None

    def choices_for(
        self, question: Question, answers: Mapping[str, Any], path: Path = ()
    ) -> list[Choice]:
        choices = self.choices.get(question.choice_list_id or 0, [])
        node = self.node(question.choice_filter, choice_filter=True)
        if node is None:
            return choices
        base = self.context(answers, path)
        return [
            c
            for c in choices
            if expressions.holds(
                node,
                expressions.Context(
                    base.answers,
                    choice={"name": c.name, "label": c.text("label"), **c.extra},
                    today=base.today,
                    now=base.now,
                    position=base.position,
                    environment=base.environment,
                ),
            )
        ]

    def clean_answers(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        """The answers to keep on submission: shown questions that take an answer, with
        calculated values, repeats as lists of instances, in question order."""
        evaluation = self.evaluate(answers)
        return self._clean(None, evaluation.values, (), evaluation.shown)

    def _clean(
        self, parent: int | None, scope: Mapping[str, Any], path: Path, shown: set[str]
    ) -> dict[str, Any]:
        kept: dict[str, Any] = {}
        for item in self.children.get(parent, []):
            if isinstance(item, Section):
                if not item.is_repeat:
                    kept |= self._clean(item.pk, scope, path, shown)
                    continue
                instances = scope.get(item.name)
                if isinstance(instances, list):
                    kept[item.name] = [
                        self._clean(item.pk, instance, (*path, (item.name, index)), shown)
                        for index, instance in enumerate(instances)
                        if isinstance(instance, Mapping)
                    ]
                continue
            key = key_of(path, item.name)
            value = scope.get(item.name)
            if key in shown and item.takes_answer and not is_empty(value):
                kept[item.name] = value
        return kept

    def slots_for(self, questions: list[Question], answers: Mapping[str, Any]) -> list[Slot]:
        """The places to answer `questions` for these answers: one per repeat instance."""
        names = {q.name for q in questions}
        return [s for s in self.evaluate(answers).slots if s.question.name in names]

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

    def repeats(self) -> list[Section]:
        return [s for s in self.sections if s.is_repeat]

    def questions_in(self, section: Section | None) -> Iterator[Question]:
        """Questions directly in `section` or its groups, not in repeats inside it."""
        for item in self.children.get(section.pk if section else None, []):
            if isinstance(item, Section):
                if not item.is_repeat:
                    yield from self.questions_in(item)
            else:
                yield item


def copy_tree(answers: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the answers' dictionaries and lists; the values themselves are shared
    (an uploaded file is not copied)."""

    def copied(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: copied(v) for k, v in value.items()}
        if isinstance(value, list):
            return [copied(v) for v in value]
        return value

    return copied(answers)


def is_empty(value: object) -> bool:
    return value is None or value in ("", [])


def today() -> date:
    return timezone.localdate()


def now() -> datetime:
    return timezone.localtime()


def load_definition(questionnaire: Questionnaire, *, attachments: bool = True) -> FormDefinition:
    """Everything needed to show and check `questionnaire`, in a fixed number of queries."""
    sections = list(Section.objects.filter(questionnaire=questionnaire))
    questions = list(Question.objects.filter(questionnaire=questionnaire))
    choices: dict[int, list[Choice]] = {}
    fallback = questionnaire.fallback_language
    for choice in Choice.objects.filter(choice_list__questionnaire=questionnaire).order_by(
        "choice_list_id", "position", "pk"
    ):
        choice.fallback_language = fallback
        choices.setdefault(choice.choice_list_id, []).append(choice)
    section_by_id = {s.pk: s for s in sections}
    list_by_id = {c.pk: c for c in ChoiceList.objects.filter(questionnaire=questionnaire)}
    for section in sections:
        section.fallback_language = fallback
        if section.parent_id is not None:
            section.parent = section_by_id[section.parent_id]
    for question in questions:
        question.fallback_language = fallback
        if question.choice_list_id is not None:
            question.choice_list = list_by_id[question.choice_list_id]
        # Avoid a query per question when templates read question.section.
        if question.section_id is not None:
            question.section = section_by_id[question.section_id]
        question.questionnaire = questionnaire
    files: dict[str, bytes] = {}
    if attachments and any("pulldata" in q.calculation for q in questions):
        files = {
            a.name: bytes(a.content)
            for a in FormAttachment.objects.filter(questionnaire=questionnaire)
        }
    return FormDefinition(questionnaire, sections, questions, choices, files)


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
