from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pazanga.questionnaires import expressions as ex
from pazanga.questionnaires.expressions import Context, holds, parse, references, unparse


def check(text: str, answers: dict | None = None, current: object = None) -> bool:
    return holds(parse(text), Context(answers or {}, current=current))


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("${a} = 'yes'", {"a": "yes"}, True),
        ("${a} = 'yes'", {"a": "no"}, False),
        ("${a} = 'yes'", {}, False),
        ("${a} != ''", {}, False),
        ("${age} >= 18", {"age": 18}, True),
        ("${age} >= 18", {"age": "9"}, False),
        ("${age} > 5 and ${age} < 10", {"age": 7}, True),
        ("${a} = 'x' or ${b} = 'y'", {"b": "y"}, True),
        ("not(${a} = 'x')", {"a": "x"}, False),
        ("selected(${s}, 'internet')", {"s": ["books", "internet"]}, True),
        ("selected(${s}, 'inter')", {"s": ["books", "internet"]}, False),
        ("count-selected(${s}) >= 2", {"s": ["a", "b"]}, True),
        ("(${a} = 1 or ${a} = 2) and ${b} = 'z'", {"a": 2, "b": "z"}, True),
        ("${d} < '2014-03-01'", {"d": "2014-02-25"}, True),
        ("${x} * 2 + 1 = 7", {"x": "3"}, True),
        ("${x} div 0 = 1", {"x": "3"}, False),  # cannot evaluate: does not hold
        ("${a} = 10", {"a": "10.0"}, True),
    ],
)
def test_it_evaluates_relevance_like_odk(text, answers, expected):
    assert check(text, answers) is expected


def test_it_evaluates_constraints_on_the_current_value():
    assert check(". >= 14 and . <= 110", current=40)
    assert not check(". >= 14 and . <= 110", current=111)
    assert check("string-length(.) <= 3", current="abc")
    assert not check("regex(., '^[0-9]{5}$')", current="1234")
    assert check("regex(., '^[0-9]{5}$')", current="01234")


def test_it_lists_references():
    assert references(parse("${a} = 1 and selected(${b}, 'x') or not(${c})")) == {"a", "b", "c"}


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("${a} = ", 7),
        ("${a} == 1", 6),
        ("${a b} = 1", 0),
        ("nosuch(${a})", 0),
        ("selected(${a})", 0),
        ("(${a} = 1", 9),
        ("${a} = 1 = 2", 12),
        ("${a} @ 1", 5),
        ("", 0),
    ],
)
def test_it_locates_syntax_errors(text, position):
    with pytest.raises(ex.ExpressionError) as caught:
        parse(text)
    assert caught.value.position == position


def test_it_reads_bare_names_only_in_choice_filters():
    with pytest.raises(ex.ExpressionError):
        parse("county = ${county}")
    node = parse("county = ${county}", allow_choice_columns=True)
    assert holds(node, Context({"county": "LT-AL"}, choice={"county": "LT-AL"}))
    assert not holds(node, Context({"county": "LT-KU"}, choice={"county": "LT-AL"}))


names = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda name: name not in ex.PRECEDENCE
)
# Functions taking any expressions (position, indexed-repeat and jr:choice-name take
# particular arguments and are tested below).
PLAIN_CALLS = [
    (name, low, min(high, 4))
    for name, (low, high) in sorted(ex.FUNCTIONS.items())
    if name not in ("position", "indexed-repeat", "jr:choice-name", "uuid", "random")
]
literals = st.one_of(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-1000, max_value=1000
    ).map(ex.Literal),
    st.text(
        alphabet=st.characters(blacklist_characters="'\"", blacklist_categories=("Cs",)), max_size=8
    ).map(ex.Literal),
)
leaves = st.one_of(literals, names.map(ex.Field), st.just(ex.Current()))
trees = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.builds(
            ex.Binary,
            st.sampled_from(["or", "and", "+", "-", "*", "div", "mod"]),
            children,
            children,
        ),
        st.builds(
            ex.Binary,
            st.sampled_from(list(ex.COMPARISONS)),
            children.filter(lambda n: not (isinstance(n, ex.Binary) and n.op in ex.COMPARISONS)),
            children,
        ),
        st.builds(lambda a: ex.Call("not", (a,)), children),
        st.builds(lambda a, b: ex.Call("selected", (a, b)), children, children),
        st.builds(ex.Negative, children.filter(lambda n: not isinstance(n, ex.Literal))),
        st.sampled_from(PLAIN_CALLS).flatmap(
            lambda call: st.lists(children, min_size=call[1], max_size=call[2]).map(
                lambda args, name=call[0]: ex.Call(name, tuple(args))
            )
        ),
    ),
    max_leaves=12,
)


