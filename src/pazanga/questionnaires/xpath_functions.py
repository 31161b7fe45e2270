"""Values and functions of the XLSForm expression language (see `expressions`). Django-free.

Each function of `expressions.FUNCTIONS` has one entry in `IMPLEMENTATIONS`, which takes
the call and the context and returns a value. Functions that must see their arguments
unevaluated (`indexed-repeat`, `position`, `jr:choice-name`, `if`, `coalesce`) read the
nodes themselves; the others receive values.
"""

from __future__ import annotations

import math
import re
import secrets
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation, localcontext

from pazanga.questionnaires.expressions import (
    Call,
    Context,
    EvaluationError,
    Field,
    Literal,
    Nodeset,
    Parent,
    Value,
    evaluate,
)

EPOCH = date(1970, 1, 1)
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
MAX_TEXT = 100_000
MAX_REGEX_INPUT = 20_000
MAX_DAYS = 1_000_000  # about 2,700 years either side of 1970
MAX_DIGITS = 20
MAX_EXPONENT = 1000


def first(value: Value) -> Value:
    """A node-set used where one value is expected is its first value (XPath)."""
    if isinstance(value, Nodeset):
        return value[0] if value else ""
    return value


def days_of(text: str) -> Decimal | None:
    """An ISO date (days since 1970-01-01) or date-time (with the time as a fraction)."""
    try:
        if DATE_RE.match(text):
            return Decimal((date.fromisoformat(text) - EPOCH).days)
        if DATETIME_RE.match(text):
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is not None:
                moment = moment.astimezone(UTC).replace(tzinfo=None)
            seconds = (moment - datetime(1970, 1, 1)).total_seconds()  # noqa: DTZ001 (UTC)
            return Decimal(str(seconds)) / Decimal(86400)
    except ValueError:
        return None
    return None


def as_number(value: Value) -> Decimal | None:
    value = first(value)
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError):
        return days_of(text)
    return number if number.is_finite() else None


def as_bool(value: Value) -> bool:
    if isinstance(value, Nodeset):
        return len(value) > 0
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return value != 0
    return value != ""


