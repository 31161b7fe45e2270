"""FormSpec <-> models. Reading a questionnaire for export takes a fixed number of queries.

Lithuanian and English texts go to their columns, every other text to the object's
`translations` JSON (decision 0024); nested groups and repeats become sections with a
parent; attached files are stored with the version.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from pazanga.programme.models import Programme
from pazanga.questionnaires.models import (
    Choice,
    ChoiceList,
    FormAttachment,
    Question,
    Questionnaire,
    Section,
)
from pazanga.questionnaires.xlsform.attachments import attachment_names
from pazanga.questionnaires.xlsform.languages import display_name
from pazanga.questionnaires.xlsform.spec import (
    ChoiceSpec,
    FormSpec,
    GroupSpec,
    QuestionSpec,
    Texts,
    texts,
)

COLUMN_LANGUAGES = ("lt", "en")


def texts_of(obj: Any, base: str, languages: list[str]) -> Texts:
    values: dict[str, str] = {}
    stored = (getattr(obj, "translations", None) or {}).get(base) or {}
    for code in languages:
        if code in COLUMN_LANGUAGES and hasattr(obj, f"{base}_{code}"):
            values[code] = getattr(obj, f"{base}_{code}", "") or ""
        else:
            values[code] = stored.get(code, "")
    for code, text in stored.items():  # texts in languages the form does not list
        values.setdefault(code, text)
    return texts(values)


def media_of(obj: Any, languages: list[str]) -> tuple[tuple[str, Texts], ...]:
    stored = getattr(obj, "translations", None) or {}
    return tuple(
        sorted(
            (key.removeprefix("media::"), texts_of(obj, key, languages))
            for key in stored
            if key.startswith("media::")
        )
    )


def spec_from_questionnaire(questionnaire: Questionnaire) -> FormSpec:
    languages = questionnaire.language_codes
    sections = list(questionnaire.sections.all())
    questions = list(questionnaire.questions.select_related("choice_list").all())
    lists = list(questionnaire.choice_lists.prefetch_related("choices").order_by("pk"))

    def question_spec(q: Question) -> QuestionSpec:
        extra = dict(q.extra)
        if q.required_if:
            extra["required_if"] = q.required_if
        return QuestionSpec(
            type=q.type,
            name=q.name,
            label=texts_of(q, "label", languages),
            hint=texts_of(q, "hint", languages),
            list_name=q.choice_list.name if q.choice_list else "",
            required=q.required,
            constraint=q.constraint,
            constraint_message=texts_of(q, "constraint_message", languages),
            relevant=q.relevant,
            choice_filter=q.choice_filter,
            appearance=q.appearance,
            points=q.points.normalize() if q.points is not None else None,
            calculation=q.calculation,
            default=q.default_value,
            read_only=q.read_only,
            required_message=texts_of(q, "required_message", languages),
            guidance_hint=texts_of(q, "guidance_hint", languages),
            parameters=q.parameters,
            trigger=q.trigger,
            media=media_of(q, languages),
            extra=tuple(sorted(extra.items())),
        )

    children: dict[int | None, list[tuple[int, Any]]] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append((section.position, section))
    for question in questions:
        children.setdefault(question.section_id, []).append((question.position, question))

    def items_in(parent: int | None) -> tuple[QuestionSpec | GroupSpec, ...]:
        found: list[QuestionSpec | GroupSpec] = []
        for _position, item in sorted(children.get(parent, []), key=lambda pair: pair[0]):
            if isinstance(item, Section):
                found.append(
                    GroupSpec(
                        name=item.name,
                        label=texts_of(item, "label", languages),
                        hint=texts_of(item, "hint", languages),
                        relevant=item.relevant,
                        items=items_in(item.pk),
                        appearance=item.appearance,
                        repeat=item.is_repeat,
                        repeat_count=item.repeat_count,
                        extra=tuple(sorted(item.extra.items())),
                    )
                )
            else:
                found.append(question_spec(item))
        return tuple(found)

    form = FormSpec(
        form_id=questionnaire.code,
        title=texts_of(questionnaire, "title", languages),
        description=texts_of(questionnaire, "description", languages),
        languages=tuple(languages),
        items=items_in(None),
        choice_lists=tuple(
            (
                choice_list.name,
                tuple(
                    ChoiceSpec(
                        name=c.name,
                        label=texts_of(c, "label", languages),
                        correct=c.is_correct,
                        extra=tuple(c.extra.items()),
                        media=media_of(c, languages),
                    )
                    for c in choice_list.choices.all()
                ),
            )
            for choice_list in lists
        ),
        purpose=questionnaire.purpose,
        pass_mark=questionnaire.pass_mark.normalize()
        if questionnaire.pass_mark is not None
        else None,
        language_names=tuple(
            (code, questionnaire.language_names.get(code) or display_name(code))
            for code in languages
        ),
        settings=tuple(sorted(questionnaire.xlsform_settings.items())),
        version=str(questionnaire.version),
    )
    return FormSpec(**{**form.__dict__, "attachments": attachment_names(form)})


def split(
    model: type, values: Texts, base: str, translations: dict[str, dict[str, str]]
) -> dict[str, str]:
    """Column values for lt/en; every other language goes into `translations`."""
    given = dict(values)
    columns: dict[str, str] = {}
    if any(f.name == f"{base}_lt" for f in model._meta.get_fields()):  # type: ignore[attr-defined]
        columns = {f"{base}_{code}": given.pop(code, "") for code in COLUMN_LANGUAGES}
    if given:
        translations[base] = given
    return columns


def fields_with_translations(
    model: type, parts: list[tuple[str, Texts]], media: tuple[tuple[str, Texts], ...] = ()
) -> dict[str, Any]:
    translations: dict[str, dict[str, str]] = {}
    fields: dict[str, Any] = {}
    for base, values in parts:
        fields |= split(model, values, base, translations)
    for kind, files in media:
        if files:
            translations[f"media::{kind}"] = dict(files)
    fields["translations"] = translations
    return fields


@transaction.atomic
def questionnaire_from_spec(
    form: FormSpec,
    *,
    programme: Programme,
    code: str,
    version: int,
    created_by: Any = None,
    attachments: Mapping[str, bytes] | None = None,
) -> Questionnaire:
    """Create a draft questionnaire from `form` (in one transaction, with bulk inserts)."""
    questionnaire = Questionnaire.objects.create(
        programme=programme,
        code=code,
        version=version,
        purpose=form.purpose,
        languages=" ".join(form.languages),
        language_names=dict(form.language_names),
        xlsform_settings=dict(form.settings),
        pass_mark=form.pass_mark,
        created_by=created_by,
        **fields_with_translations(
            Questionnaire, [("title", form.title), ("description", form.description)]
        ),
    )
    lists = ChoiceList.objects.bulk_create(
        ChoiceList(questionnaire=questionnaire, name=name) for name, _choices in form.choice_lists
    )
    list_by_name = {choice_list.name: choice_list for choice_list in lists}
    Choice.objects.bulk_create(
        Choice(
            choice_list=list_by_name[name],
            name=choice.name,
            is_correct=choice.correct,
            position=position,
            extra=dict(choice.extra),
            **fields_with_translations(Choice, [("label", choice.label)], choice.media),
        )
        for name, choices in form.choice_lists
        for position, choice in enumerate(choices)
    )
    position = 0
    new_questions: list[Question] = []

    def add(spec: QuestionSpec, section: Section | None) -> None:
        nonlocal position
        extra = dict(spec.extra)
        required_if = extra.pop("required_if", "")
        new_questions.append(
            Question(
                questionnaire=questionnaire,
                section=section,
                name=spec.name,
                type=spec.type,
                choice_list=list_by_name.get(spec.list_name) if spec.list_name else None,
                required=spec.required,
                required_if=required_if,
                constraint=spec.constraint,
                relevant=spec.relevant,
                choice_filter=spec.choice_filter,
                appearance=spec.appearance,
                points=spec.points,
                calculation=spec.calculation,
                default_value=spec.default,
                read_only=spec.read_only,
                parameters=spec.parameters,
                trigger=spec.trigger,
                extra=extra,
                position=position,
                **fields_with_translations(
                    Question,
                    [
                        ("label", spec.label),
                        ("hint", spec.hint),
                        ("constraint_message", spec.constraint_message),
                        ("required_message", spec.required_message),
                        ("guidance_hint", spec.guidance_hint),
                    ],
                    spec.media,
                ),
            )
        )
        position += 1

    def add_items(items: tuple[QuestionSpec | GroupSpec, ...], parent: Section | None) -> None:
        nonlocal position
        for item in items:
            if isinstance(item, GroupSpec):
                section = Section.objects.create(
                    questionnaire=questionnaire,
                    parent=parent,
                    name=item.name,
                    relevant=item.relevant,
                    position=position,
                    is_repeat=item.repeat,
                    repeat_count=item.repeat_count,
                    appearance=item.appearance,
                    extra=dict(item.extra),
                    **fields_with_translations(
                        Section, [("label", item.label), ("hint", item.hint)]
                    ),
                )
                position += 1
                add_items(item.items, section)
            else:
                add(item, parent)

    add_items(form.items, None)
    Question.objects.bulk_create(new_questions)
    FormAttachment.objects.bulk_create(
        FormAttachment(questionnaire=questionnaire, name=name, content=data, size=len(data))
        for name, data in sorted((attachments or {}).items())
    )
    return questionnaire
