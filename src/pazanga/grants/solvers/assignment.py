"""Optimal reviewer assignment: the problem, its infeasibility reasons, and the linear
programme over the bipartite graph that serves as the reference solution.

Variables x[a, r] in [0, 1] for every allowed (application, reviewer) pair. Every
application gets exactly k reviewers, every reviewer's load stays in [min_load, max_load],
conflicted pairs have no variable at all, and the total affinity is maximised.

The constraint matrix is the incidence matrix of a bipartite graph, which is totally
unimodular, so every vertex of the feasible polytope is integral. HiGHS' dual simplex
returns a vertex, hence an integral assignment that is optimal among all assignments,
not only among fractional ones (docs/decisions/0040-reviewer-assignment.md).
"""

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix, vstack

Pair = tuple[int, int]  # (application index, reviewer index)
INTEGRALITY_TOLERANCE = 1e-6


@dataclass(frozen=True)
class AssignmentProblem:
    """Applications and reviewers are numbered from 0; `affinity[a][r]` is their match."""

    application_count: int
    reviewer_count: int
    per_application: int
    min_load: int
    max_load: int
    affinity: tuple[tuple[float, ...], ...]
    forbidden: frozenset[Pair] = field(default_factory=frozenset)
    fixed: frozenset[Pair] = field(default_factory=frozenset)

    def allowed_pairs(self) -> list[Pair]:
        return [
            (a, r)
            for a in range(self.application_count)
            for r in range(self.reviewer_count)
            if (a, r) not in self.forbidden
        ]


@dataclass(frozen=True)
class Assignment:
    pairs: tuple[Pair, ...]
    total_affinity: float
    loads: tuple[int, ...]

    def reviewers_of(self, application: int) -> tuple[int, ...]:
        return tuple(r for a, r in self.pairs if a == application)


@dataclass(frozen=True)
class Reason:
    """Why no assignment exists; `code` is stable, `params` fill the translated message."""

    code: str
    params: tuple[tuple[str, int], ...] = ()


class InfeasibleAssignmentError(ValueError):
    def __init__(self, reasons: tuple[Reason, ...]) -> None:
        super().__init__(", ".join(reason.code for reason in reasons))
        self.reasons = reasons


def infeasibility_reasons(problem: AssignmentProblem) -> tuple[Reason, ...]:
    """The simple counting arguments that already rule a problem out."""
    k, n_apps, n_revs = problem.per_application, problem.application_count, problem.reviewer_count
    needed = n_apps * k
    reasons: list[Reason] = []
    if problem.min_load > problem.max_load:
        reasons.append(
            Reason("load_bounds", (("min", problem.min_load), ("max", problem.max_load)))
        )
    if k > n_revs:
        reasons.append(Reason("fewer_reviewers_than_k", (("reviewers", n_revs), ("k", k))))
    if needed > n_revs * problem.max_load:
        reasons.append(
            Reason(
                "capacity_too_small", (("needed", needed), ("capacity", n_revs * problem.max_load))
            )
        )
    if needed < n_revs * problem.min_load:
        reasons.append(
            Reason(
                "minimum_too_large", (("needed", needed), ("minimum", n_revs * problem.min_load))
            )
        )
    if problem.fixed & problem.forbidden:
        reasons.append(
            Reason("fixed_pair_forbidden", (("count", len(problem.fixed & problem.forbidden)),))
        )
    candidates = Counter(a for a, _r in problem.allowed_pairs())
    reasons.extend(
        Reason("too_few_candidates", (("application", a), ("available", candidates[a]), ("k", k)))
        for a in range(n_apps)
        if candidates[a] < k <= n_revs
    )
    fixed_per_app = Counter(a for a, _r in problem.fixed)
    fixed_per_reviewer = Counter(r for _a, r in problem.fixed)
    reasons.extend(
        Reason("too_many_fixed", (("application", a), ("fixed", count), ("k", k)))
        for a, count in sorted(fixed_per_app.items())
        if count > k
    )
    reasons.extend(
        Reason(
            "reviewer_overloaded", (("reviewer", r), ("fixed", count), ("max", problem.max_load))
        )
        for r, count in sorted(fixed_per_reviewer.items())
        if count > problem.max_load
    )
    return tuple(reasons)


