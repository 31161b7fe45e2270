"""The grant rules that need no database: frozen values in, values out.

Nothing here imports Django: the services read the rows, build these values, and turn the
`Problem`s returned here into refusals (`grants/refusals.py` words each code). Kept apart
so that the rules can be tested exhaustively (hypothesis) and read in one place:

- `conflict_sources`: why a reviewer may not review an application;
- `affinity`: how well a reviewer's expertise matches an application's themes;
- `budget_totals` and `co_financing_share`: what a budget adds up to;
- `review_total` and `review_problems`: a review's weighted total and what keeps it from
  being complete;
- `awarded_total` and `decision_problems`: what a funding decision awards and what keeps
  the committee from recording it.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pazanga.grants.solvers.scoring import Criterion, weighted_score

AWARDED, RESERVE, REJECTED = "awarded", "reserve", "rejected"
OUTCOMES = (AWARDED, RESERVE, REJECTED)
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Problem:
    """One reason a rule refuses: a code (worded in grants/refusals.py) and its values."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


# --- reviewers and applications ------------------------------------------------------


def affinity(themes: Iterable[str], expertise: Iterable[str]) -> float:
    """The share of the application's themes the reviewer knows (0 when none given)."""
    wanted = set(themes)
    if not wanted:
        return 0.0
    return len(wanted & set(expertise)) / len(wanted)


@dataclass(frozen=True)
class Applicant:
    """The applying library as conflicts of interest see it."""

    library: int
    parent: int | None  # the main library of a branch
    municipality: int | None
    partners: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Workplace:
    """A reviewer's organisation."""

    organisation: int
    parent: int | None
    municipality: int | None


SAME_ORGANISATION, SAME_MUNICIPALITY, PARTNER = "same_organisation", "same_municipality", "partner"


def conflict_sources(applicant: Applicant, workplace: Workplace) -> list[str]:
    """Why the reviewer may not review the application: they work for the applicant (a
    library and its branches count as one), in its municipality, or for a partner."""
    family = {applicant.library, applicant.parent} - {None}
    sources = []
    if workplace.organisation in family or (workplace.parent and workplace.parent in family):
        sources.append(SAME_ORGANISATION)
    if workplace.municipality and workplace.municipality == applicant.municipality:
        sources.append(SAME_MUNICIPALITY)
    if workplace.organisation in applicant.partners:
        sources.append(PARTNER)
    return sources


# --- budgets -------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetLine:
    requested: Decimal
    co_financing: Decimal


@dataclass(frozen=True)
class BudgetTotals:
    requested: Decimal
    co_financing: Decimal
    lines: int

    @property
    def cost(self) -> Decimal:
        return self.requested + self.co_financing


def budget_totals(lines: Iterable[BudgetLine]) -> BudgetTotals:
    """The amounts requested and co-financed over all budget lines."""
    items = list(lines)
    return BudgetTotals(
        requested=sum((line.requested for line in items), Decimal(0)),
        co_financing=sum((line.co_financing for line in items), Decimal(0)),
        lines=len(items),
    )


def co_financing_share(totals: BudgetTotals) -> Decimal:
    """Co-financing as a percentage of the project's cost, to one decimal (0 for no cost)."""
    if not totals.cost:
        return Decimal(0)
    return (totals.co_financing * 100 / totals.cost).quantize(TENTH)


# --- reviews -------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoredCriterion:
    """A criterion as a reviewer scores it: `key` identifies it, `name` words it."""

    key: int
    name: str
    weight: Decimal
    max_score: int


def review_total(
    criteria: Sequence[ScoredCriterion], scores: Mapping[int, Decimal | None]
) -> Decimal:
    """The review's weighted score on the 0–100 scale, to the cent."""
    given = tuple((key, float(value)) for key, value in scores.items() if value is not None)
    weights = tuple(Criterion(c.key, float(c.weight), float(c.max_score)) for c in criteria)
    return Decimal(str(round(weighted_score(given, weights), 2)))


def review_problems(
    criteria: Sequence[ScoredCriterion], scores: Mapping[int, Decimal | None], recommendation: str
) -> list[Problem]:
    """What keeps a review from being submitted: every criterion scored within its range
    and a recommendation chosen."""
    problems = []
    for criterion in criteria:
        value = scores.get(criterion.key)
        if value is None:
            problems.append(Problem("score_missing", {"name": criterion.name}))
        elif not 0 <= value <= criterion.max_score:
            problems.append(
                Problem("score_out_of_range", {"name": criterion.name, "max": criterion.max_score})
            )
    if not recommendation:
        problems.append(Problem("recommendation_missing"))
    return problems


# --- the funding decision ------------------------------------------------------------


@dataclass(frozen=True)
class DecisionLine:
    """One application's outcome as the committee gives it, with what the ranking proposed."""

    reference: str
    outcome: str  # awarded | reserve | rejected
    amount: Decimal | None
    reason: str
    requested: Decimal
    proposed_funded: bool


@dataclass(frozen=True)
class CallLimits:
    budget: Decimal
    max_grant: Decimal
    currency: str


def awarded_total(lines: Iterable[DecisionLine]) -> Decimal:
    return sum((line.amount or Decimal(0) for line in lines if line.outcome == AWARDED), Decimal(0))


def decision_problems(lines: Sequence[DecisionLine], limits: CallLimits) -> list[Problem]:
    """What keeps the committee's decision from being recorded, one problem per line and
    one for the budget: an outcome for each; an amount for each award, at most the request
    and the call's maximum grant; a reason wherever the outcome or the amount departs from
    the ranking's proposal; awards within the call's budget."""
    problems = []
    for line in lines:
        ref = line.reference
        if line.outcome not in OUTCOMES:
            problems.append(Problem("outcome_missing", {"reference": ref}))
            continue
        awarded = line.outcome == AWARDED
        if awarded:
            if line.amount is None or line.amount <= 0:
                problems.append(Problem("amount_missing", {"reference": ref}))
                continue
            limit = min(line.requested, limits.max_grant)
            if line.amount > limit:
                problems.append(
                    Problem(
                        "amount_too_high",
                        {"reference": ref, "limit": limit, "currency": limits.currency},
                    )
                )
        departs = awarded != line.proposed_funded or (awarded and line.amount != line.requested)
        if departs and not line.reason.strip():
            problems.append(Problem("departs_without_reason", {"reference": ref}))
    total = awarded_total(lines)
    if total > limits.budget:
        problems.append(
            Problem(
                "over_budget",
                {"total": total, "budget": limits.budget, "currency": limits.currency},
            )
        )
    return problems
