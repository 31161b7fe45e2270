"""FormSpec <-> models. Reading a questionnaire for export takes a fixed number of queries."""

from typing import Any

from django.db import transaction

from pazanga.programme.models import Programme
from pazanga.questionnaires.models import Choice, ChoiceList, Question, Questionnaire, Section
from pazanga.questionnaires.xlsform.spec import (
    ChoiceSpec,
    FormSpec,
    GroupSpec,
    QuestionSpec,
    Texts,
    texts,
)
from pazanga.questionnaires.xlsform.writer import appearance


def _texts(obj: Any, base: str, languages: list[str]) -> Texts:
    return texts({lang: getattr(obj, f"{base}_{lang}", "") for lang in languages})


def spec_from_questionnaire(questionnaire: Questionnaire) -> FormSpec:
    languages = questionnaire.language_codes
    sections = list(questionnaire.sections.all())
    questions = list(questionnaire.questions.select_related("choice_list").all())
    lists = list(questionnaire.choice_lists.prefetch_related("choices").order_by("pk"))

    def question_spec(q: Question) -> QuestionSpec:
        spec = QuestionSpec(
            type=q.type,
            name=q.name,
            label=_texts(q, "label", languages),
            hint=_texts(q, "hint", languages),
            list_name=q.choice_list.name if q.choice_list else "",
            required=q.required,
            constraint=q.constraint,
            constraint_message=_texts(q, "constraint_message", languages),
            relevant=q.relevant,
            choice_filter=q.choice_filter,
            appearance="",
            points=q.points.normalize() if q.points is not None else None,
        )
        # The type-carrying appearance word is part of the form as written.
        return QuestionSpec(**{**spec.__dict__, "appearance": appearance_of(q, spec)})

    items: list[tuple[int, QuestionSpec | GroupSpec]] = []
    by_section: dict[int, list[QuestionSpec]] = {s.pk: [] for s in sections}
    for question in questions:
        if question.section_id is None:
            items.append((question.position, question_spec(question)))
        else:
            by_section[question.section_id].append(question_spec(question))
    for section in sections:
        group = GroupSpec(
            name=section.name,
            label=_texts(section, "label", languages),
            relevant=section.relevant,
            questions=tuple(by_section[section.pk]),
        )
        items.append((section.position, group))
    items.sort(key=lambda pair: pair[0])
    return FormSpec(
        form_id=questionnaire.code,
        title=_texts(questionnaire, "title", languages),
        description=_texts(questionnaire, "description", languages),
        languages=tuple(languages),
        items=tuple(item for _p, item in items),
        choice_lists=tuple(
            (
                choice_list.name,
                tuple(
                    ChoiceSpec(
                        name=c.name,
                        label=_texts(c, "label", languages),
                        correct=c.is_correct,
                        extra=tuple(c.extra.items()),
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
        version=str(questionnaire.version),
    )


def appearance_of(question: Question, spec: QuestionSpec) -> str:
    return appearance(QuestionSpec(**{**spec.__dict__, "appearance": question.appearance}))


def _fields(spec_texts: Texts, base: str) -> dict[str, str]:
    values = dict(spec_texts)
    return {f"{base}_{lang}": values.get(lang, "") for lang in ("lt", "en")}


@transaction.atomic
def questionnaire_from_spec(
    form: FormSpec, *, programme: Programme, code: str, version: int, created_by: Any = None
) -> Questionnaire:
    """Create a draft questionnaire from `form` (in one transaction, with bulk inserts)."""
    questionnaire = Questionnaire.objects.create(
        programme=programme,
        code=code,
        version=version,
        purpose=form.purpose,
        languages=" ".join(form.languages),
        pass_mark=form.pass_mark,
        created_by=created_by,
        **_fields(form.title, "title"),
        **_fields(form.description, "description"),
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
            **_fields(choice.label, "label"),
        )
        for name, choices in form.choice_lists
        for position, choice in enumerate(choices)
    )
    position = 0
    new_questions: list[Question] = []

    def add(spec: QuestionSpec, section: Section | None) -> None:
        nonlocal position
        new_questions.append(
            Question(
                questionnaire=questionnaire,
                section=section,
                name=spec.name,
                type=spec.type,
                choice_list=list_by_name.get(spec.list_name) if spec.list_name else None,
                required=spec.required,
                constraint=spec.constraint,
                relevant=spec.relevant,
                choice_filter=spec.choice_filter,
                appearance=spec.appearance,
                points=spec.points,
                position=position,
                **_fields(spec.label, "label"),
                **_fields(spec.hint, "hint"),
                **_fields(spec.constraint_message, "constraint_message"),
            )
        )
        position += 1

    for item in form.items:
        if isinstance(item, GroupSpec):
            section = Section.objects.create(
                questionnaire=questionnaire,
                name=item.name,
                relevant=item.relevant,
                position=position,
                **_fields(item.label, "label"),
            )
            position += 1
            for question in item.questions:
                add(question, section)
        else:
            add(item, None)
    Question.objects.bulk_create(new_questions)
    return questionnaire
