"""The XLSForm expression language: parse once, evaluate on the server. Django-free.

Used for `relevant`, `constraint`, `calculation`, `choice_filter`, `default`,
`required` and `repeat_count`. The grammar (lowest precedence first):

    expr     := and ('or' and)*
    and      := compare ('and' compare)*
    compare  := sum (('=' | '!=' | '<' | '<=' | '>' | '>=') sum)?
    sum      := product (('+' | '-') product)*
    product  := unary (('*' | 'div' | 'mod') unary)*
    unary    := '-' unary | primary
    primary  := NUMBER | STRING | '${' NAME '}' | '.' | '..' | '../' NAME
              | FUNCTION '(' args ')' | '(' expr ')'
              | NAME            (a choice column, in choice filters only)

Values follow XPath 1.0 loosely, as ODK does: an unanswered field is the empty string, a
select_multiple answer is its choice names joined by spaces, numbers are compared as
numbers when both sides are numbers, otherwise as text (ISO dates compare correctly as
text), a date in arithmetic is its number of days since 1970-01-01. A field inside a
repeat, seen from outside it, is the list of its values (a node-set) for `sum`, `count`,
`max`, `min` and `join`. Nothing is ever passed to `eval`; the functions are the table
`FUNCTIONS`, implemented in `xpath_functions`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Union

NAME_PATTERN = r"[A-Za-z_][A-Za-z0-9_.\-]*"
MAX_EXPRESSION_LENGTH = 2000
MAX_DEPTH = 60


class ExpressionError(ValueError):
    """The expression does not parse; `position` is the 0-based offset of the problem."""

    def __init__(self, message: str, position: int = 0, *, function: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.function = function  # set when the problem is an unsupported function


class EvaluationError(ValueError):
    """The expression parsed but cannot be evaluated with these values."""


@dataclass(frozen=True)
class Literal:
    value: str | Decimal


@dataclass(frozen=True)
class Field:
    name: str


@dataclass(frozen=True)
class Current:
    pass


@dataclass(frozen=True)
class Parent:
    """`..`: the enclosing repeat instance (only inside position())."""


@dataclass(frozen=True)
class ChoiceColumn:
    name: str


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Negative:
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


Node = Union[Literal, Field, Current, Parent, ChoiceColumn, Call, Negative, Binary]  # noqa: UP007

MANY = 64
# function name -> (fewest, most) arguments
FUNCTIONS: dict[str, tuple[int, int]] = {
    "selected": (2, 2),
    "selected-at": (2, 2),
    "count-selected": (1, 1),
    "jr:choice-name": (2, 2),
    "string-length": (0, 1),
    "regex": (2, 2),
    "contains": (2, 2),
    "starts-with": (2, 2),
    "ends-with": (2, 2),
    "substr": (2, 3),
    "concat": (0, MANY),
    "join": (2, 2),
    "normalize-space": (0, 1),
    "string": (0, 1),
    "number": (0, 1),
    "int": (1, 1),
    "boolean": (1, 1),
    "boolean-from-string": (1, 1),
    "round": (1, 2),
    "floor": (1, 1),
    "ceiling": (1, 1),
    "abs": (1, 1),
    "pow": (2, 2),
    "not": (1, 1),
    "true": (0, 0),
    "false": (0, 0),
    "if": (3, 3),
    "coalesce": (2, 2),
    "once": (1, 1),
    "today": (0, 0),
    "now": (0, 0),
    "date": (1, 1),
    "date-time": (1, 1),
    "decimal-date-time": (1, 1),
    "format-date": (2, 2),
    "format-date-time": (2, 2),
    "sum": (1, 1),
    "count": (1, 1),
    "count-non-empty": (1, 1),
    "max": (1, MANY),
    "min": (1, MANY),
    "position": (0, 1),
    "indexed-repeat": (3, 7),
    "pulldata": (4, 4),
    "uuid": (0, 1),
    "random": (0, 0),
}
COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")
PRECEDENCE = {"or": 1, "and": 2, **dict.fromkeys(COMPARISONS, 3), "+": 4, "-": 4}
PRECEDENCE |= {"*": 5, "div": 5, "mod": 5}

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<field>\$\{\s*(?P<field_name>[^}]*?)\s*\})
  | (?P<number>\d+(?:\.\d+)?|\.\d+)
  | (?P<string>'[^']*'|"[^"]*")
  | (?P<sibling>\.\./(?P<sibling_name>[A-Za-z_][A-Za-z0-9_\-]*))
  | (?P<parent>\.\.)
  | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,)
  | (?P<dot>\.)
  | (?P<name>[A-Za-z_][A-Za-z0-9_\-]*(?::[A-Za-z_][A-Za-z0-9_\-]*)?)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str  # field, number, string, op, dot, parent, name, end
    text: str
    position: int


def tokenize(source: str) -> list[Token]:
    if len(source) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError("the expression is too long", MAX_EXPRESSION_LENGTH)
    tokens: list[Token] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            raise ExpressionError(f"unexpected character {source[position]!r}", position)
        kind = match.lastgroup or ""
        if kind == "field_name":  # the inner group of a field reference
            kind = "field"
        if kind == "sibling_name":
            kind = "sibling"
        if kind == "field":
            name = match.group("field_name")
            if not re.fullmatch(NAME_PATTERN, name):
                raise ExpressionError(f"{match.group()!r} is not a field reference", position)
            tokens.append(Token("field", name, position))
        elif kind == "sibling":  # ../name, as pyxform writes "or_other": the same as ${name}
            tokens.append(Token("field", match.group("sibling_name"), position))
        elif kind == "string":
            tokens.append(Token("string", match.group()[1:-1], position))
        elif kind != "space":
            tokens.append(Token(kind, match.group(), position))
        position = match.end()
    tokens.append(Token("end", "", len(source)))
    return tokens


class _Parser:
    def __init__(self, source: str, *, allow_choice_columns: bool) -> None:
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0
        self.allow_choice_columns = allow_choice_columns

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, text: str) -> None:
        if self.token.text != text or self.token.kind not in ("op", "name"):
            raise ExpressionError(f"expected {text!r}", self.token.position)
        self.take()

    def parse(self) -> Node:
        node = self.parse_binary(1)
        if self.token.kind != "end":
            raise ExpressionError(f"unexpected {self.token.text!r}", self.token.position)
        return node

    def binary_op(self) -> str | None:
        token = self.token
        if token.kind == "op" and token.text in PRECEDENCE:
            return token.text
        if token.kind == "name" and token.text in ("and", "or", "div", "mod"):
            return token.text
        return None

    def parse_binary(self, min_precedence: int) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("the expression is nested too deeply", self.token.position)
        left = self.parse_unary()
        while (op := self.binary_op()) is not None and PRECEDENCE[op] >= min_precedence:
            self.take()
            right = self.parse_binary(PRECEDENCE[op] + 1)
            if op in COMPARISONS and isinstance(left, Binary) and left.op in COMPARISONS:
                # a = b = c means (a = b) = c in XPath, which nobody intends.
                raise ExpressionError("comparisons cannot be chained", self.token.position)
            left = Binary(op, left, right)
        self.depth -= 1
        return left

    def parse_unary(self) -> Node:
        if self.token.kind == "op" and self.token.text == "-":
            self.take()
            operand = self.parse_unary()
            if isinstance(operand, Literal) and isinstance(operand.value, Decimal):
                return Literal(-operand.value)
            return Negative(operand)
        return self.parse_primary()

    def parse_primary(self) -> Node:  # noqa: PLR0911 (one return per kind of node)
        token = self.take()
        if token.kind == "number":
            return Literal(Decimal(token.text))
        if token.kind == "string":
            return Literal(token.text)
        if token.kind == "field":
            return Field(token.text)
        if token.kind == "dot":
            return Current()
        if token.kind == "parent":
            return Parent()
        if token.kind == "op" and token.text == "(":
            node = self.parse_binary(1)
            self.expect(")")
            return node
        if token.kind == "name" and self.token.kind == "op" and self.token.text == "(":
            return self.parse_call(token)
        if (
            token.kind == "name"
            and self.allow_choice_columns
            and token.text not in PRECEDENCE
            and ":" not in token.text
        ):
            return ChoiceColumn(token.text)
        if token.kind == "end":
            raise ExpressionError("the expression ends too early", token.position)
        raise ExpressionError(f"unexpected {token.text!r}", token.position)

    def parse_call(self, name: Token) -> Node:
        if name.text not in FUNCTIONS:
            raise ExpressionError(
                f"unknown function {name.text}()", name.position, function=name.text
            )
        self.expect("(")
        args: list[Node] = []
        if not (self.token.kind == "op" and self.token.text == ")"):
            args.append(self.parse_binary(1))
            while self.token.kind == "op" and self.token.text == ",":
                self.take()
                args.append(self.parse_binary(1))
        self.expect(")")
        fewest, most = FUNCTIONS[name.text]
        if not fewest <= len(args) <= most:
            wanted = str(fewest) if fewest == most else f"{fewest}–{most}"
            raise ExpressionError(
                f"{name.text}() takes {wanted} argument(s), not {len(args)}", name.position
            )
        if any(isinstance(arg, Parent) for arg in args) and name.text != "position":
            raise ExpressionError("'..' is allowed only in position(..)", name.position)
        return Call(name.text, tuple(args))


def parse(source: str, *, allow_choice_columns: bool = False) -> Node:
    """The syntax tree of `source`; raises ExpressionError with a position."""
    if not source.strip():
        raise ExpressionError("the expression is empty", 0)
    node = _Parser(source, allow_choice_columns=allow_choice_columns).parse()
    if isinstance(node, Parent):
        raise ExpressionError("'..' is allowed only in position(..)", 0)
    return node


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Call):
        return node.args
    if isinstance(node, Negative):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    return ()


def walk(node: Node) -> list[Node]:
    found = [node]
    for child in children(node):
        found.extend(walk(child))
    return found


def references(node: Node) -> set[str]:
    """The field names `node` refers to with ${...}, including inside strings of
    `jr:choice-name(${q}, '${q}')`, which names its question in a string."""
    names = {n.name for n in walk(node) if isinstance(n, Field)}
    for call in walk(node):
        if isinstance(call, Call) and call.function == "jr:choice-name":
            second = call.args[1]
            if isinstance(second, Literal) and isinstance(second.value, str):
                names |= set(re.findall(r"\$\{(" + NAME_PATTERN + r")\}", second.value))
    return names


def functions_used(node: Node) -> set[str]:
    return {n.function for n in walk(node) if isinstance(n, Call)}


def uses_current(node: Node) -> bool:
    return any(isinstance(n, Current) for n in walk(node))


def unparse(node: Node) -> str:  # noqa: PLR0911 (one return per kind of node)
    """Canonical text for `node`; `parse(unparse(n)) == n`."""
    if isinstance(node, Literal):
        if isinstance(node.value, Decimal):
            text = format(node.value, "f")
            return f"({text})" if node.value < 0 else text
        quote = "'" if "'" not in node.value else '"'
        return f"{quote}{node.value}{quote}"
    if isinstance(node, Field):
        return f"${{{node.name}}}"
    if isinstance(node, Current):
        return "."
    if isinstance(node, Parent):
        return ".."
    if isinstance(node, ChoiceColumn):
        return node.name
    if isinstance(node, Call):
        return f"{node.function}({', '.join(unparse(arg) for arg in node.args)})"
    if isinstance(node, Negative):
        return f"-({unparse(node.operand)})"
    return f"({unparse(node.left)} {node.op} {unparse(node.right)})"


# Evaluation -------------------------------------------------------------------------


class Nodeset(tuple):  # type: ignore[type-arg]
    """The values of a field inside a repeat, seen from outside it (or a repeat's instances)."""

    __slots__ = ()


Value = Union[str, Decimal, bool, Nodeset]  # noqa: UP007


class Environment:
    """What an expression may ask of the form beyond plain answers. The default knows
    nothing of repeats, choice labels or attached files; the engine supplies a richer one."""

    def lookup(self, name: str, answers: Mapping[str, object]) -> object:
        return answers.get(name)

    def indexed(self, name: str, steps: list[tuple[str, int]]) -> object:
        raise EvaluationError("indexed-repeat() needs a repeat")

    def choice_label(self, question: str, value: str) -> str:
        return value

    def pulldata(self, file: str, column: str, key_column: str, key: str) -> str:
        raise EvaluationError("pulldata() needs an attached file")


PLAIN = Environment()


@dataclass(frozen=True)
class Context:
    """What an expression sees: the answers so far, `.`, a choice's columns, the clock."""

    answers: Mapping[str, object]
    current: object = None
    choice: Mapping[str, str] | None = None
    today: date | None = None
    now: datetime | None = None
    position: int | None = None  # 1-based number of the repeat instance being evaluated
    environment: Environment = field(default=PLAIN)


def as_value(raw: object) -> Value:  # noqa: PLR0911 (one return per kind of value)
    """An answer as the expression language sees it."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, Nodeset):
        return Nodeset(as_value(item) for item in raw)
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(str(raw))
    if isinstance(raw, datetime | date):
        return raw.isoformat()
    if isinstance(raw, list | tuple):
        return " ".join(str(item) for item in raw)
    if isinstance(raw, dict):
        return "1"  # a repeat instance: it exists
    return str(raw)


def evaluate(node: Node, context: Context) -> Value:  # noqa: PLR0911 (one return per kind of node)
    """The value of `node`; raises EvaluationError for arithmetic on text and the like."""
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Field):
        return as_value(context.environment.lookup(node.name, context.answers))
    if isinstance(node, Current):
        return as_value(context.current)
    if isinstance(node, Parent):
        raise EvaluationError("'..' has no value of its own")
    if isinstance(node, ChoiceColumn):
        if context.choice is None:
            raise EvaluationError(f"{node.name} is not a choice column here")
        return context.choice.get(node.name, "")
    if isinstance(node, Negative):
        number = fn.as_number(evaluate(node.operand, context))
        if number is None:
            raise EvaluationError("minus needs a number")
        return -number
    if isinstance(node, Call):
        return fn.call(node, context)
    if node.op == "or":
        return fn.as_bool(evaluate(node.left, context)) or fn.as_bool(evaluate(node.right, context))
    if node.op == "and":
        return fn.as_bool(evaluate(node.left, context)) and fn.as_bool(
            evaluate(node.right, context)
        )
    left, right = evaluate(node.left, context), evaluate(node.right, context)
    if node.op in COMPARISONS:
        return fn.compare(node.op, left, right)
    return fn.arithmetic(node.op, left, right)


def holds(node: Node, context: Context) -> bool:
    """`node` as a condition; an expression that cannot be evaluated does not hold."""
    try:
        return fn.as_bool(evaluate(node, context))
    except (EvaluationError, ArithmeticError, ValueError, OverflowError):
        return False


def value_of(node: Node, context: Context) -> Value:
    """`node` as a calculation: its value, or "" when it cannot be evaluated (as in ODK)."""
    try:
        return evaluate(node, context)
    except (EvaluationError, ArithmeticError, ValueError, OverflowError):
        return ""


# The functions and value conversions live in their own module, which reads the node
# types above; imported last so that both modules can see each other.
from pazanga.questionnaires import xpath_functions as fn  # noqa: E402

as_text = fn.as_text
as_number = fn.as_number
as_bool = fn.as_bool
