"""The XLSForm expression subset: parse once, evaluate on the server. Django-free.

Used for `relevant`, `constraint` and `choice_filter`. The grammar (lowest precedence
first):

    expr     := and ('or' and)*
    and      := compare ('and' compare)*
    compare  := sum (('=' | '!=' | '<' | '<=' | '>' | '>=') sum)?
    sum      := product (('+' | '-') product)*
    product  := unary (('*' | 'div' | 'mod') unary)*
    unary    := '-' unary | primary
    primary  := NUMBER | STRING | '${' NAME '}' | '.' | FUNCTION '(' args ')'
              | '(' expr ')' | NAME            (a choice column, in choice filters only)

Values follow XPath 1.0 loosely, as ODK does: an unanswered field is the empty string, a
select_multiple answer is its choice names joined by spaces, numbers are compared as
numbers when both sides are numbers, otherwise as text (ISO dates compare correctly as
text). Nothing is ever passed to `eval`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Union

NAME_PATTERN = r"[A-Za-z_][A-Za-z0-9_.\-]*"
MAX_EXPRESSION_LENGTH = 2000


class ExpressionError(ValueError):
    """The expression does not parse; `position` is the 0-based offset of the problem."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


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


Node = Union[Literal, Field, Current, ChoiceColumn, Call, Negative, Binary]  # noqa: UP007

# function name -> number of arguments
FUNCTIONS: dict[str, int] = {
    "selected": 2,
    "count-selected": 1,
    "string-length": 1,
    "regex": 2,
    "contains": 2,
    "not": 1,
    "true": 0,
    "false": 0,
    "today": 0,
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
  | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,)
  | (?P<dot>\.)
  | (?P<name>[A-Za-z_][A-Za-z0-9_\-]*)
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str  # field, number, string, op, dot, name, end
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
        if kind == "field":
            name = match.group("field_name")
            if not re.fullmatch(NAME_PATTERN, name):
                raise ExpressionError(f"{match.group()!r} is not a field reference", position)
            tokens.append(Token("field", name, position))
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

    def is_keyword(self, word: str) -> bool:
        return self.token.kind == "name" and self.token.text == word

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
        left = self.parse_unary()
        while (op := self.binary_op()) is not None and PRECEDENCE[op] >= min_precedence:
            self.take()
            right = self.parse_binary(PRECEDENCE[op] + 1)
            if op in COMPARISONS and isinstance(left, Binary) and left.op in COMPARISONS:
                # a = b = c means (a = b) = c in XPath, which nobody intends.
                raise ExpressionError("comparisons cannot be chained", self.token.position)
            left = Binary(op, left, right)
        return left

    def parse_unary(self) -> Node:
        if self.token.kind == "op" and self.token.text == "-":
            self.take()
            operand = self.parse_unary()
            if isinstance(operand, Literal) and isinstance(operand.value, Decimal):
                return Literal(-operand.value)
            return Negative(operand)
        return self.parse_primary()

    def parse_primary(self) -> Node:  # noqa: PLR0911 (one return per kind of node or type)
        token = self.take()
        if token.kind == "number":
            return Literal(Decimal(token.text))
        if token.kind == "string":
            return Literal(token.text)
        if token.kind == "field":
            return Field(token.text)
        if token.kind == "dot":
            return Current()
        if token.kind == "op" and token.text == "(":
            node = self.parse_binary(1)
            self.expect(")")
            return node
        if token.kind == "name" and self.token.kind == "op" and self.token.text == "(":
            return self.parse_call(token)
        if token.kind == "name" and self.allow_choice_columns and token.text not in PRECEDENCE:
            return ChoiceColumn(token.text)
        if token.kind == "end":
            raise ExpressionError("the expression ends too early", token.position)
        raise ExpressionError(f"unexpected {token.text!r}", token.position)

    def parse_call(self, name: Token) -> Node:
        if name.text not in FUNCTIONS:
            raise ExpressionError(f"unknown function {name.text}()", name.position)
        self.expect("(")
        args: list[Node] = []
        if not (self.token.kind == "op" and self.token.text == ")"):
            args.append(self.parse_binary(1))
            while self.token.kind == "op" and self.token.text == ",":
                self.take()
                args.append(self.parse_binary(1))
        self.expect(")")
        if len(args) != FUNCTIONS[name.text]:
            raise ExpressionError(
                f"{name.text}() takes {FUNCTIONS[name.text]} argument(s), not {len(args)}",
                name.position,
            )
        return Call(name.text, tuple(args))


def parse(source: str, *, allow_choice_columns: bool = False) -> Node:
    """The syntax tree of `source`; raises ExpressionError with a position."""
    if not source.strip():
        raise ExpressionError("the expression is empty", 0)
    return _Parser(source, allow_choice_columns=allow_choice_columns).parse()


def references(node: Node) -> set[str]:
    """The field names `node` refers to with ${...}."""
    if isinstance(node, Field):
        return {node.name}
    if isinstance(node, Call):
        return set().union(*(references(arg) for arg in node.args)) if node.args else set()
    if isinstance(node, Negative):
        return references(node.operand)
    if isinstance(node, Binary):
        return references(node.left) | references(node.right)
    return set()