def solve_assignment(problem: AssignmentProblem) -> Assignment:
    """The assignment with the largest total affinity, or InfeasibleAssignmentError with reasons.

    Solved as a min-cost flow (`solvers.flow`), an order of magnitude faster than the LP at
    national scale; `solve_by_lp` stays as the reference the tests compare it with.
    """
    from pazanga.grants.solvers.flow import solve_by_flow  # flow builds on this module

    return solve_by_flow(problem)


def solve_by_lp(problem: AssignmentProblem) -> Assignment:
    """The same optimum from HiGHS' dual simplex (see the module's docstring)."""
    reasons = infeasibility_reasons(problem)
    if reasons:
        raise InfeasibleAssignmentError(reasons)
    if problem.application_count == 0:
        return Assignment((), 0.0, (0,) * problem.reviewer_count)
    pairs = problem.allowed_pairs()
    n_vars = len(pairs)
    apps = np.fromiter((a for a, _r in pairs), dtype=np.int64, count=n_vars)
    revs = np.fromiter((r for _a, r in pairs), dtype=np.int64, count=n_vars)
    columns = np.arange(n_vars)
    ones = np.ones(n_vars)
    by_application = csr_matrix((ones, (apps, columns)), shape=(problem.application_count, n_vars))
    by_reviewer = csr_matrix((ones, (revs, columns)), shape=(problem.reviewer_count, n_vars))

    a_ub = vstack([by_reviewer, -by_reviewer]).tocsr()
    b_ub = np.concatenate(
        [
            np.full(problem.reviewer_count, problem.max_load, dtype=float),
            np.full(problem.reviewer_count, -problem.min_load, dtype=float),
        ]
    )
    b_eq = np.full(problem.application_count, problem.per_application, dtype=float)
    affinity = np.asarray(problem.affinity, dtype=float)
    cost = -affinity[apps, revs]
    lower = np.fromiter((1.0 if pair in problem.fixed else 0.0 for pair in pairs), float, n_vars)
    bounds = np.column_stack([lower, np.ones(n_vars)])
    result = linprog(
        cost, A_ub=a_ub, b_ub=b_ub, A_eq=by_application, b_eq=b_eq, bounds=bounds, method="highs-ds"
    )
    if result.status == 2:  # noqa: PLR2004 (HiGHS: infeasible)
        raise InfeasibleAssignmentError((Reason("no_solution"),))
    if not result.success:  # pragma: no cover (iteration limits; never seen in practice)
        raise RuntimeError(f"Assignment solver failed: {result.message}")
    chosen = np.round(result.x)
    if np.max(np.abs(result.x - chosen)) > INTEGRALITY_TOLERANCE:  # pragma: no cover
        raise RuntimeError("The solver returned a fractional vertex.")
    selected = tuple(pairs[i] for i in np.flatnonzero(chosen > 0))
    return summarise(problem, selected)


def summarise(problem: AssignmentProblem, pairs: tuple[Pair, ...]) -> Assignment:
    loads = Counter(r for _a, r in pairs)
    total = sum(problem.affinity[a][r] for a, r in pairs)
    return Assignment(
        tuple(sorted(pairs)), float(total), tuple(loads[r] for r in range(problem.reviewer_count))
    )


def greedy_assignment(problem: AssignmentProblem) -> Assignment:
    """The obvious heuristic (best pairs first), kept as the benchmark's baseline.

    It may leave applications short of k reviewers or reviewers under their minimum;
    `is_complete` tells.
    """
    need = [problem.per_application] * problem.application_count
    room = [problem.max_load] * problem.reviewer_count
    chosen: list[Pair] = []
    for a, r in sorted(problem.allowed_pairs(), key=lambda p: -problem.affinity[p[0]][p[1]]):
        if need[a] and room[r]:
            chosen.append((a, r))
            need[a] -= 1
            room[r] -= 1
    return summarise(problem, tuple(chosen))


def is_complete(problem: AssignmentProblem, assignment: Assignment) -> bool:
    per_app = Counter(a for a, _r in assignment.pairs)
    return all(
        per_app[a] == problem.per_application for a in range(problem.application_count)
    ) and all(problem.min_load <= load <= problem.max_load for load in assignment.loads)
