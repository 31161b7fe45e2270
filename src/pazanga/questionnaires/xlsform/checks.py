"""What the engine needs of a form beyond what pyxform checks, each problem located.

Every expression parses with our parser and uses only functions we evaluate; every
`${name}` names a question, group or repeat of the form; a calculation never depends on
itself; a repeat count is a number (within the configured cap) or an expression; a
choice filter names columns its list has. Missing translations are warnings: the text of
the default language is shown instead.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from pazanga.questionnaires import expressions
from pazanga.questionnaires.xlsform.located import Locator
from pazanga.questionnaires.xlsform.spec import FormSpec, GroupSpec, QuestionSpec, Texts

LABEL_REFERENCE = re.compile(r"\$\{([^}]*)\}")


def choice_columns(node: expressions.Node) -> set[str]:
    return {n.name for n in expressions.walk(node) if isinstance(n, expressions.ChoiceColumn)}


class FormChecker:
    def __init__(self, form: FormSpec, locator: Locator, max_repeat_count: int) -> None:
        self.form = form
        self.locator = locator
        self.max_repeat_count = max_repeat_count
        self.names = {q.name for q in form.questions} | {g.name for g in form.groups}
        self.lists = dict(form.choice_lists)

    def check(self) -> None:
        for question in self.form.questions:
            self.check_question(question)
        for group in self.form.groups:
            self.check_group(group)
        self.check_cycles()
        self.check_translations()

    def expression(
        self, name: str, base: str, text: str, *, choice_filter: bool = False
    ) -> expressions.Node | None:
        if not text:
            return None
        try:
            node = expressions.parse(text, allow_choice_columns=choice_filter)
        except expressions.ExpressionError as error:
            if error.function:
                message = _("The function %(function)s() is not supported.") % {
                    "function": error.function
                }
            else:
                message = _(
                    "The expression does not parse at character %(position)s: %(problem)s."
                ) % {"position": error.position + 1, "problem": error.message}
            self.locator.row_error(name, base, message)
            return None
        for reference in sorted(expressions.references(node) - self.names):
            self.locator.row_error(
                name, base, _("${%(name)s} refers to an unknown field.") % {"name": reference}
            )
        return node

    def check_question(self, question: QuestionSpec) -> None:
        name = question.name
        self.expression(name, "relevant", question.relevant)
        self.expression(name, "constraint", question.constraint)
        self.expression(name, "calculation", question.calculation)
        required_if = dict(question.extra).get("required_if", "")
        if required_if:
            try:
                expressions.parse(required_if)
            except expressions.ExpressionError:
                self.locator.row_error(
                    name,
                    "required",
                    _("Write yes or no (or an expression), not “%(value)s”.")
                    % {"value": required_if},
                )
            else:
                self.expression(name, "required", required_if)
        if is_dynamic(question.default):
            self.expression(name, "default", question.default)
        if question.trigger:
            self.expression(name, "trigger", question.trigger.replace(" ", " + "))
        node = self.expression(name, "choice_filter", question.choice_filter, choice_filter=True)
        if node is not None and question.list_name in self.lists:
            known = {"name", "label"} | {
                key for choice in self.lists[question.list_name] for key, _v in choice.extra
            }
            for unknown in sorted(choice_columns(node) - known):
                # ODK reads a column that does not exist as empty; so do we, and say so.
                self.locator.row_warning(
                    name,
                    "choice_filter",
                    _("The choice list has no column “%(column)s”: it is read as empty.")
                    % {"column": unknown},
                )
        for base, values in (("label", question.label), ("hint", question.hint)):
            self.check_text_references(name, base, values)

    def check_text_references(self, name: str, base: str, values: Texts) -> None:
        for _language, text in values:
            for reference in LABEL_REFERENCE.findall(text):
                if reference not in self.names:
                    self.locator.row_error(
                        name,
                        base,
                        _("${%(name)s} refers to an unknown field.") % {"name": reference},
                    )

    def check_group(self, group: GroupSpec) -> None:
        self.expression(group.name, "relevant", group.relevant)
        self.check_text_references(group.name, "label", group.label)
        count = group.repeat_count.strip()
        if not count:
            return
        try:
            number = Decimal(count)
        except InvalidOperation:
            number = None
        if number is None:
            try:
                expressions.parse(count)
            except expressions.ExpressionError:
                self.locator.row_error(
                    group.name,
                    "repeat_count",
                    _("The repeat count must be a number or an expression."),
                )
                return
            self.expression(group.name, "repeat_count", count)
            return
        if number != number.to_integral() or not 0 <= number <= self.max_repeat_count:
            self.locator.row_error(
                group.name,
                "repeat_count",
                _("The repeat count must be a whole number from 0 to %(cap)s.")
                % {"cap": self.max_repeat_count},
            )

    def check_cycles(self) -> None:
        depends: dict[str, set[str]] = {}
        for question in self.form.questions:
            if question.calculation:
                try:
                    node = expressions.parse(question.calculation)
                except expressions.ExpressionError:
                    continue
                depends[question.name] = expressions.references(node)
        visiting, done = 1, 2
        state: dict[str, int] = {}
        reported: set[str] = set()

        def visit(name: str, path: list[str]) -> None:
            if state.get(name) == done or name not in depends:
                return
            if state.get(name) == visiting:
                cycle = [*path[path.index(name) :], name]
                if not reported & set(cycle):
                    reported.update(cycle)
                    self.locator.row_error(
                        cycle[0],
                        "calculation",
                        _("The calculation depends on itself: %(cycle)s.")
                        % {"cycle": " → ".join(f"${{{n}}}" for n in cycle)},
                    )
                return
            state[name] = visiting
            for reference in sorted(depends[name]):
                visit(reference, [*path, name])
            state[name] = done

        for name in depends:
            visit(name, [])

    def check_translations(self) -> None:
        languages = self.form.languages
        if len(languages) == 1:
            return
        for question in self.form.questions:
            for base in ("label", "hint", "constraint_message", "required_message"):
                given = {code for code, _text in getattr(question, base)}
                if given:
                    for language in languages:
                        if language not in given:
                            self.locator.row_warning(
                                question.name,
                                base,
                                _(
                                    "The %(column)s in “%(language)s” is missing: "
                                    "the text in “%(default)s” is shown instead."
                                )
                                % {
                                    "column": base,
                                    "language": self.form.language_name(language),
                                    "default": self.form.language_name(languages[0]),
                                },
                            )


def is_dynamic(default: str) -> bool:
    """A default is an expression when it refers to a field or calls a function (pyxform)."""
    return "${" in default or bool(re.search(r"[a-z-]+\(", default))
