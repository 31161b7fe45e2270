"""The Django form that asks a page (or all) of a questionnaire's questions.

Other apps embed it: `AnswerForm(definition, data=request.POST, prefix="q")` renders the
questions inside their own page (`{% include "questionnaires/_questions.html" %}`) and
`form.answers` gives the checked answers to store with `services.save_answers`.

A question inside a repeat is asked once per instance; its field is named after its key
(`household__0__age`, see engine). Texts are shown in the respondent's content language
(`language`), which may be any language the form is written in.
"""

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import translation
from django.utils.translation import gettext as _

from pazanga.common.uploads import DOCUMENT_KINDS, CheckedFileField
from pazanga.questionnaires import expressions
from pazanga.questionnaires.engine import (
    FormDefinition,
    Path,
    Scope,
    Slot,
    copy_tree,
    is_empty,
    key_of,
    max_repeat_count,
    scope_of,
    stored_value,
)
from pazanga.questionnaires.enums import UPLOAD_TYPES, QuestionType
from pazanga.questionnaires.media import MEDIA_KINDS, MediaFileField
from pazanga.questionnaires.models import Question, Section

MAX_TEXT = 2000
MAX_LONG_TEXT = 20000
MAX_ANSWER_FILE_BYTES = 10 * 1024 * 1024
ANSWER_FILE_KINDS = DOCUMENT_KINDS  # PDF, Word, Excel, PNG, JPEG
GEOPOINT = re.compile(r"-?\d{1,2}(\.\d+)?\s+-?\d{1,3}(\.\d+)?(\s+-?\d+(\.\d+)?){0,2}\Z")
REFERENCE = re.compile(r"\$\{(" + expressions.NAME_PATTERN + r")\}")
SELECT_TYPES = (QuestionType.SELECT_MULTIPLE, QuestionType.RANK)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


class GeopointInput(forms.TextInput):
    """Typed as "latitude longitude [altitude accuracy]"; a button fills it from the
    browser's location where the browser has one (questionnaires.js)."""

    def __init__(self) -> None:
        super().__init__(attrs={"data-geopoint": "", "inputmode": "decimal"})


def answer_file_field(**kwargs: Any) -> CheckedFileField:
    """A file answer: a document or an image, recognised by its content, size-limited."""
    return CheckedFileField(kinds=ANSWER_FILE_KINDS, max_bytes=MAX_ANSWER_FILE_BYTES, **kwargs)


def geopoint(value: str) -> None:
    if value and not GEOPOINT.match(value.strip()):
        raise ValidationError(
            _("Write the location as latitude and longitude, like 54.687 25.279."),
            code="geopoint",
        )
    if value:
        latitude, longitude = (Decimal(part) for part in value.split()[:2])
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):  # noqa: PLR2004 (degrees)
            raise ValidationError(_("This place is not on Earth."), code="geopoint")


