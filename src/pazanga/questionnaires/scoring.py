"""Scoring a test: pure, Django-free.

A question scores when it has points and at least one choice marked correct. A
select_one answer earns the points when it is a correct choice; a select_multiple
answer earns them only when it selects exactly the correct choices (no partial credit,
so guessing every box never pays).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ScoredQuestion:
    name: str
    points: Decimal
    correct: frozenset[str]
    multiple: bool = False


@dataclass(frozen=True)
class Score:
    points: Decimal
    maximum: Decimal
    passed: bool | None  # None when the test has no pass mark
    earned: Mapping[str, Decimal]

    @property
    def percent(self) -> Decimal:
        if not self.maximum:
            return Decimal(0)
        return (self.points * 100 / self.maximum).quantize(Decimal("0.1"))


def earned_points(question: ScoredQuestion, answer: object) -> Decimal:
    if question.multiple:
        chosen = frozenset(answer) if isinstance(answer, list | tuple) else frozenset()
        return question.points if chosen and chosen == question.correct else Decimal(0)
    return question.points if isinstance(answer, str) and answer in question.correct else Decimal(0)


def score(
    questions: Iterable[ScoredQuestion],
    answers: Mapping[str, object],
    pass_mark: Decimal | None = None,
) -> Score:
    questions = list(questions)
    earned = {q.name: earned_points(q, answers.get(q.name)) for q in questions if q.correct}
    maximum = sum((q.points for q in questions if q.correct), Decimal(0))
    points = sum(earned.values(), Decimal(0))
    passed = None if pass_mark is None else points >= pass_mark
    return Score(points=points, maximum=maximum, passed=passed, earned=earned)
