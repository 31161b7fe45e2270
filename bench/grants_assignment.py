"""Reviewer assignment at national scale: 2,000 applications, 200 reviewers, k = 3,
loads 25–35, about 5% conflicted pairs; affinity from themes as in the platform.

Prints the optimal solve time and the greedy baseline's objective as a share of the
optimum (and whether greedy even finds a complete assignment).
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
    solve_assignment,
)

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


def main() -> None:
    for seed in (1, 2, 3):
        p = problem(seed)
        started = time.perf_counter()
        optimal = solve_assignment(p)
        solve_seconds = time.perf_counter() - started
        started = time.perf_counter()
        greedy = greedy_assignment(p)
        greedy_seconds = time.perf_counter() - started
        print(
            f"seed {seed}: {len(p.forbidden) / (APPLICATIONS * REVIEWERS):.1%} conflicted; "
            f"optimal objective {optimal.total_affinity:.1f} in {solve_seconds:.2f} s "
            f"(loads {min(optimal.loads)}–{max(optimal.loads)}); "
            f"greedy {greedy.total_affinity:.1f} in {greedy_seconds:.2f} s = "
            f"{greedy.total_affinity / optimal.total_affinity:.2%} of the optimum, "
            f"complete: {is_complete(p, greedy)}"
        )


if __name__ == "__main__":
    main()