class RankField(forms.MultipleChoiceField):
    """The choices in the order the respondent puts them: one select per place."""

    def __init__(self, *, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(choices=choices, **kwargs)
        self.widget = forms.MultiWidget(
            widgets=[forms.Select(choices=[("", "—"), *choices]) for _c in choices]
        )

    def to_python(self, value: Any) -> list[str]:
        values = [v for v in (value or []) if v]
        if len(set(values)) != len(values):
            raise ValidationError(_("Put each option in one place only."), code="rank")
        return [str(v) for v in values]

    def validate(self, value: Any) -> None:
        if value and len(value) != len(self.choices):
            raise ValidationError(_("Put every option in a place."), code="rank")
        super().validate(value)


def range_field(question: Question, common: dict[str, Any]) -> forms.Field:
    parameters = {k.lower(): v for k, v in question.parameter_values.items()}
    start = Decimal(parameters.get("start", "0"))
    end = Decimal(parameters.get("end", "10"))
    step = Decimal(parameters.get("step", "1"))
    low, high = min(start, end), max(start, end)
    attrs = {"min": str(low), "max": str(high), "step": str(step)}
    validators = [MinValueValidator(low), MaxValueValidator(high)]
    if all(v == v.to_integral() for v in (start, end, step)):
        return forms.IntegerField(
            widget=forms.NumberInput(attrs=attrs), validators=validators, **common
        )
    return forms.DecimalField(
        max_digits=20, decimal_places=6, widget=forms.NumberInput(attrs=attrs), **common
    )


def build_field(  # noqa: PLR0911, PLR0912 (one return per question type)
    question: Question,
    definition: FormDefinition,
    answers: Mapping[str, object],
    path: Path = (),
    language: str = "",
) -> forms.Field:
    label = question_text(question, "label", definition, answers, path, language) or question.name
    hint = question_text(question, "hint", definition, answers, path, language)
    common: dict[str, Any] = {"label": label, "required": False, "help_text": hint}
    kind = question.type
    if kind in (QuestionType.TEXT, QuestionType.BARCODE):
        return forms.CharField(max_length=MAX_TEXT, **common)
    if kind in (QuestionType.LONG_TEXT, QuestionType.GEOTRACE, QuestionType.GEOSHAPE):
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
    if kind == QuestionType.TIME:
        return forms.TimeField(widget=TimeInput(), **common)
    if kind == QuestionType.DATETIME:
        return forms.DateTimeField(widget=DateTimeInput(), **common)
    if kind == QuestionType.GEOPOINT:
        return forms.CharField(
            max_length=200, widget=GeopointInput(), validators=[geopoint], **common
        )
    if kind == QuestionType.RANGE:
        return range_field(question, common)
    if kind == QuestionType.ACKNOWLEDGE:
        return forms.BooleanField(**common)
    if kind == QuestionType.FILE:
        return answer_file_field(**common)
    if kind in MEDIA_KINDS:
        return MediaFileField(media=kind, max_bytes=MAX_ANSWER_FILE_BYTES, **common)
    choices = [
        (c.name, c.text("label", language) or c.name)
        for c in definition.choices_for(question, answers, path)
    ]
    if kind == QuestionType.RANK:
        return RankField(choices=choices, **common)
    if kind == QuestionType.SELECT_MULTIPLE:
        widget = forms.SelectMultiple if "minimal" in question.appearance else None
        return forms.MultipleChoiceField(
            choices=choices, widget=(widget or forms.CheckboxSelectMultiple), **common
        )
    if "minimal" in question.appearance.split():
        return forms.ChoiceField(choices=[("", "—"), *choices], **common)
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)


def question_text(  # noqa: PLR0917 (what a text needs to be shown in place)
    question: Question | Section,
    base: str,
    definition: FormDefinition,
    answers: Mapping[str, object],
    path: Path,
    language: str,
) -> str:
    """A label or hint in `language`, with `${name}` replaced by the answer it names."""
    text = question.text(base, language or None)
    if "${" not in text:
        return text
    scope = Scope(definition, answers, path)

    def value(match: re.Match[str]) -> str:
        raw = scope.lookup(match.group(1), {})
        if isinstance(raw, expressions.Nodeset):
            return ", ".join(expressions.as_text(expressions.as_value(v)) for v in raw)
        return expressions.as_text(expressions.as_value(raw))

    return REFERENCE.sub(value, text)


def to_answer(question: Question, value: Any) -> object:  # noqa: PLR0911 (one per kind of value)
    """A cleaned form value as stored in Response.answers (JSON)."""
    if question.type == QuestionType.ACKNOWLEDGE:
        return "OK" if value else None
    if is_empty(value):
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    if question.type == QuestionType.GEOPOINT:
        return " ".join(str(value).split())
    return value  # an UploadedFile for file questions: services store it and keep its name


def to_initial(question: Question, value: object) -> object:
    if question.type in UPLOAD_TYPES:
        return None
    if question.type == QuestionType.ACKNOWLEDGE:
        return value == "OK"
    return value


def field_name(key: str) -> str:
    return key.replace("/", "__")


def set_at(root: dict[str, Any], path: Path, name: str, value: object) -> None:
    """Put `value` under `name` in the instance at `path`, making the instances needed."""
    node = root
    for repeat, index in path:
        instances = node.get(repeat)
        if not isinstance(instances, list):
            instances = []
            node[repeat] = instances
        while len(instances) <= index:
            instances.append({})
        node = instances[index]
    if value is None:
        node.pop(name, None)
    else:
        node[name] = value


