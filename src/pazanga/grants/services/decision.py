"""The committee's funding decision on a call's reviewed applications."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal
from pazanga.grants import queries, rules
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.models import Application, Call, Decision
from pazanga.grants.refusals import refused
from pazanga.grants.workflow import transition

S = ApplicationStatus


@dataclass(frozen=True)
class Outcome:
    application_id: int
    status: str  # awarded | reserve | rejected
    amount: Decimal | None
    reason: str


def decidable(application: Application) -> bool:
    """Only reviewed applications wait for the committee's decision."""
    return application.status == S.REVIEWED


def record_decision(call: Call, outcomes: list[Outcome], *, note: str, actor: Any) -> Decision:
    """Record the committee's decision on reviewed applications of a call.

    Everything is checked under the call's row lock, so a decision posted twice (or by two
    members at once) is recorded once. Refuses, saving nothing: `grants.decision_empty`
    when no outcome is given; `grants.decision_invalid` listing every problem: an
    application given twice, not of this call, already decided or not reviewed; awards
    above the call's budget, an amount above the request or the maximum grant, or an
    outcome departing from the proposal (funded set / reserve list in rank order) without a
    reason (`rules.decision_problems`).
    Side effects: amounts, ranks, scores and reasons on the applications;
    `transition` of each (decision letters e-mailed after commit); the Decision row;
    audit entry `grants.call.decided`.
    """
    with transaction.atomic():
        locked_call = Call.objects.select_for_update().get(pk=call.pk)
        if not outcomes:
            raise Refusal("grants.decision_empty")
        ids = [o.application_id for o in outcomes]
        applications = Application.objects.filter(call=locked_call, pk__in=ids).in_bulk()
        problems = undecidable(ids, applications)
        if problems:
            raise refused("decision_invalid", problems)
        rows = queries.ranking(locked_call)
        rank_of = {r.application.pk: r for r in rows}
        funded = set(queries.proposal(locked_call, rows).funded)
        lines = [decision_line(o, applications[o.application_id], funded) for o in outcomes]
        limits = rules.CallLimits(locked_call.budget, locked_call.max_grant, locked_call.currency)
        problems = rules.decision_problems(lines, limits)
        if problems:
            raise refused("decision_invalid", problems)
        records = []
        for outcome in outcomes:
            application = applications[outcome.application_id]
            row = rank_of[application.pk]  # a reviewed application is always ranked
            score = row.result.score
            Application.objects.filter(pk=application.pk).update(
                rank=row.rank,
                score=None if score is None else Decimal(str(score)),
                awarded_amount=outcome.amount if outcome.status == S.AWARDED else None,
                decision_note=outcome.reason,
            )
            transition(application, outcome.status, actor=actor, note=outcome.reason)
            records.append(
                {
                    "application": application.pk,
                    "reference": application.reference,
                    "rank": row.rank,
                    "proposed": "awarded" if application.pk in funded else "reserve",
                    "outcome": outcome.status,
                    "amount": str(outcome.amount or ""),
                    "reason": outcome.reason,
                }
            )
        total = rules.awarded_total(lines)
        decision = Decision.objects.create(
            call=locked_call, recorded_by=actor, note=note, total_awarded=total, outcomes=records
        )
        log_action(
            locked_call,
            "grants.call.decided",
            actor=actor,
            data={"decision": decision.pk, "total_awarded": str(total), "count": len(records)},
        )
    return decision


def decision_line(
    outcome: Outcome, application: Application, funded: set[int]
) -> rules.DecisionLine:
    return rules.DecisionLine(
        reference=application.reference or "",
        outcome=outcome.status,
        amount=outcome.amount,
        reason=outcome.reason,
        requested=application.requested_total or Decimal(0),
        proposed_funded=application.pk in funded,
    )


def undecidable(ids: list[int], applications: dict[int, Application]) -> list[rules.Problem]:
    """Applications the committee cannot decide on now, each named."""
    problems = []
    seen: set[int] = set()
    for pk in ids:
        application = applications.get(pk)
        if application is None:
            problems.append(rules.Problem("other_call"))
        elif pk in seen:
            problems.append(rules.Problem("named_twice", {"reference": application.reference}))
        elif application.is_decided:
            problems.append(
                rules.Problem(
                    "already_decided",
                    {"reference": application.reference, "status": application.status},
                )
            )
        elif not decidable(application):
            problems.append(
                rules.Problem(
                    "not_decidable",
                    {"reference": application.reference, "status": application.status},
                )
            )
        seen.add(pk)
    return problems
