"""The pure solvers against brute force on small cases, and their refusals."""

from decimal import Decimal
from itertools import combinations, product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pazanga.grants.solvers.assignment import (
    AssignmentProblem,
    InfeasibleAssignmentError,
    greedy_assignment,
    is_complete,
    solve_assignment,
    solve_by_lp,
)
from pazanga.grants.solvers.flow import solve_by_flow
from pazanga.grants.solvers.funding import Candidate, MinimumsExceedBudgetError, propose_funding
from pazanga.grants.solvers.scoring import (
    Criterion,
    ReviewScores,
    score_applications,
    weighted_score,
)


def brute_force_best(problem: AssignmentProblem) -> float | None:
    """The best total affinity over every feasible assignment, or None."""
    options_per_app = [
        [
            combo
            for combo in combinations(range(problem.reviewer_count), problem.per_application)
            if all((a, r) not in problem.forbidden for r in combo)
            and all(r in combo for (fa, r) in problem.fixed if fa == a)
        ]
        for a in range(problem.application_count)
    ]
    best = None
    for choice in product(*options_per_app):
        loads = [0] * problem.reviewer_count
        for combo in choice:
            for r in combo:
                loads[r] += 1
        if all(problem.min_load <= load <= problem.max_load for load in loads):
            total = sum(problem.affinity[a][r] for a, combo in enumerate(choice) for r in combo)
            best = total if best is None else max(best, total)
    return best


@st.composite
def small_problems(draw):  # type: ignore[no-untyped-def]
    apps = draw(st.integers(1, 4))
    revs = draw(st.integers(1, 4))
    k = draw(st.integers(1, 2))
    low = draw(st.integers(0, 2))
    high = draw(st.integers(low, 4))
    affinity = tuple(tuple(draw(st.integers(0, 10)) / 10 for _ in range(revs)) for _ in range(apps))
    pairs = [(a, r) for a in range(apps) for r in range(revs)]
    forbidden = frozenset(draw(st.lists(st.sampled_from(pairs), max_size=3)))
    allowed = [p for p in pairs if p not in forbidden]
    fixed = (
        frozenset(draw(st.lists(st.sampled_from(allowed), max_size=1))) if allowed else frozenset()
    )
    return AssignmentProblem(apps, revs, k, low, high, affinity, forbidden, fixed)


def assert_feasible(problem: AssignmentProblem, assignment) -> None:  # type: ignore[no-untyped-def]
    assert is_complete(problem, assignment)
    assert len(set(assignment.pairs)) == len(assignment.pairs)
    assert not set(assignment.pairs) & problem.forbidden
    assert problem.fixed <= set(assignment.pairs)


@pytest.mark.parametrize(
    "solve", [solve_assignment, solve_by_flow, solve_by_lp], ids=["entry", "flow", "lp"]
)
@settings(max_examples=150, deadline=None)
@given(problem=small_problems())
def test_it_finds_the_brute_force_optimum_or_says_there_is_none(solve, problem):
    best = brute_force_best(problem)
    if best is None:
        with pytest.raises(InfeasibleAssignmentError):
            solve(problem)
        return
    assignment = solve(problem)
    assert assignment.total_affinity == pytest.approx(best)
    assert_feasible(problem, assignment)


