"""Weighted scores, reviewer spread, disagreement flags and optional standardisation.

A review's score is the weighted mean of its criterion scores, each divided by the
criterion's maximum, on a 0–100 scale. An application's score is the mean of its
reviewers' scores. Standardisation (docs/decisions/0041-score-standardisation.md)
removes each reviewer's own leniency and spread before averaging.
"""

from collections import defaultdict
from dataclasses import dataclass
from statistics import fmean, pstdev

SCALE = 100.0
MIN_REVIEWS_TO_STANDARDISE = 2


@dataclass(frozen=True)
class Criterion:
    key: int
    weight: float
    max_score: float


@dataclass(frozen=True)
class ReviewScores:
    application: int
    reviewer: int
    scores: tuple[tuple[int, float], ...]  # (criterion key, score)


@dataclass(frozen=True)
class ReviewerScore:
    reviewer: int
    raw: float
    adjusted: float


@dataclass(frozen=True)
class ScoredApplication:
    application: int
    score: float | None  # adjusted when standardising, else raw; None without reviews
    raw_score: float | None
    reviewer_scores: tuple[ReviewerScore, ...]
    spread: float
    disagreement: bool


def weighted_score(scores: tuple[tuple[int, float], ...], criteria: tuple[Criterion, ...]) -> float:
    """0–100: criterion scores as shares of their maximum, weighted; missing scores count 0."""
    given = dict(scores)
    total_weight = sum(c.weight for c in criteria)
    if total_weight <= 0:
        return 0.0
    points = sum(c.weight * given.get(c.key, 0.0) / c.max_score for c in criteria if c.max_score)
    return round(SCALE * points / total_weight, 4)


def standardiser(raw: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """Each reviewer's scores moved to the pool's mean and spread.

    A reviewer with one review keeps it as given (nothing to compare with); a reviewer
    who gave every application the same score is only shifted to the pool's mean.
    """
    if not raw:
        return {}
    pool_mean, pool_sd = fmean(raw.values()), pstdev(raw.values())
    by_reviewer: dict[int, list[float]] = defaultdict(list)
    for (_application, reviewer), value in raw.items():
        by_reviewer[reviewer].append(value)
    adjusted = {}
    for (application, reviewer), value in raw.items():
        own = by_reviewer[reviewer]
        if len(own) < MIN_REVIEWS_TO_STANDARDISE:
            adjusted[application, reviewer] = value
            continue
        own_mean, own_sd = fmean(own), pstdev(own)
        shifted = (value - own_mean) / own_sd * pool_sd if own_sd > 0 else value - own_mean
        adjusted[application, reviewer] = round(pool_mean + shifted, 4)
    return adjusted


def score_applications(
    applications: tuple[int, ...],
    reviews: tuple[ReviewScores, ...],
    criteria: tuple[Criterion, ...],
    *,
    margin: float,
    standardise: bool = False,
) -> tuple[ScoredApplication, ...]:
    """Every application's score, its reviewers' scores, their spread and a flag when
    the spread (on the raw scale) is larger than `margin`."""
    raw = {(r.application, r.reviewer): weighted_score(r.scores, criteria) for r in reviews}
    adjusted = standardiser(raw) if standardise else raw
    per_application: dict[int, list[ReviewerScore]] = defaultdict(list)
    for (application, reviewer), value in sorted(raw.items()):
        per_application[application].append(
            ReviewerScore(reviewer, value, adjusted[application, reviewer])
        )
    return tuple(scored(a, tuple(per_application.get(a, ())), margin) for a in applications)


def scored(application: int, scores: tuple[ReviewerScore, ...], margin: float) -> ScoredApplication:
    if not scores:
        return ScoredApplication(application, None, None, (), 0.0, disagreement=False)
    raws = [s.raw for s in scores]
    spread = round(max(raws) - min(raws), 4)
    return ScoredApplication(
        application,
        round(fmean(s.adjusted for s in scores), 2),
        round(fmean(raws), 2),
        scores,
        spread,
        disagreement=spread > margin,
    )
