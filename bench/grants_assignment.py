"""Reviewer assignment at national scale: 2,000 applications, 200 reviewers, k = 3,
loads 25–35, about 5% conflicted pairs; affinity from themes as in the platform.

Prints the times of the min-cost-flow solver (the one the platform uses) and of the LP
reference (HiGHS) on the same problems, checks they reach the same optimum, and gives
the greedy baseline's objective as a share of it (and whether greedy is even complete).
Run: .venv/bin/python bench/grants_assignment.py
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from pazanga.grants.solvers.assignment import (
    AssignmentProblem,
    greedy_assignment,
    is_complete,
    solve_by_lp,
)
from pazanga.grants.solvers.flow import solve_by_flow

THEMES = 10
APPLICATIONS, REVIEWERS, K, LOW, HIGH, CONFLICTED = 2000, 200, 3, 25, 35, 0.05


def problem(seed: int) -> AssignmentProblem:
    rng = random.Random(seed)  # noqa: S311 (bench data, not crypto)
    app_themes = [set(rng.sample(range(THEMES), rng.randint(1, 3))) for _ in range(APPLICATIONS)]
    expertise = [set(rng.sample(range(THEMES), rng.randint(2, 4))) for _ in range(REVIEWERS)]
    affinity = tuple(tuple(len(t & e) / len(t) for e in expertise) for t in app_themes)
    forbidden = frozenset(
        (a, r) for a in range(APPLICATIONS) for r in range(REVIEWERS) if rng.random() < CONFLICTED
    )
    return AssignmentProblem(APPLICATIONS, REVIEWERS, K, LOW, HIGH, affinity, forbidden)


def timed(solve, p):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = solve(p)
    return result, time.perf_counter() - started


def main() -> None:
    for seed in (1, 2, 3):
        p = problem(seed)
        flow, flow_seconds = timed(solve_by_flow, p)
        lp, lp_seconds = timed(solve_by_lp, p)
        greedy, greedy_seconds = timed(greedy_assignment, p)
        same = abs(flow.total_affinity - lp.total_affinity) < 1e-6 * lp.total_affinity
        print(
            f"seed {seed}: {len(p.forbidden) / (APPLICATIONS * REVIEWERS):.1%} conflicted; "
            f"optimum {flow.total_affinity:.1f} (loads {min(flow.loads)}–{max(flow.loads)}); "
            f"flow {flow_seconds:.2f} s, LP {lp_seconds:.2f} s "
            f"(flow {lp_seconds / flow_seconds:.1f}× faster, same optimum: {same}, "
            f"complete: {is_complete(p, flow)}); greedy {greedy.total_affinity:.1f} "
            f"in {greedy_seconds:.2f} s = {greedy.total_affinity / lp.total_affinity:.2%} "
            f"of the optimum, complete: {is_complete(p, greedy)}"
        )


if __name__ == "__main__":
    main()
