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


names = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)
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


@given(st.text(max_size=40))
def test_it_refuses_garbage_with_an_expression_error_only(text):
    try:
        parse(text)
    except ex.ExpressionError as error:
        assert 0 <= error.position <= len(text)


def test_it_keeps_decimal_precision():
    assert ex.evaluate(parse("0.1 + 0.2"), Context({})) == Decimal("0.3")
