"""The Django-free grant rules: examples that name each rule, properties over many cases."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pazanga.grants import rules
from pazanga.grants.rules import (
    Applicant,
    BudgetLine,
    CallLimits,
    DecisionLine,
    Problem,
    ScoredCriterion,
    Workplace,
)

THEMES = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=5)


# --- affinity ------------------------------------------------------------------------


def test_affinity_is_the_share_of_the_applications_themes_the_reviewer_knows():
    assert rules.affinity(["health", "youth"], ["youth", "culture"]) == 0.5
    assert rules.affinity(["health", "health"], ["health"]) == 1.0
    assert rules.affinity([], ["health"]) == 0.0
    assert rules.affinity(["health", "youth", "culture"], []) == 0.0


@given(THEMES, THEMES)
def test_affinity_lies_between_nothing_and_everything(themes, expertise):
    value = rules.affinity(themes, expertise)
    assert 0.0 <= value <= 1.0
    assert (value == 1.0) == (bool(themes) and set(themes) <= set(expertise))
    assert rules.affinity(themes, [*expertise, *themes]) == (1.0 if themes else 0.0)


# --- conflicts -----------------------------------------------------------------------

LIBRARY, BRANCH, OTHER, PLACE, ELSEWHERE, PARTNER = 1, 2, 3, 10, 11, 4


@pytest.mark.parametrize(
    ("applicant", "workplace", "expected"),
    [
        (
            Applicant(LIBRARY, None, PLACE),
            Workplace(LIBRARY, None, ELSEWHERE),
            ["same_organisation"],
        ),
        (Applicant(BRANCH, LIBRARY, PLACE), Workplace(LIBRARY, None, None), ["same_organisation"]),
        (Applicant(LIBRARY, None, None), Workplace(BRANCH, LIBRARY, None), ["same_organisation"]),
        (Applicant(BRANCH, LIBRARY, None), Workplace(OTHER, LIBRARY, None), ["same_organisation"]),
        (Applicant(LIBRARY, None, PLACE), Workplace(OTHER, None, PLACE), ["same_municipality"]),
        (
            Applicant(LIBRARY, None, PLACE, frozenset({PARTNER})),
            Workplace(PARTNER, None, ELSEWHERE),
            ["partner"],
        ),
        (
            Applicant(LIBRARY, None, PLACE, frozenset({LIBRARY})),
            Workplace(LIBRARY, None, PLACE),
            ["same_organisation", "same_municipality", "partner"],
        ),
        (Applicant(LIBRARY, None, None), Workplace(OTHER, None, None), []),
        (Applicant(LIBRARY, None, PLACE), Workplace(OTHER, None, ELSEWHERE), []),
        (Applicant(LIBRARY, OTHER, None), Workplace(PARTNER, None, None), []),
        (Applicant(LIBRARY, None, None), Workplace(PARTNER, OTHER, None), []),
    ],
    ids=[
        "same library",
        "main library of a branch",
        "branch of the library",
        "sister branch",
        "municipality",
        "partner",
        "all three",
        "no municipality known",
        "elsewhere",
        "unrelated",
        "a branch of another library",
    ],
)
def test_conflict_sources(applicant, workplace, expected):
    assert rules.conflict_sources(applicant, workplace) == expected


# --- budgets -------------------------------------------------------------------------


def test_budget_totals_and_the_co_financing_share():
    totals = rules.budget_totals(
        [BudgetLine(Decimal("4000"), Decimal("500")), BudgetLine(Decimal("1000"), Decimal("0"))]
    )
    assert totals == rules.BudgetTotals(Decimal("5000"), Decimal("500"), 2)
    assert totals.cost == Decimal("5500")
    assert rules.co_financing_share(totals) == Decimal("9.1")
    assert rules.co_financing_share(rules.budget_totals([])) == Decimal(0)


AMOUNTS = st.decimals(min_value=0, max_value=100000, places=2)


@given(st.lists(st.tuples(AMOUNTS, AMOUNTS), max_size=6))
def test_the_co_financing_share_is_a_percentage_of_the_cost(lines):
    totals = rules.budget_totals(BudgetLine(r, c) for r, c in lines)
    assert totals.lines == len(lines)
    assert totals.requested == sum((r for r, _c in lines), Decimal(0))
    share = rules.co_financing_share(totals)
    assert Decimal(0) <= share <= Decimal(100)
    if totals.cost:
        assert abs(share - totals.co_financing * 100 / totals.cost) <= Decimal("0.05")


# --- reviews -------------------------------------------------------------------------

IMPACT = ScoredCriterion(1, "Poveikis", Decimal(2), 10)
PARTNERSHIP = ScoredCriterion(2, "Partnerystė", Decimal(1), 5)


def test_a_reviews_total_is_the_weighted_share_of_the_maxima():
    assert rules.review_total([IMPACT, PARTNERSHIP], {1: Decimal(8), 2: Decimal(4)}) == Decimal(
        "80.00"
    )
    assert rules.review_total([IMPACT, PARTNERSHIP], {1: Decimal(10), 2: Decimal(5)}) == 100
    assert rules.review_total([IMPACT, PARTNERSHIP], {1: Decimal(5), 2: None}) == Decimal("33.33")


def test_a_review_is_complete_with_every_score_in_range_and_a_recommendation():
    assert (
        rules.review_problems([IMPACT, PARTNERSHIP], {1: Decimal(10), 2: Decimal(0)}, "fund") == []
    )
    assert rules.review_problems([IMPACT, PARTNERSHIP], {1: Decimal(11), 2: Decimal(-1)}, "") == [
        Problem("score_out_of_range", {"name": "Poveikis", "max": 10}),
        Problem("score_out_of_range", {"name": "Partnerystė", "max": 5}),
        Problem("recommendation_missing"),
    ]
    assert rules.review_problems([IMPACT, PARTNERSHIP], {2: None}, "fund") == [
        Problem("score_missing", {"name": "Poveikis"}),
        Problem("score_missing", {"name": "Partnerystė"}),
    ]


# --- the decision --------------------------------------------------------------------

LIMITS = CallLimits(budget=Decimal(10000), max_grant=Decimal(6000), currency="EUR")


def line(outcome, amount=None, *, proposed=True, requested=5000, reason=""):  # type: ignore[no-untyped-def]
    return DecisionLine(
        reference="BP2-2015-001",
        outcome=outcome,
        amount=None if amount is None else Decimal(amount),
        reason=reason,
        requested=Decimal(requested),
        proposed_funded=proposed,
    )


@pytest.mark.parametrize(
    ("lines", "codes"),
    [
        ([line("awarded", 5000), line("reserve", proposed=False)], []),
        ([line("withdrawn")], ["outcome_missing"]),
        ([line("awarded")], ["amount_missing"]),
        ([line("awarded", 0)], ["amount_missing"]),
        ([line("awarded", 5001, reason="x")], ["amount_too_high"]),
        ([line("awarded", 7000, requested=8000, reason="x")], ["amount_too_high"]),
        ([line("awarded", 6000, requested=8000, reason="cut")], []),
        ([line("awarded", 4000)], ["departs_without_reason"]),
        ([line("reserve")], ["departs_without_reason"]),
        ([line("rejected")], ["departs_without_reason"]),
        ([line("awarded", 5000, proposed=False)], ["departs_without_reason"]),
        ([line("awarded", 5000, proposed=False, reason="  ")], ["departs_without_reason"]),
        ([line("reserve", proposed=False), line("rejected", proposed=False)], []),
        ([line("awarded", 5000), line("awarded", 5000)], []),
        ([line("awarded", 5000)] * 2 + [line("awarded", 1, requested=1)], ["over_budget"]),
        ([line("awarded", 5000)] * 2 + [line("awarded")], ["amount_missing"]),
        ([line("withdrawn"), line("awarded")], ["outcome_missing", "amount_missing"]),
        ([line("awarded"), line("awarded", 4000)], ["amount_missing", "departs_without_reason"]),
    ],
)
def test_decision_problems(lines, codes):
    assert [p.code for p in rules.decision_problems(lines, LIMITS)] == codes


def test_each_problem_names_its_application():
    lines = [line("withdrawn"), line("awarded"), line("reserve")]
    ref = {"reference": "BP2-2015-001"}
    assert rules.decision_problems(lines, LIMITS) == [
        Problem("outcome_missing", ref),
        Problem("amount_missing", ref),
        Problem("departs_without_reason", ref),
    ]
    assert rules.awarded_total([]) == 0 and rules.awarded_total([line("awarded")]) == 0


def test_an_over_budget_decision_names_the_sums():
    lines = [line("awarded", 6000, requested=6000), line("awarded", 6000, requested=6000)]
    assert rules.decision_problems(lines, LIMITS) == [
        Problem(
            "over_budget", {"total": Decimal(12000), "budget": Decimal(10000), "currency": "EUR"}
        )
    ]
    assert rules.awarded_total([*lines, line("reserve", 3000)]) == Decimal(12000)
    limit = rules.decision_problems([line("awarded", 9000, requested=9000)], LIMITS)
    assert limit == [
        Problem(
            "amount_too_high",
            {"reference": "BP2-2015-001", "limit": Decimal(6000), "currency": "EUR"},
        )
    ]


@given(st.lists(st.integers(1, 6000), min_size=1, max_size=5))
def test_following_the_proposal_within_the_budget_needs_no_reason(requests):
    lines = [line("awarded", r, requested=r) for r in requests]
    total = sum(requests)
    problems = rules.decision_problems(lines, CallLimits(Decimal(total), Decimal(6000), "EUR"))
    assert problems == []
    over = rules.decision_problems(lines, CallLimits(Decimal(total - 1), Decimal(6000), "EUR"))
    assert [p.code for p in over] == ["over_budget"]