@st.composite
def medium_problems(draw):  # type: ignore[no-untyped-def]
    """Beyond brute force: up to 25 applications and 8 reviewers, with conflicts, kept
    pairs and load bounds that are often tight."""
    apps, revs = draw(st.integers(1, 25)), draw(st.integers(1, 8))
    k = draw(st.integers(1, min(3, revs)))
    low = draw(st.integers(0, apps * k // revs))
    high = draw(st.integers(max(low, 1), max(low, 1) + 4))
    affinity = tuple(
        tuple(draw(st.sampled_from((0.0, 0.25, 1 / 3, 0.5, 2 / 3, 1.0))) for _ in range(revs))
        for _ in range(apps)
    )
    pairs = [(a, r) for a in range(apps) for r in range(revs)]
    forbidden = frozenset(draw(st.lists(st.sampled_from(pairs), max_size=apps)))
    allowed = [p for p in pairs if p not in forbidden]
    fixed = frozenset(draw(st.lists(st.sampled_from(allowed), max_size=3))) if allowed else None
    return AssignmentProblem(apps, revs, k, low, high, affinity, forbidden, fixed or frozenset())


@settings(max_examples=200, deadline=None)
@given(medium_problems())
def test_the_flow_solver_agrees_with_the_linear_programme(problem):
    try:
        reference = solve_by_lp(problem)
    except InfeasibleAssignmentError as infeasible:
        with pytest.raises(InfeasibleAssignmentError) as raised:
            solve_by_flow(problem)
        assert raised.value.reasons == infeasible.reasons
        return
    assignment = solve_by_flow(problem)
    assert assignment.total_affinity == pytest.approx(reference.total_affinity)
    assert_feasible(problem, assignment)


def test_it_never_assigns_a_conflicted_pair_even_when_it_has_the_best_affinity():
    problem = AssignmentProblem(
        2, 3, 1, 0, 1, ((1.0, 0.1, 0.0), (0.9, 0.8, 0.0)), forbidden=frozenset({(0, 0)})
    )
    assignment = solve_assignment(problem)
    assert assignment.pairs == ((0, 1), (1, 0))
    assert assignment.total_affinity == pytest.approx(0.1 + 0.9)


def test_it_beats_greedy_where_greedy_is_short_sighted():
    # Greedy gives reviewer 0 to application 0 (1.0) and leaves application 1 with 0.
    problem = AssignmentProblem(2, 2, 1, 0, 1, ((1.0, 0.9), (0.9, 0.0)))
    assert greedy_assignment(problem).total_affinity == pytest.approx(1.0)
    assert solve_assignment(problem).total_affinity == pytest.approx(1.8)


@pytest.mark.parametrize(
    ("problem", "codes"),
    sorted(
        [
            (AssignmentProblem(10, 2, 3, 0, 20, ((0.0,) * 2,) * 10), ["fewer_reviewers_than_k"]),
            (AssignmentProblem(10, 3, 3, 0, 5, ((0.0,) * 3,) * 10), ["capacity_too_small"]),
            (AssignmentProblem(2, 3, 1, 2, 2, ((0.0,) * 3,) * 2), ["minimum_too_large"]),
            (
                AssignmentProblem(2, 3, 3, 0, 3, ((0.0,) * 3,) * 2, forbidden=frozenset({(1, 2)})),
                ["too_few_candidates"],
            ),
            (AssignmentProblem(1, 1, 1, 2, 1, ((0.0,),)), ["load_bounds", "minimum_too_large"]),
        ],
        key=repr,
    ),
)
def test_it_explains_why_settings_are_infeasible(problem, codes):
    with pytest.raises(InfeasibleAssignmentError) as raised:
        solve_assignment(problem)
    assert [reason.code for reason in raised.value.reasons] == codes


def test_it_reports_a_hall_violation_as_no_solution():
    # Both applications may only use reviewer 0, who can take one.
    problem = AssignmentProblem(
        2, 2, 1, 0, 1, ((0.0, 0.0),) * 2, forbidden=frozenset({(0, 1), (1, 1)})
    )
    with pytest.raises(InfeasibleAssignmentError) as raised:
        solve_assignment(problem)
    assert [reason.code for reason in raised.value.reasons] == ["no_solution"]


CRITERIA = (Criterion(1, 2.0, 10.0), Criterion(2, 1.0, 5.0))


def test_it_weighs_criteria_on_a_hundred_point_scale():
    assert weighted_score(((1, 10.0), (2, 5.0)), CRITERIA) == 100.0
    assert weighted_score(((1, 5.0), (2, 5.0)), CRITERIA) == pytest.approx(66.6667)
    assert weighted_score(((1, 5.0),), CRITERIA) == pytest.approx(33.3333)


def test_it_flags_reviewers_who_disagree_by_more_than_the_margin():
    reviews = (
        ReviewScores(1, 10, ((1, 10.0), (2, 5.0))),
        ReviewScores(1, 11, ((1, 4.0), (2, 2.0))),
        ReviewScores(2, 10, ((1, 8.0), (2, 4.0))),
        ReviewScores(2, 11, ((1, 7.0), (2, 4.0))),
    )
    first, second, third = score_applications((1, 2, 3), reviews, CRITERIA, margin=20)
    assert (first.score, first.spread, first.disagreement) == (70.0, 60.0, True)
    assert [s.raw for s in first.reviewer_scores] == [100.0, 40.0]
    assert (second.score, second.disagreement) == (pytest.approx(76.67), False)
    assert (third.score, third.reviewer_scores) == (None, ())


def test_standardisation_removes_a_reviewers_leniency():
    # Reviewer 10 is harsh, 11 lenient; each ranks application 1 above 2.
    one = ((1, 1.0), (2, 1.0))
    reviews = (
        ReviewScores(1, 10, ((1, 4.0), (2, 2.0))),
        ReviewScores(2, 10, ((1, 2.0), (2, 1.0))),
        ReviewScores(3, 11, ((1, 10.0), (2, 5.0))),
        ReviewScores(4, 11, ((1, 8.0), (2, 4.0))),
        ReviewScores(5, 12, one),
    )
    raw = {
        s.application: s.score
        for s in score_applications((1, 2, 3, 4, 5), reviews, CRITERIA, margin=99)
    }
    fair = {
        s.application: s.score
        for s in score_applications((1, 2, 3, 4, 5), reviews, CRITERIA, margin=99, standardise=True)
    }
    assert raw[3] > raw[1]
    assert fair[1] == pytest.approx(fair[3])
    assert fair[2] == pytest.approx(fair[4])
    assert fair[5] == raw[5]  # one review: nothing to compare it with


def ranked(*rows: tuple[int, str, int]) -> tuple[Candidate, ...]:
    return tuple(Candidate(a, county, Decimal(amount)) for a, county, amount in rows)


def test_it_funds_down_the_ranking_and_skips_what_does_not_fit():
    proposal = propose_funding(
        ranked((1, "A", 50), (2, "A", 40), (3, "B", 30), (4, "B", 10)), Decimal(100)
    )
    assert proposal.funded == (1, 2, 4)
    assert proposal.reserve == (3,)
    assert proposal.total == Decimal(100)


def test_it_honours_county_minimums_by_holding_money_back():
    proposal = propose_funding(
        ranked((1, "A", 50), (2, "A", 40), (3, "B", 30), (4, "B", 10)), Decimal(100), {"B": 1}
    )
    assert proposal.funded == (1, 3, 4)
    assert proposal.reserve == (2,)
    assert proposal.funded_for_minimum == (3,)


def test_it_reports_counties_without_enough_applications():
    proposal = propose_funding(ranked((1, "A", 50)), Decimal(100), {"C": 2})
    assert [(s.county, s.minimum, s.candidates) for s in proposal.short_counties] == [("C", 2, 0)]


def test_it_refuses_minimums_that_cost_more_than_the_budget():
    with pytest.raises(MinimumsExceedBudgetError) as raised:
        propose_funding(ranked((1, "A", 80), (2, "B", 80)), Decimal(100), {"A": 1, "B": 1})
    assert raised.value.needed == Decimal(160)


candidates = st.lists(
    st.tuples(st.sampled_from("ABC"), st.integers(1, 60)), min_size=0, max_size=8
).map(lambda rows: tuple(Candidate(i, c, Decimal(a)) for i, (c, a) in enumerate(rows)))


@settings(max_examples=200, deadline=None)
@given(candidates, st.integers(0, 200), st.dictionaries(st.sampled_from("ABC"), st.integers(0, 2)))
def test_a_proposal_never_exceeds_the_budget_and_meets_every_reachable_minimum(
    ranking, budget, minimums
):
    try:
        proposal = propose_funding(ranking, Decimal(budget), minimums)
    except MinimumsExceedBudgetError as refused:
        assert refused.needed > budget
        return
    funded = [c for c in ranking if c.application in proposal.funded]
    assert sum(c.amount for c in funded) == proposal.total <= budget
    for county, minimum in minimums.items():
        available = sum(1 for c in ranking if c.county == county)
        assert sum(1 for c in funded if c.county == county) >= min(minimum, available)
    assert sorted(proposal.funded + proposal.reserve) == [c.application for c in ranking]
