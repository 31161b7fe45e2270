"""Whether a questionnaire is complete enough to publish: the same checks as the importer."""

from django.utils.translation import gettext as _

from pazanga.questionnaires import expressions
from pazanga.questionnaires.engine import load_definition
from pazanga.questionnaires.models import Questionnaire


def expression_problem(
    text: str, known_names: set[str], *, choice_filter: bool = False
) -> str | None:
    """Why `text` is not a usable expression for this questionnaire, or None."""
    if not text:
        return None
    try:
        node = expressions.parse(text, allow_choice_columns=choice_filter)
    except expressions.ExpressionError as error:
        return _("The expression does not parse at character %(position)s: %(problem)s.") % {
            "position": error.position + 1,
            "problem": error.message,
        }
    unknown = sorted(expressions.references(node) - known_names)
    if unknown:
        return _("${%(name)s} refers to an unknown field.") % {"name": unknown[0]}
    return None


def publication_problems(questionnaire: Questionnaire) -> list[str]:
    """What stops publication. Texts are needed in the form's default language; a text
    missing in another language falls back to it (decision 0024)."""
    definition = load_definition(questionnaire, attachments=False)
    problems: list[str] = []
    default = questionnaire.fallback_language
    if not definition.questions:
        problems.append(_("The questionnaire has no questions."))
    if not questionnaire.own_text("title", default):
        problems.append(_("The title in “%(language)s” is missing.") % {"language": default})
    names = set(definition.by_name) | {s.name for s in definition.sections}
    for section in definition.sections:
        count = section.repeat_count.strip()
        for text in (section.relevant, "" if count.isdigit() else count):
            problem = expression_problem(text, names)
            if problem:
                problems.append(f"{section.name}: {problem}")
    for question in definition.questions:
        for text, is_filter in (
            (question.relevant, False),
            (question.constraint, False),
            (question.calculation, False),
            (question.required_if, False),
            (question.choice_filter, True),
        ):
            problem = expression_problem(text, names, choice_filter=is_filter)
            if problem:
                problems.append(f"{question.name}: {problem}")
        if question.is_asked and not question.text("label", default):
            problems.append(
                _("%(name)s: the question text in “%(language)s” is missing.")
                % {"name": question.name, "language": default}
            )
        if question.has_choices:
            choices = definition.choices.get(question.choice_list_id or 0, [])
            if not choices:
                problems.append(_("%(name)s: there are no choices.") % {"name": question.name})
            problems.extend(
                _("%(name)s: choice “%(choice)s” has no text in “%(language)s”.")
                % {"name": question.name, "choice": choice.name, "language": default}
                for choice in choices
                if not choice.text("label", default)
            )
    return problems