def content_language(definition: FormDefinition, language: str | None) -> str:
    codes = definition.questionnaire.language_codes
    if language in codes:
        return str(language)
    interface = (translation.get_language() or "lt").split("-")[0]
    return interface if interface in codes else (codes[0] if codes else "lt")


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
        language: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.definition = definition
        self.language = content_language(definition, language)
        definition.language = self.language
        # Questions the respondent had not seen yet (they appeared because of an answer on
        # this page) are not checked now: the page is shown again with them first.
        self.previously_shown = previously_shown
        self.page_questions = list(questions or definition.questions)
        self.page_names = {q.name for q in self.page_questions}
        self.stored = copy_tree(answers or {})
        super().__init__(*args, **kwargs)
        merged = self.merged_raw()
        self.evaluation = definition.evaluate(merged)
        self.shown = self.evaluation.shown
        self.slots = [s for s in self.evaluation.slots if s.question.name in self.page_names]
        for slot in self.slots:
            if not slot.question.is_asked:
                continue
            name = field_name(slot.key)
            self.fields[name] = build_field(
                slot.question, definition, self.evaluation.values, slot.path, self.language
            )
            stored = scope_of(self.stored, slot.path).get(slot.question.name)
            if stored is None:
                stored = self.default(slot)
            if stored is not None:
                self.initial.setdefault(name, to_initial(slot.question, stored))

    def default(self, slot: Slot) -> object:
        """The XLSForm `default`: a value, or an expression computed when first asked."""
        text = slot.question.default_value
        if not text:
            return None
        node = None
        if "${" in text or "(" in text:
            node = self.definition.node(text)
        if node is None:
            return text
        context = self.definition.context(self.evaluation.values, slot.path)
        value = expressions.value_of(node, context)
        return expressions.as_text(value) if value != "" else None

    def asked_slots(self, answers: Mapping[str, Any]) -> list[Slot]:
        return [
            s
            for s in self.definition.evaluate(answers).slots
            if s.question.name in self.page_names
            and s.question.is_asked
            and s.question.type not in UPLOAD_TYPES
        ]

    def merged_raw(self) -> dict[str, Any]:
        """Stored answers overlaid with what was typed (uncleaned) on this page."""
        merged = copy_tree(self.stored)
        if not self.is_bound:
            return merged
        for _round in range(2):  # a repeat count typed on this page makes its instances
            for slot in self.asked_slots(merged):
                key = self.add_prefix(field_name(slot.key))
                question = slot.question
                if question.type == QuestionType.RANK:
                    raw: Any = [self.data.get(f"{key}_{i}", "") for i in range(50)]
                    raw = [v for v in raw if v]
                elif question.type == QuestionType.SELECT_MULTIPLE:
                    raw = (
                        self.data.getlist(key)
                        if hasattr(self.data, "getlist")
                        else self.data.get(key, [])
                    )
                else:
                    raw = self.data.get(key, "")
                set_at(merged, slot.path, question.name, raw)
        return merged

    @property
    def items(self) -> list[dict[str, Any]]:
        """What the template shows, in order: questions, notes, nested groups and repeat
        instances (as start/end markers, so that the template needs no recursion)."""
        shown: list[dict[str, Any]] = []
        self._items(None, (), 0, shown)
        return shown

    def _items(self, parent: int | None, path: Path, depth: int, out: list[dict[str, Any]]) -> None:
        definition, values = self.definition, self.evaluation.values
        for item in definition.children.get(parent, []):
            if isinstance(item, Section):
                if not any(q.name in self.page_names for q in definition.descendants(item)):
                    continue
                label = question_text(item, "label", definition, values, path, self.language)
                if item.is_repeat:
                    self._repeat_items(item, path, depth, label, out)
                elif depth > 0 or parent is not None:
                    out.append({"kind": "group_start", "section": item, "label": label})
                    self._items(item.pk, path, depth + 1, out)
                    out.append({"kind": "group_end"})
                else:
                    self._items(item.pk, path, depth + 1, out)
                continue
            key = key_of(path, item.name)
            if item.name not in self.page_names or key not in self.shown:
                continue
            if item.is_asked:
                out.append({"kind": "question", "question": item, "field": self[field_name(key)]})
            elif item.type == QuestionType.NOTE:
                texts = {
                    base: question_text(item, base, definition, values, path, self.language)
                    for base in ("label", "hint")
                }
                out.append({"kind": "note", "question": item, "field": None, **texts})

    def _repeat_items(
        self, section: Section, path: Path, depth: int, label: str, out: list[dict[str, Any]]
    ) -> None:
        key = key_of(path, section.name)
        count = self.evaluation.counts.get(key)
        if count is None:
            return
        fixed = bool(section.repeat_count.strip())
        out.append({"kind": "repeat_start", "section": section, "label": label, "key": key})
        for index in range(count):
            out.append(
                {
                    "kind": "instance_start",
                    "number": index + 1,
                    "key": f"{key}/{index}",
                    "label": label,
                    "removable": not fixed,
                }
            )
            self._items(section.pk, (*path, (section.name, index)), depth + 1, out)
            out.append({"kind": "instance_end"})
        addable = not fixed and count < max_repeat_count()
        out.append({"kind": "repeat_end", "key": key, "label": label, "addable": addable})

    def top_level_names(self) -> set[str]:
        """Names this page answers at the top of the answers: questions and repeats."""
        names: set[str] = set()
        for question in self.page_questions:
            repeats = self.definition.repeat_path.get(question.name, ())
            names.add(repeats[0] if repeats else question.name)
        return names

    def clean(self) -> dict[str, Any]:  # noqa: PLR0912 (checks in the order they apply)
        cleaned = super().clean() or {}
        answers = copy_tree(self.stored)
        for slot in self.slots:
            name = field_name(slot.key)
            if name in self.fields and name not in self.errors:
                value = to_answer(slot.question, cleaned.get(name))
                if slot.question.type in UPLOAD_TYPES and value is None:
                    continue  # keep an earlier upload
                set_at(answers, slot.path, slot.question.name, value)
        changed_by_trigger = self.apply_triggers(answers)
        evaluation = self.definition.evaluate(answers)
        for slot in evaluation.slots:
            name = field_name(slot.key)
            if slot.question.name not in self.page_names or name not in self.fields:
                continue
            if name in self.errors:
                continue
            if self.previously_shown is not None and slot.key not in self.previously_shown:
                continue
            value = scope_of(answers, slot.path).get(slot.question.name)
            message = self.definition.answer_error(slot.question, value, answers, slot.path)
            if message:
                self.add_error(name, message)
        shown = evaluation.shown
        self.answers = {}
        for name in sorted(self.top_level_names(), key=self.position_of):
            question = self.definition.by_name.get(name)
            if question is not None:
                if question.is_asked and name in shown:
                    self.answers[name] = answers.get(name)
            elif name in answers:
                self.answers[name] = answers[name]
        for name in changed_by_trigger:
            self.answers[name] = answers.get(name)
        self.hidden_now = [q.name for q in self.page_questions if q.name not in shown]
        return cleaned

    def apply_triggers(self, answers: dict[str, Any]) -> list[str]:
        """XLSForm `trigger`: a question's calculation runs when a question it names changes
        on this page (and only then), as ODK's setvalue does. Returns the top-level names
        whose value it set."""
        changed: list[str] = []
        before = Scope(self.definition, self.stored, ())
        after = Scope(self.definition, answers, ())
        for question in self.definition.questions:
            if not (question.trigger and question.calculation):
                continue
            names = REFERENCE.findall(question.trigger)
            if all(before.lookup(n, {}) == after.lookup(n, {}) for n in names):
                continue
            node = self.definition.node(question.calculation)
            if node is None or self.definition.repeat_path.get(question.name):
                continue  # inside repeats a trigger is not run on the server
            context = self.definition.context(answers, (), current=answers.get(question.name))
            answers[question.name] = stored_value(expressions.value_of(node, context))
            changed.append(question.name)
        return changed

    def position_of(self, name: str) -> int:
        item = self.definition.by_name.get(name) or self.definition.section_by_name.get(name)
        return item.position if item is not None else 0


