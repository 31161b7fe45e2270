"""The one place that changes the status of a grant, a tranche, a report or an amendment.

Grant (TRANSITIONS):
agreement -> active | terminated
active    -> reporting | suspended | terminated
reporting -> closed | suspended | terminated
suspended -> active | reporting | terminated   (back to where it was suspended from)
closed, terminated: final

Tranche (TRANCHE_TRANSITIONS): scheduled -> due -> approved -> paid; any unpaid -> cancelled.
Report (REPORT_TRANSITIONS): draft -> submitted -> returned | approved; returned -> submitted;
draft or returned -> cancelled.
Amendment (AMENDMENT_TRANSITIONS): requested -> approved | rejected | withdrawn.

Every move goes through the workflow core (row lock, table check, save, audit entry
`projects.<model>.<to>`). Moves of a tranche, a report or an amendment lock the grant's row
first, always in that order, so two people acting on one grant are served one after the
other, and the grant's `last_activity_at` is stamped.

Side effects, by move:
- grant -> active (signing): needs indicator targets and the signature date (`signed_on`),
  stamps `signed_on` and `activated_at`; the tranches paid on signature become due.
- grant -> suspended / terminated: needs a reason (`reason`), kept in `status_reason`;
  suspending remembers the status to resume to; terminating cancels every unpaid tranche,
  every report not submitted and every amendment waiting for approval.
- grant -> closed: only once the final report is approved and no tranche waits for payment.
- every grant move but the first signature is e-mailed to the library after commit.
- tranche -> due: only when its condition is met (signature, interim or final report
  approved). -> approved: only for a grant under way or in final reporting. -> paid: needs
  the payment date and reference; refused when the paid tranches would exceed the award; a
  litas grant paid from 2015-01-01 is paid in euro at 3.45280 (both amounts kept); the library
  is told; a grant in final reporting with nothing left to pay is closed.
- report -> submitted: refused unless the grant is under way or in final reporting; a final
  report moves a grant under way into final reporting; programme staff are told.
- report -> returned: needs a comment; -> approved: the tranches waiting for this report
  become due, a final report moves the grant into final reporting and closes it when nothing
  is left to pay; the library is told of either decision.
- amendment -> approved/rejected: the library is told of a decision beyond its own latitude
  (the budget or end date changes are applied by services.amendments).
A move made with `quiet=True` (history recorded by the demo) sends no e-mail.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from pazanga.common.money import EURO_CHANGEOVER, Currency, Money, to_eur
from pazanga.common.refusals import Refusal, TransitionNotAllowed
from pazanga.common.tasks import run_later
from pazanga.common.workflow import Workflow
from pazanga.projects.enums import (
    EDITABLE_REPORT,
    RUNNING,
    AmendmentStatus,
    GrantStatus,
    ReportKind,
    ReportStatus,
    TrancheCondition,
    TrancheStatus,
)
from pazanga.projects.models import Amendment, Grant, Report, Tranche

__all__ = [
    "AMENDMENT_TRANSITIONS",
    "REPORT_TRANSITIONS",
    "TRANCHE_TRANSITIONS",
    "TRANSITIONS",
    "TransitionNotAllowed",
    "change_amendment",
    "change_report",
    "change_tranche",
    "transition",
]

G = GrantStatus
TRANSITIONS: dict[str, set[str]] = {
    G.AGREEMENT: {G.ACTIVE, G.TERMINATED},
    G.ACTIVE: {G.REPORTING, G.SUSPENDED, G.TERMINATED},
    G.REPORTING: {G.CLOSED, G.SUSPENDED, G.TERMINATED},
    G.SUSPENDED: {G.ACTIVE, G.REPORTING, G.TERMINATED},
    G.CLOSED: set(),
    G.TERMINATED: set(),
}
T = TrancheStatus
TRANCHE_TRANSITIONS: dict[str, set[str]] = {
    T.SCHEDULED: {T.DUE, T.CANCELLED},
    T.DUE: {T.APPROVED, T.CANCELLED},
    T.APPROVED: {T.PAID, T.CANCELLED},
    T.PAID: set(),
    T.CANCELLED: set(),
}
R = ReportStatus
REPORT_TRANSITIONS: dict[str, set[str]] = {
    R.DRAFT: {R.SUBMITTED, R.CANCELLED},
    R.SUBMITTED: {R.RETURNED, R.APPROVED},
    R.RETURNED: {R.SUBMITTED, R.CANCELLED},
    R.APPROVED: set(),
    R.CANCELLED: set(),
}
A = AmendmentStatus
AMENDMENT_TRANSITIONS: dict[str, set[str]] = {
    A.REQUESTED: {A.APPROVED, A.REJECTED, A.WITHDRAWN},
    A.APPROVED: set(),
    A.REJECTED: set(),
    A.WITHDRAWN: set(),
}

NEEDS_REASON = {G.SUSPENDED, G.TERMINATED}
UNSETTLED_TRANCHE = (T.SCHEDULED, T.DUE, T.APPROVED)
RELEASED_BY: dict[str, str] = {
    ReportKind.INTERIM: TrancheCondition.INTERIM,
    ReportKind.FINAL: TrancheCondition.FINAL,
}


def lock_grant(grant_id: int) -> Grant:
    """The grant's row, locked: every move on a grant's parts takes this lock first."""
    return Grant.objects.select_for_update().get(pk=grant_id)


def touch(grant: Grant) -> None:
    """The grant saw activity now (the portfolio flags grants quiet for 60 days)."""
    now = timezone.now()
    Grant.objects.filter(pk=grant.pk).update(last_activity_at=now)
    grant.last_activity_at = now


def ready_to_close(grant: Grant) -> bool:
    """The final report is approved and no tranche waits for payment."""
    final_approved = grant.reports.filter(kind=ReportKind.FINAL, status=R.APPROVED).exists()
    unsettled = grant.tranches.filter(status__in=UNSETTLED_TRANCHE).exists()
    return final_approved and not unsettled


def close_if_finished(grant: Grant, *, actor: Any, quiet: object = False) -> None:
    """Close a grant in final reporting once nothing is owed either way."""
    if grant.status == G.REPORTING and ready_to_close(grant):
        transition(grant, G.CLOSED, actor=actor, note="", quiet=quiet)


def mail_later(context: dict[str, Any], path: str, *ids: object) -> None:
    """Queue an e-mail after commit, unless the move is history being recorded (`quiet`)."""
    if not context.get("quiet"):
        run_later(f"pazanga.projects.notifications.{path}", *ids)


def reason_of(context: dict[str, Any]) -> str:
    return str(context.get("reason") or "").strip()


class GrantWorkflow(Workflow[Grant]):
    model = Grant
    transitions = TRANSITIONS
    statuses = GrantStatus
    action = "projects.grant"

    def check(self, locked: Grant, previous: str, to: str, **context: Any) -> None:
        if to in NEEDS_REASON and not reason_of(context):
            raise Refusal("projects.reason_required", field="reason")
        if previous == G.SUSPENDED and to not in (G.TERMINATED, locked.suspended_from):
            raise self.not_allowed(previous, to)
        if previous == G.AGREEMENT and to == G.ACTIVE:
            check_signature(locked, context.get("signed_on"))
        if to == G.CLOSED and not ready_to_close(locked):
            raise Refusal("projects.not_finished")

    def apply(self, locked: Grant, previous: str, to: str, **context: Any) -> list[str]:
        now = timezone.now()
        locked.last_activity_at = now
        fields = ["last_activity_at"]
        if previous == G.AGREEMENT and to == G.ACTIVE:
            locked.signed_on = context["signed_on"]
            locked.activated_at = now
            fields += ["signed_on", "activated_at"]
        if to in NEEDS_REASON:
            locked.status_reason = reason_of(context)
            fields.append("status_reason")
        if to == G.SUSPENDED:
            locked.suspended_from = previous
            fields.append("suspended_from")
        if previous == G.SUSPENDED:
            locked.suspended_from = ""
            fields.append("suspended_from")
        if to in (G.CLOSED, G.TERMINATED):
            locked.closed_at = now
            fields.append("closed_at")
        return fields

    def after(
        self, locked: Grant, previous: str, to: str, *, actor: Any, note: str, **context: Any
    ) -> None:
        if previous == G.AGREEMENT and to == G.ACTIVE:
            for tranche in locked.tranches.filter(
                status=T.SCHEDULED, condition=TrancheCondition.SIGNATURE
            ):
                change_tranche(tranche, T.DUE, actor=actor, quiet=context.get("quiet"))
        if to == G.TERMINATED:
            wind_up(locked, actor=actor)
        mail_later(context, "send_grant_status", locked.pk, to)


def check_signature(grant: Grant, signed_on: object) -> None:
    if not grant.targets.exists():
        raise Refusal("projects.no_targets")
    today = timezone.localdate()
    if not isinstance(signed_on, date) or signed_on > today or signed_on < grant.awarded_on:
        raise Refusal(
            "projects.signature_date",
            field="signed_on",
            awarded=grant.awarded_on.isoformat(),
        )


def wind_up(grant: Grant, *, actor: Any) -> None:
    """A terminated grant owes nothing more and is owed nothing more."""
    for tranche in grant.tranches.filter(status__in=UNSETTLED_TRANCHE):
        change_tranche(tranche, T.CANCELLED, actor=actor)
    for report in grant.reports.filter(status__in=EDITABLE_REPORT):
        change_report(report, R.CANCELLED, actor=actor)
    for amendment in grant.amendments.filter(status=A.REQUESTED):
        change_amendment(amendment, A.WITHDRAWN, actor=actor)


# --- tranches ------------------------------------------------------------------------------


def condition_met(tranche: Tranche, grant: Grant) -> bool:
    if tranche.condition == TrancheCondition.SIGNATURE:
        return grant.signed_on is not None and grant.status in RUNNING
    kind = ReportKind.INTERIM if tranche.condition == TrancheCondition.INTERIM else ReportKind.FINAL
    return grant.reports.filter(kind=kind, status=R.APPROVED).exists()


def paid_so_far(grant: Grant) -> Decimal:
    total = grant.tranches.filter(status=T.PAID).aggregate(total=Sum("amount"))["total"]
    return Decimal(total or 0)


def payment_in(tranche: Tranche, grant: Grant, paid_on: date) -> Money:
    """What goes out: a litas amount is paid in euro from the changeover on."""
    owed = Money(tranche.amount, grant.currency)
    if grant.currency == Currency.LTL and paid_on >= EURO_CHANGEOVER:
        return to_eur(owed, paid_on)
    return owed


class TrancheWorkflow(Workflow[Tranche]):
    model = Tranche
    transitions = TRANCHE_TRANSITIONS
    statuses = TrancheStatus
    action = "projects.tranche"

    def lock(self, obj: Tranche) -> Tranche:
        grant = lock_grant(obj.grant_id)
        locked = Tranche.objects.select_for_update().get(pk=obj.pk)
        locked.grant = grant
        return locked

    def check(self, locked: Tranche, previous: str, to: str, **context: Any) -> None:
        grant = locked.grant
        if to == T.DUE and not condition_met(locked, grant):
            raise Refusal("projects.condition_unmet", condition=locked.condition)
        if to in (T.APPROVED, T.PAID) and grant.status not in RUNNING:
            raise Refusal("projects.grant_not_running", status=grant.status)
        if to == T.PAID:
            check_payment(locked, grant, context)

    def apply(self, locked: Tranche, previous: str, to: str, **context: Any) -> list[str]:
        if to == T.DUE:
            locked.due_since = timezone.localdate()
            return ["due_since"]
        if to == T.APPROVED:
            locked.approved_at = timezone.now()
            locked.approved_by = context.get("approver")
            return ["approved_at", "approved_by"]
        if to == T.PAID:
            paid_on: date = context["paid_on"]
            paid = payment_in(locked, locked.grant, paid_on)
            locked.paid_on = paid_on
            locked.payment_reference = str(context["payment_reference"]).strip()
            locked.paid_amount, locked.paid_currency = paid.amount, paid.currency
            locked.paid_by = context.get("payer")
            return ["paid_on", "payment_reference", "paid_amount", "paid_currency", "paid_by"]
        return []

    def audited(self, locked: Tranche) -> Grant:
        return locked.grant

    def audit_data(self, locked: Tranche, previous: str, to: str) -> dict[str, Any]:
        data: dict[str, Any] = {"tranche": locked.pk, "position": locked.position}
        if to == T.PAID:
            data.update(
                amount=str(locked.amount),
                currency=locked.grant.currency,
                paid_amount=str(locked.paid_amount),
                paid_currency=locked.paid_currency,
                reference=locked.payment_reference,
            )
        return data

    def after(
        self, locked: Tranche, previous: str, to: str, *, actor: Any, note: str, **context: Any
    ) -> None:
        touch(locked.grant)
        if to == T.PAID:
            mail_later(context, "send_payment", locked.pk)
            close_if_finished(locked.grant, actor=actor, quiet=context.get("quiet"))


def check_payment(tranche: Tranche, grant: Grant, context: dict[str, Any]) -> None:
    paid_on = context.get("paid_on")
    if not isinstance(paid_on, date) or paid_on > timezone.localdate():
        raise Refusal("projects.payment_date", field="paid_on")
    if not str(context.get("payment_reference") or "").strip():
        raise Refusal("projects.payment_reference", field="payment_reference")
    already = paid_so_far(grant)
    if already + tranche.amount > grant.awarded_amount:
        raise Refusal(
            "projects.above_award",
            paid=str(already),
            amount=str(tranche.amount),
            award=str(grant.awarded_amount),
            currency=grant.currency,
        )


# --- reports -------------------------------------------------------------------------------


class ReportWorkflow(Workflow[Report]):
    model = Report
    transitions = REPORT_TRANSITIONS
    statuses = ReportStatus
    action = "projects.report"

    def lock(self, obj: Report) -> Report:
        grant = lock_grant(obj.grant_id)
        locked = Report.objects.select_for_update().get(pk=obj.pk)
        locked.grant = grant
        return locked

    def check(self, locked: Report, previous: str, to: str, **context: Any) -> None:
        grant = locked.grant
        if to == R.SUBMITTED and grant.status not in RUNNING:
            raise Refusal("projects.report_grant_closed", status=grant.status)
        if to == R.RETURNED and not any(
            str(text).strip() for text in dict(context.get("comments") or {}).values()
        ):
            raise Refusal("projects.comment_required", field="comments")

    def apply(self, locked: Report, previous: str, to: str, **context: Any) -> list[str]:
        if to == R.SUBMITTED:
            locked.submitted_at = timezone.now()
            locked.version_count += 1
            return ["submitted_at", "version_count", "updated_at"]
        if to in (R.APPROVED, R.RETURNED):
            locked.decided_at = timezone.now()
            locked.decided_by = context.get("decider")
            return ["decided_at", "decided_by", "updated_at"]
        return []

    def audited(self, locked: Report) -> Report:
        return locked

    def audit_data(self, locked: Report, previous: str, to: str) -> dict[str, Any]:
        return {"grant": locked.grant_id, "kind": locked.kind, "version": locked.version_count}

    def after(
        self, locked: Report, previous: str, to: str, *, actor: Any, note: str, **context: Any
    ) -> None:
        grant = locked.grant
        touch(grant)
        if to in (R.SUBMITTED, R.APPROVED) and locked.is_final and grant.status == G.ACTIVE:
            transition(grant, G.REPORTING, actor=actor, note="", quiet=context.get("quiet"))
            grant.refresh_from_db()
        if to == R.SUBMITTED:
            mail_later(context, "send_report_submitted", locked.pk)
        if to in (R.APPROVED, R.RETURNED):
            mail_later(context, "send_report_decision", locked.pk)
        if to == R.APPROVED:
            waiting = grant.tranches.filter(status=T.SCHEDULED, condition=RELEASED_BY[locked.kind])
            for tranche in waiting:
                change_tranche(tranche, T.DUE, actor=actor, quiet=context.get("quiet"))
            close_if_finished(grant, actor=actor, quiet=context.get("quiet"))


# --- amendments ----------------------------------------------------------------------------


class AmendmentWorkflow(Workflow[Amendment]):
    model = Amendment
    transitions = AMENDMENT_TRANSITIONS
    statuses = AmendmentStatus
    action = "projects.amendment"

    def lock(self, obj: Amendment) -> Amendment:
        grant = lock_grant(obj.grant_id)
        locked = Amendment.objects.select_for_update().get(pk=obj.pk)
        locked.grant = grant
        return locked

    def check(self, locked: Amendment, previous: str, to: str, **context: Any) -> None:
        if to == A.APPROVED and locked.grant.status in (G.CLOSED, G.TERMINATED):
            raise Refusal("projects.grant_finished", status=locked.grant.status)

    def apply(self, locked: Amendment, previous: str, to: str, **context: Any) -> list[str]:
        if to in (A.APPROVED, A.REJECTED):
            locked.decided_at = timezone.now()
            locked.decided_by = context.get("decider")
            locked.decision_note = str(context.get("decision_note") or "")
            return ["decided_at", "decided_by", "decision_note"]
        return []

    def audited(self, locked: Amendment) -> Grant:
        return locked.grant

    def audit_data(self, locked: Amendment, previous: str, to: str) -> dict[str, Any]:
        return {"amendment": locked.pk, "kind": locked.kind}

    def after(
        self, locked: Amendment, previous: str, to: str, *, actor: Any, note: str, **context: Any
    ) -> None:
        touch(locked.grant)
        if to in (A.APPROVED, A.REJECTED) and not locked.within_tolerance:
            mail_later(context, "send_amendment_decision", locked.pk)


transition = GrantWorkflow().transition
change_tranche = TrancheWorkflow().transition
change_report = ReportWorkflow().transition
change_amendment = AmendmentWorkflow().transition
