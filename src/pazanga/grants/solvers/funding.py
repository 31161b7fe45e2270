"""A proposed funded set within the budget, in rank order, honouring county minimums.

Walk the ranking from the top and fund each application whose amount still fits,
keeping back enough money for the best-ranked applications of every county whose
minimum is not met yet. What is not funded becomes the reserve list, in rank order.
(docs/decisions/0043-county-minimums.md)
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Candidate:
    application: int
    county: str
    amount: Decimal


@dataclass(frozen=True)
class ShortCounty:
    county: str
    minimum: int
    candidates: int


@dataclass(frozen=True)
class FundingProposal:
    funded: tuple[int, ...]
    reserve: tuple[int, ...]
    total: Decimal
    # Counties whose minimum cannot be met because too few of their applications rank.
    short_counties: tuple[ShortCounty, ...] = field(default=())
    # Applications funded ahead of better-ranked ones because of a county minimum.
    funded_for_minimum: tuple[int, ...] = field(default=())


class MinimumsExceedBudgetError(ValueError):
    def __init__(self, needed: Decimal, budget: Decimal) -> None:
        super().__init__(f"County minimums need {needed}, the budget is {budget}.")
        self.needed, self.budget = needed, budget


def guaranteed_places(
    ranked: tuple[Candidate, ...], minimums: dict[str, int]
) -> tuple[set[int], tuple[ShortCounty, ...]]:
    """The best-ranked applications of each county with a minimum, up to that minimum."""
    taken: Counter[str] = Counter()
    guaranteed: set[int] = set()
    for candidate in ranked:
        if taken[candidate.county] < minimums.get(candidate.county, 0):
            taken[candidate.county] += 1
            guaranteed.add(candidate.application)
    short = tuple(
        ShortCounty(county, minimum, taken[county])
        for county, minimum in sorted(minimums.items())
        if taken[county] < minimum
    )
    return guaranteed, short


def propose_funding(
    ranked: tuple[Candidate, ...], budget: Decimal, minimums: dict[str, int] | None = None
) -> FundingProposal:
    """Fund down the ranking within `budget`; raise MinimumsExceedBudgetError when impossible."""
    guaranteed, short = guaranteed_places(ranked, minimums or {})
    amounts = {c.application: c.amount for c in ranked}
    held_back = sum((amounts[a] for a in guaranteed), Decimal(0))
    if held_back > budget:
        raise MinimumsExceedBudgetError(held_back, budget)
    funded: list[int] = []
    total = Decimal(0)
    for candidate in ranked:
        if candidate.application in guaranteed:
            held_back -= candidate.amount
            funded.append(candidate.application)
            total += candidate.amount
        elif total + held_back + candidate.amount <= budget:
            funded.append(candidate.application)
            total += candidate.amount
    chosen = set(funded)
    reserve = tuple(c.application for c in ranked if c.application not in chosen)
    return FundingProposal(
        tuple(funded), reserve, total, short, funded_for_minimum(ranked, guaranteed, chosen)
    )


def funded_for_minimum(
    ranked: tuple[Candidate, ...], guaranteed: set[int], chosen: set[int]
) -> tuple[int, ...]:
    """Guaranteed applications ranked below one that was left unfunded: the departures
    from rank order that a county minimum caused."""
    passed_over = False
    result = []
    for candidate in ranked:
        if candidate.application not in chosen:
            passed_over = True
        elif passed_over and candidate.application in guaranteed:
            result.append(candidate.application)
    return tuple(result)