@given(trees)
def test_it_parses_what_it_prints(tree):
    assert parse(unparse(tree)) == tree


@given(
    trees,
    st.dictionaries(
        names, st.one_of(st.integers(), st.text(max_size=5), st.lists(names, max_size=3))
    ),
)
def test_it_never_fails_evaluating_a_condition(tree, answers):
    assert holds(tree, Context(answers, current="5")) in (True, False)


@given(
    trees,
    st.dictionaries(
        names,
        st.one_of(
            st.integers(-(10**6), 10**6),
            st.text(max_size=5),
            st.sampled_from(["2014-02-25", "2016-12-31T23:59:00.000+02:00"]),
            st.lists(st.integers(0, 9), max_size=3).map(ex.Nodeset),
        ),
    ),
)
def test_it_never_fails_computing_a_calculation(tree, answers):
    value = ex.value_of(tree, Context(answers, current="5"))
    assert isinstance(value, str | Decimal | bool | ex.Nodeset)


@given(st.text(max_size=40))
def test_it_refuses_garbage_with_an_expression_error_only(text):
    try:
        parse(text)
    except ex.ExpressionError as error:
        assert 0 <= error.position <= len(text)


def test_it_keeps_decimal_precision():
    assert ex.evaluate(parse("0.1 + 0.2"), Context({})) == Decimal("0.3")


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("if(${n} > 3, 'big', 'small')", {"n": 5}, "big"),
        ("concat(${a}, '-', ${b})", {"a": "x", "b": 2}, "x-2"),
        ("coalesce(${a}, 'none')", {}, "none"),
        ("round(${x}, 1)", {"x": "2.45"}, Decimal("2.5")),
        ("int(${x})", {"x": "-3.7"}, Decimal(-3)),
        ("number('12.5') + 1", {}, Decimal("13.5")),
        ("string(12.0)", {}, "12"),
        ("string-length(${a})", {"a": "Vilnius"}, Decimal(7)),
        ("substr('Kaunas', 0, 3)", {}, "Kau"),
        ("starts-with(${a}, 'Vil')", {"a": "Vilnius"}, True),
        ("contains(${a}, 'ln')", {"a": "Vilnius"}, True),
        ("regex(${a}, '^LT-[0-9]{2}$')", {"a": "LT-57"}, True),
        ("selected-at(${s}, 1)", {"s": ["a", "b"]}, "b"),
        ("count-selected(${s})", {"s": ["a", "b"]}, Decimal(2)),
        ("date('2014-02-25') - date('2014-02-01')", {}, Decimal(24)),
        ("decimal-date-time('1970-01-02T12:00:00Z')", {}, Decimal("1.5")),
        ("format-date(${d}, '%Y m. %n mėn. %e d.')", {"d": "2014-02-05"}, "2014 m. 2 mėn. 5 d."),
        ("sum(${h})", {"h": ex.Nodeset([1, "2", 3])}, Decimal(6)),
        ("count(${h})", {"h": ex.Nodeset([1, 2])}, Decimal(2)),
        ("max(${h})", {"h": ex.Nodeset([1, 7, 3])}, Decimal(7)),
        ("min(${h}, 0)", {"h": ex.Nodeset([1, 7, 3])}, Decimal(0)),
        ("join(', ', ${h})", {"h": ex.Nodeset(["a", "b"])}, "a, b"),
        ("once(${a})", {"a": "new"}, "new"),
    ],
)
def test_it_computes_the_functions_forms_use(text, answers, expected):
    assert ex.evaluate(parse(text), Context(answers)) == expected


def test_once_keeps_the_first_value():
    assert ex.evaluate(parse("once(${a})"), Context({"a": "new"}, current="old")) == "old"


def test_today_and_now_come_from_the_caller():
    from datetime import UTC, date, datetime

    context = Context({}, today=date(2014, 2, 25), now=datetime(2014, 2, 25, 9, 0, tzinfo=UTC))
    assert ex.evaluate(parse("today()"), context) == "2014-02-25"
    assert ex.evaluate(parse("now()"), context) == "2014-02-25T09:00:00.000+00:00"
    assert ex.evaluate(parse("format-date(now(), '%H:%M')"), context) == "09:00"


def test_position_is_the_instance_number():
    assert ex.evaluate(parse("position(..)"), Context({}, position=3)) == Decimal(3)
    assert ex.value_of(parse("position(..)"), Context({})) == ""


def test_it_names_an_unknown_function():
    with pytest.raises(ex.ExpressionError) as caught:
        parse("${a} + digest('x', 'MD5')")
    assert caught.value.function == "digest"
    assert caught.value.position == 7