REPEAT_ACTION = re.compile(r"(add|remove):([A-Za-z0-9_.\-/]+)\Z")


def change_instances(
    definition: FormDefinition, answers: dict[str, Any], action: str
) -> dict[str, Any] | None:
    """Answers after "add:household" or "remove:household/2" (a respondent's repeat button),
    or None when the action is not one of those or not allowed."""
    match = REPEAT_ACTION.match(action)
    if match is None:
        return None
    verb, key = match.groups()
    parts = key.split("/")
    if verb == "remove":
        if len(parts) < 2 or not parts[-1].isdigit():  # noqa: PLR2004 (repeat/index)
            return None
        index = int(parts.pop())
    name = parts[-1]
    section = definition.section_by_name.get(name)
    if section is None or not section.is_repeat or section.repeat_count.strip():
        return None
    try:
        path: Path = tuple((parts[i], int(parts[i + 1])) for i in range(0, len(parts) - 1, 2))
    except ValueError:
        return None
    changed = copy_tree(answers)
    scope = scope_of(changed, path)
    if path and not scope:
        return None
    instances = scope.get(name)
    if not isinstance(instances, list):
        instances = [{}]
    if verb == "add" and len(instances) < max_repeat_count():
        instances.append({})
    elif verb == "remove" and 0 <= index < len(instances):
        instances.pop(index)
    if isinstance(scope, dict):
        scope[name] = instances
    return changed