def uses_current(node: Node) -> bool:
    if isinstance(node, Current):
        return True
    if isinstance(node, Call):
        return any(uses_current(arg) for arg in node.args)
    if isinstance(node, Negative):
        return uses_current(node.operand)
    if isinstance(node, Binary):
        return uses_current(node.left) or uses_current(node.right)
    return False


def unparse(node: Node) -> str:  # noqa: PLR0911 (one return per kind of node or type)
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
    if isinstance(node, ChoiceColumn):
        return node.name
    if isinstance(node, Call):
        return f"{node.function}({', '.join(unparse(arg) for arg in node.args)})"
    if isinstance(node, Negative):
        return f"-({unparse(node.operand)})"
    return f"({unparse(node.left)} {node.op} {unparse(node.right)})"


# Evaluation -------------------------------------------------------------------------

Value = Union[str, Decimal, bool]  # noqa: UP007


@dataclass(frozen=True)
class Context:
    """What an expression sees: the answers so far, `.`, a choice's columns, today."""

    answers: Mapping[str, object]
    current: object = None
    choice: Mapping[str, str] | None = None
    today: date | None = None


def as_value(raw: object) -> Value:  # noqa: PLR0911 (one return per kind of node or type)
    """An answer as the expression language sees it."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(str(raw))
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, list | tuple):
        return " ".join(str(item) for item in raw)
    return str(raw)


def as_number(value: Value) -> Decimal | None:
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    try:
        number = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def as_bool(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return value != 0
    return value != ""


def as_text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return value


def _compare(op: str, left: Value, right: Value) -> bool:
    left_number, right_number = as_number(left), as_number(right)
    both_numbers = left_number is not None and right_number is not None
    if isinstance(left, bool) or isinstance(right, bool):
        a: object = as_bool(left)
        b: object = as_bool(right)
    elif both_numbers and (left != "" and right != ""):
        a, b = left_number, right_number
    else:
        a, b = as_text(left), as_text(right)
    operations: dict[str, Callable[[object, object], bool]] = {
        "=": lambda x, y: x == y,
        "!=": lambda x, y: x != y,
        "<": lambda x, y: x < y,  # type: ignore[operator]
        "<=": lambda x, y: x <= y,  # type: ignore[operator]
        ">": lambda x, y: x > y,  # type: ignore[operator]
        ">=": lambda x, y: x >= y,  # type: ignore[operator]
    }
    if op not in ("=", "!=") and type(a) is not type(b):
        return False
    return operations[op](a, b)


def _arithmetic(op: str, left: Value, right: Value) -> Decimal:
    a, b = as_number(left), as_number(right)
    if a is None or b is None:
        raise EvaluationError(f"{op} needs numbers")
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        raise EvaluationError("division by zero")
    return a / b if op == "div" else a % b


def evaluate(node: Node, context: Context) -> Value:  # noqa: PLR0911 (one return per kind of node or type)
    """The value of `node`; raises EvaluationError for arithmetic on text and the like."""
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Field):
        return as_value(context.answers.get(node.name))
    if isinstance(node, Current):
        return as_value(context.current)
    if isinstance(node, ChoiceColumn):
        if context.choice is None:
            raise EvaluationError(f"{node.name} is not a choice column here")
        return context.choice.get(node.name, "")
    if isinstance(node, Negative):
        number = as_number(evaluate(node.operand, context))
        if number is None:
            raise EvaluationError("minus needs a number")
        return -number
    if isinstance(node, Call):
        return _call(node, context)
    if node.op == "or":
        return as_bool(evaluate(node.left, context)) or as_bool(evaluate(node.right, context))
    if node.op == "and":
        return as_bool(evaluate(node.left, context)) and as_bool(evaluate(node.right, context))
    left, right = evaluate(node.left, context), evaluate(node.right, context)
    if node.op in COMPARISONS:
        return _compare(node.op, left, right)
    return _arithmetic(node.op, left, right)


def _call(node: Call, context: Context) -> Value:  # noqa: PLR0911 (one return per kind of node or type)
    args = [evaluate(arg, context) for arg in node.args]
    name = node.function
    if name == "selected":
        return as_text(args[1]) in as_text(args[0]).split()
    if name == "count-selected":
        return Decimal(len(as_text(args[0]).split()))
    if name == "string-length":
        return Decimal(len(as_text(args[0])))
    if name == "regex":
        try:
            return re.search(as_text(args[1]), as_text(args[0])) is not None
        except re.error as error:
            raise EvaluationError(f"bad pattern: {error}") from error
    if name == "contains":
        return as_text(args[1]) in as_text(args[0])
    if name == "not":
        return not as_bool(args[0])
    if name == "true":
        return True
    if name == "false":
        return False
    # today()
    return (context.today or date.today()).isoformat()  # noqa: DTZ011 (callers pass today)


def holds(node: Node, context: Context) -> bool:
    """`node` as a condition; an expression that cannot be evaluated does not hold."""
    try:
        return as_bool(evaluate(node, context))
    except EvaluationError:
        return False