def as_text(value: Value) -> str:
    value = first(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if value == value.to_integral():
            return format(value.quantize(Decimal(1)), "f")
        return format(value.normalize(), "f")
    return value


def compare(op: str, left: Value, right: Value) -> bool:  # noqa: PLR0911 (one per operator)
    left, right = first(left), first(right)
    a: object
    b: object
    if isinstance(left, bool) or isinstance(right, bool):
        a, b = as_bool(left), as_bool(right)
    elif (
        left != ""
        and right != ""
        and not (isinstance(left, str) and DATE_RE.match(left))
        and not (isinstance(right, str) and DATE_RE.match(right))
        and (ln := as_number(left)) is not None
        and (rn := as_number(right)) is not None
    ):
        a, b = ln, rn
    else:
        a, b = as_text(left), as_text(right)
    if op == "=":
        return a == b
    if op == "!=":
        return a != b
    if type(a) is not type(b):
        return False
    if op == "<":
        return a < b  # type: ignore[operator]
    if op == "<=":
        return a <= b  # type: ignore[operator]
    if op == ">":
        return a > b  # type: ignore[operator]
    return a >= b  # type: ignore[operator]


def arithmetic(op: str, left: Value, right: Value) -> Decimal:
    a, b = as_number(left), as_number(right)
    if a is None or b is None:
        raise EvaluationError(f"{op} needs numbers")
    if max(abs(a), abs(b)) > Decimal(10) ** 30:
        raise EvaluationError("the number is too big")
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0:
        raise EvaluationError("division by zero")
    return a / b if op == "div" else a % b


def text_of(moment: date | datetime) -> str:
    return (
        moment.isoformat(timespec="milliseconds") if isinstance(moment, datetime) else str(moment)
    )


def to_moment(value: Value) -> date | datetime | None:  # noqa: PLR0911 (one per kind of value)
    """A date or date-time from ISO text or a number of days since 1970-01-01."""
    value = first(value)
    if isinstance(value, Decimal):
        if abs(value) > MAX_DAYS:
            return None
        whole = int(value.to_integral_value(rounding="ROUND_FLOOR"))
        if value == whole:
            return EPOCH + timedelta(days=whole)
        return datetime(1970, 1, 1) + timedelta(days=float(value))  # noqa: DTZ001 (UTC)
    text = as_text(value).strip()
    try:
        if DATE_RE.match(text):
            return date.fromisoformat(text)
        if DATETIME_RE.match(text):
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    number = as_number(text)
    return to_moment(number) if number is not None else None


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def format_date(moment: date | datetime, pattern: str) -> str:
    """ODK's format-date(): %Y %y %m %n %b %d %e %a %H %h %M %S %3."""
    when = moment if isinstance(moment, datetime) else datetime.combine(moment, datetime.min.time())
    parts = {
        "Y": f"{when.year:04d}",
        "y": f"{when.year % 100:02d}",
        "m": f"{when.month:02d}",
        "n": str(when.month),
        "b": MONTHS[when.month - 1],
        "d": f"{when.day:02d}",
        "e": str(when.day),
        "a": DAYS[when.weekday()],
        "H": f"{when.hour:02d}",
        "h": str(when.hour),
        "M": f"{when.minute:02d}",
        "S": f"{when.second:02d}",
        "3": f"{when.microsecond // 1000:03d}",
    }
    return re.sub(r"%(.)", lambda m: parts.get(m.group(1), m.group(0)), pattern)


def numbers_in(values: list[Value]) -> list[Decimal]:
    found: list[Decimal] = []
    for value in values:
        items = list(value) if isinstance(value, Nodeset) else [value]
        for item in items:
            number = as_number(item)
            if number is None:
                raise EvaluationError("not a number")
            found.append(number)
    return found


def _round(args: list[Value]) -> Value:
    number = as_number(args[0])
    if number is None:
        raise EvaluationError("round() needs a number")
    digits = int(as_number(args[1]) or 0) if len(args) > 1 else 0
    if abs(digits) > MAX_DIGITS:
        raise EvaluationError("too many digits")
    step = Decimal(1).scaleb(-digits)
    # XPath rounds halves up (towards positive infinity).
    return (number / step + Decimal("0.5")).to_integral_value(rounding="ROUND_FLOOR") * step


def _substr(args: list[Value]) -> Value:
    text = as_text(args[0])
    start = as_number(args[1])
    if start is None:
        raise EvaluationError("substr() needs a number")
    begin = max(int(start), 0)
    if args[2:]:
        end = as_number(args[2])
        if end is None:
            raise EvaluationError("substr() needs a number")
        return text[begin : max(int(end), 0)]
    return text[begin:]


def _regex(args: list[Value]) -> Value:
    text = as_text(args[0])[:MAX_REGEX_INPUT]
    try:
        return re.search(as_text(args[1]), text) is not None
    except re.error as error:
        raise EvaluationError(f"bad pattern: {error}") from error


def _number(args: list[Value], context: Context) -> Value:
    number = as_number(args[0])
    if number is None:
        raise EvaluationError("not a number")  # NaN in XPath: nothing sensible follows
    return number


def _int(args: list[Value]) -> Value:
    number = as_number(args[0])
    if number is None:
        raise EvaluationError("int() needs a number")
    return Decimal(int(number))  # towards zero, as ODK does


def _pow(args: list[Value]) -> Value:
    base, exponent = as_number(args[0]), as_number(args[1])
    if base is None or exponent is None or abs(exponent) > MAX_EXPONENT:
        raise EvaluationError("pow() needs numbers")
    with localcontext() as local:
        local.prec = 28
        if exponent == exponent.to_integral():
            return base ** int(exponent)
        result = math.pow(float(base), float(exponent))
        if math.isnan(result) or math.isinf(result):
            raise EvaluationError("pow() has no value here")
        return Decimal(str(result))


def _date(args: list[Value]) -> Value:
    moment = to_moment(args[0])
    if moment is None:
        raise EvaluationError("not a date")
    return (moment.date() if isinstance(moment, datetime) else moment).isoformat()


def _date_time(args: list[Value]) -> Value:
    moment = to_moment(args[0])
    if moment is None:
        raise EvaluationError("not a date")
    return text_of(moment)


def _decimal_date_time(args: list[Value]) -> Value:
    number = as_number(args[0])
    if number is None:
        raise EvaluationError("not a date")
    return number


def _format_date(args: list[Value]) -> Value:
    moment = to_moment(args[0])
    if moment is None:
        return ""
    return format_date(moment, as_text(args[1]))


def _selected_at(args: list[Value]) -> Value:
    index = as_number(args[1])
    items = as_text(args[0]).split()
    if index is None or not 0 <= int(index) < len(items):
        return ""
    return items[int(index)]


def _join(args: list[Value]) -> Value:
    values = args[1]
    items = list(values) if isinstance(values, Nodeset) else [values]
    return as_text(args[0]).join(as_text(item) for item in items)


def _count(args: list[Value]) -> Value:
    value = args[0]
    if isinstance(value, Nodeset):
        return Decimal(len(value))
    return Decimal(1 if as_text(value) != "" else 0)


def _count_non_empty(args: list[Value]) -> Value:
    value = args[0]
    items = list(value) if isinstance(value, Nodeset) else [value]
    return Decimal(sum(1 for item in items if as_text(item) != ""))


def _sum(args: list[Value]) -> Value:
    value = args[0]
    items = list(value) if isinstance(value, Nodeset) else [value]
    return sum(numbers_in([item for item in items if as_text(item) != ""]), Decimal(0))


def _extreme(pick: Callable[[list[Decimal]], Decimal]) -> Callable[[list[Value]], Value]:
    def implementation(args: list[Value]) -> Value:
        numbers = numbers_in(args)
        if not numbers:
            raise EvaluationError("no values")
        return pick(numbers)

    return implementation


def _boolean_from_string(args: list[Value]) -> Value:
    return as_text(args[0]).strip().lower() in ("true", "1")


def _uuid(args: list[Value]) -> Value:
    return str(uuid.uuid4())


PLAIN_FUNCTIONS: dict[str, Callable[[list[Value]], Value]] = {
    "selected": lambda a: as_text(a[1]).strip() in as_text(a[0]).split(),
    "selected-at": _selected_at,
    "count-selected": lambda a: Decimal(len(as_text(a[0]).split())),
    "regex": _regex,
    "contains": lambda a: as_text(a[1]) in as_text(a[0]),
    "starts-with": lambda a: as_text(a[0]).startswith(as_text(a[1])),
    "ends-with": lambda a: as_text(a[0]).endswith(as_text(a[1])),
    "substr": _substr,
    "concat": lambda a: "".join(
        " ".join(as_text(i) for i in v) if isinstance(v, Nodeset) else as_text(v) for v in a
    )[:MAX_TEXT],
    "join": _join,
    "int": _int,
    "boolean": lambda a: as_bool(a[0]),
    "boolean-from-string": _boolean_from_string,
    "round": _round,
    "floor": lambda a: _whole(a, "ROUND_FLOOR"),
    "ceiling": lambda a: _whole(a, "ROUND_CEILING"),
    "abs": lambda a: abs(_needs_number(a[0])),
    "pow": _pow,
    "not": lambda a: not as_bool(a[0]),
    "true": lambda a: True,
    "false": lambda a: False,
    "date": _date,
    "date-time": _date_time,
    "decimal-date-time": _decimal_date_time,
    "format-date": _format_date,
    "format-date-time": _format_date,
    "sum": _sum,
    "count": _count,
    "count-non-empty": _count_non_empty,
    "max": _extreme(max),
    "min": _extreme(min),
    "uuid": _uuid,
    "random": lambda a: Decimal(str(secrets.randbelow(10**9) / 10**9)),
}


def _needs_number(value: Value) -> Decimal:
    number = as_number(value)
    if number is None:
        raise EvaluationError("not a number")
    return number


def _whole(args: list[Value], rounding: str) -> Value:
    return _needs_number(args[0]).to_integral_value(rounding=rounding)


def call(node: Call, context: Context) -> Value:  # noqa: PLR0911, PLR0912 (one branch per function)
    name = node.function
    if name == "if":
        condition = as_bool(evaluate(node.args[0], context))
        return evaluate(node.args[1] if condition else node.args[2], context)
    if name == "coalesce":
        value = first(evaluate(node.args[0], context))
        return value if as_text(value) != "" else evaluate(node.args[1], context)
    if name == "once":
        if as_text(first(_current(context))) != "":
            return _current(context)
        return evaluate(node.args[0], context)
    if name == "position":
        if context.position is None:
            raise EvaluationError("position() is meaningful inside a repeat")
        if node.args and not isinstance(node.args[0], Parent):
            raise EvaluationError("position() takes '..'")
        return Decimal(context.position)
    if name == "indexed-repeat":
        return _indexed_repeat(node, context)
    if name == "jr:choice-name":
        value = as_text(evaluate(node.args[0], context))
        question = node.args[1]
        written = question.value if isinstance(question, Literal) else ""
        names = re.findall(r"\$\{([^}]+)\}", str(written))
        if isinstance(question, Field):
            names = [question.name]
        if not names:
            raise EvaluationError("jr:choice-name() needs a question")
        return context.environment.choice_label(names[0], value)
    if name == "pulldata":
        args = [as_text(evaluate(arg, context)) for arg in node.args]
        return context.environment.pulldata(args[0], args[1], args[2], args[3])
    if name == "today":
        return (context.today or date.today()).isoformat()  # noqa: DTZ011 (callers pass today)
    if name == "now":
        return text_of(context.now or datetime.now(UTC))
    if name in ("string-length", "normalize-space", "string", "number") and not node.args:
        args: list[Value] = [_current(context)]
    else:
        args = [evaluate(arg, context) for arg in node.args]
    if name == "string-length":
        return Decimal(len(as_text(args[0])))
    if name == "normalize-space":
        return " ".join(as_text(args[0]).split())
    if name == "string":
        return as_text(args[0])
    if name == "number":
        return _number(args, context)
    return PLAIN_FUNCTIONS[name](args)


def _current(context: Context) -> Value:
    from pazanga.questionnaires.expressions import as_value

    return as_value(context.current)


def _indexed_repeat(node: Call, context: Context) -> Value:
    """indexed-repeat(${field}, ${repeat}, n [, ${inner repeat}, m ...])."""
    target = node.args[0]
    if not isinstance(target, Field) or len(node.args) % 2 == 0:
        raise EvaluationError("indexed-repeat() needs ${field}, ${repeat}, number, ...")
    steps: list[tuple[str, int]] = []
    for index in range(1, len(node.args), 2):
        repeat = node.args[index]
        if not isinstance(repeat, Field):
            raise EvaluationError("indexed-repeat() needs ${repeat}")
        number = as_number(evaluate(node.args[index + 1], context))
        if number is None:
            return ""
        steps.append((repeat.name, int(number)))
    from pazanga.questionnaires.expressions import as_value

    return as_value(context.environment.indexed(target.name, steps))


IMPLEMENTED = set(PLAIN_FUNCTIONS) | {
    "if",
    "coalesce",
    "once",
    "position",
    "indexed-repeat",
    "jr:choice-name",
    "pulldata",
    "today",
    "now",
    "string-length",
    "normalize-space",
    "string",
    "number",
}
