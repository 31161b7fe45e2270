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
    definition = load_definition(questionnaire)
    problems: list[str] = []
    languages = questionnaire.language_codes
    if not definition.questions:
        problems.append(_("The questionnaire has no questions."))
    problems.extend(
        _("The title in “%(language)s” is missing.") % {"language": language}
        for language in languages
        if not getattr(questionnaire, f"title_{language}", "")
    )
    names = set(definition.by_name)
    for section in definition.sections:
        problem = expression_problem(section.relevant, names)
        if problem:
            problems.append(f"{section.name}: {problem}")
    for question in definition.questions:
        for text, is_filter in (
            (question.relevant, False),
            (question.constraint, False),
            (question.choice_filter, True),
        ):
            problem = expression_problem(text, names, choice_filter=is_filter)
            if problem:
                problems.append(f"{question.name}: {problem}")
        missing = [lang for lang in languages if not getattr(question, f"label_{lang}")]
        if missing and question.type != "note":
            problems.append(
                _("%(name)s: the question text in “%(language)s” is missing.")
                % {"name": question.name, "language": missing[0]}
            )
        if question.has_choices:
            choices = definition.choices.get(question.choice_list_id or 0, [])
            if not choices:
                problems.append(_("%(name)s: there are no choices.") % {"name": question.name})
            for choice in choices:
                missing = [lang for lang in languages if not getattr(choice, f"label_{lang}")]
                if missing:
                    problems.append(
                        _("%(name)s: choice “%(choice)s” has no text in “%(language)s”.")
                        % {"name": question.name, "choice": choice.name, "language": missing[0]}
                    )
    return problems
