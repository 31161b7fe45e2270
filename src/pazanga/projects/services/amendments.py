"""Amendments: money moved between budget lines, and no-cost extensions of the end date."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum

from pazanga.common.refusals import Refusal
from pazanga.common.tasks import run_later
from pazanga.projects import rules
from pazanga.projects.enums import (
    EDITABLE_REPORT,
    AmendmentKind,
    AmendmentStatus,
    GrantStatus,
    ReportKind,
    ReportStatus,
)
from pazanga.projects.models import (
    Amendment,
    AmendmentChange,
    Grant,
    GrantBudgetLine,
    ReportExpense,
)
from pazanga.projects.services.opening import terms_for
from pazanga.projects.workflow import change_amendment, lock_grant

A = AmendmentStatus
G = GrantStatus
ZERO = Decimal(0)
AMENDABLE = (G.AGREEMENT, G.ACTIVE, G.REPORTING, G.SUSPENDED)


def check_amendable(grant: Grant) -> None:
    if grant.status not in AMENDABLE:
        raise Refusal("projects.grant_finished", status=grant.status)


def spent_per_line(grant: Grant) -> dict[int, Decimal]:
    rows = (
        ReportExpense.objects.filter(line__grant=grant)
        .exclude(report__status=ReportStatus.CANCELLED)
        .values("line_id")
        .annotate(total=Sum("amount"))
    )
    return {row["line_id"]: row["total"] or ZERO for row in rows}


def check_changes(grant: Grant, lines: list[GrantBudgetLine], changes: dict[int, Decimal]) -> None:
    """Refuse changes that lift the budget above the award, leave money unplaced, or take
    a line below zero or below what reports already say was spent on it."""
    total_after = sum((line.current_amount + changes.get(line.pk, ZERO) for line in lines), ZERO)
    net = sum(changes.values(), ZERO)
    if total_after > grant.awarded_amount:
        raise Refusal(
            "projects.amendment_above_award",
            field="changes",
            total=str(total_after),
            award=str(grant.awarded_amount),
            currency=grant.currency,
        )
    if net != 0:
        raise Refusal(
            "projects.amendment_unbalanced", field="changes", net=str(net), currency=grant.currency
        )
    spent = spent_per_line(grant)
    for line in lines:
        after = line.current_amount + changes.get(line.pk, ZERO)
        floor = spent.get(line.pk, ZERO)
        if after < floor or after < 0:
            raise Refusal(
                "projects.line_below_spent",
                field=f"line-{line.pk}",
                line=line.description,
                spent=str(floor),
                currency=grant.currency,
            )


def request_reallocation(
    grant: Grant,
    *,
    changes: dict[int, Decimal],
    reason: str,
    actor: Any,
    by_staff: bool,
    quiet: bool = False,
) -> Amendment:
    """Move money between the grant's budget lines.

    Within 10 % of each line's approved amount (counting earlier amendments) the library
    decides alone and the change applies at once; beyond that programme staff approve it
    (changes asked for by staff apply at once). Refusals: `projects.grant_finished`,
    `projects.amendment_empty`, `projects.reason_required`, and those of `check_changes`.
    Side effects: the Amendment and its changes; applied, or staff e-mailed.
    """
    changes = {pk: amount for pk, amount in changes.items() if amount}
    if not reason.strip():
        raise Refusal("projects.reason_required", field="reason")
    with transaction.atomic():
        locked = lock_grant(grant.pk)
        check_amendable(locked)
        lines = list(locked.budget_lines.all())
        changes = {pk: amount for pk, amount in changes.items() if pk in {x.pk for x in lines}}
        if not changes:
            raise Refusal("projects.amendment_empty", field="changes")
        check_changes(locked, lines, changes)
        within = all(
            rules.within_tolerance(line.original_amount, line.current_amount + changes[line.pk])
            for line in lines
            if line.pk in changes
        )
        amendment = Amendment.objects.create(
            grant=locked,
            kind=AmendmentKind.REALLOCATION,
            reason=reason.strip(),
            within_tolerance=within,
            requested_by=actor,
        )
        AmendmentChange.objects.bulk_create(
            AmendmentChange(
                amendment=amendment, line=line, before=line.current_amount, change=changes[line.pk]
            )
            for line in lines
            if line.pk in changes
        )
        if within or by_staff:
            approve_amendment(amendment, actor=actor, note="", quiet=quiet)
        elif not quiet:
            run_later("pazanga.projects.notifications.send_amendment_request", amendment.pk)
    amendment.refresh_from_db()
    return amendment


def request_extension(
    grant: Grant,
    *,
    new_end: date | None,
    reason: str,
    actor: Any,
    by_staff: bool,
    quiet: bool = False,
) -> Amendment:
    """Ask to end the project later at no extra cost (programme staff approve; theirs apply
    at once). Refusals: `projects.extension_date` unless later than the current end,
    `projects.reason_required`, `projects.grant_finished`."""
    if not reason.strip():
        raise Refusal("projects.reason_required", field="reason")
    with transaction.atomic():
        locked = lock_grant(grant.pk)
        check_amendable(locked)
        if new_end is None or new_end <= locked.current_end:
            raise Refusal(
                "projects.extension_date", field="new_end", end=locked.current_end.isoformat()
            )
        amendment = Amendment.objects.create(
            grant=locked,
            kind=AmendmentKind.EXTENSION,
            reason=reason.strip(),
            old_end=locked.current_end,
            new_end=new_end,
            requested_by=actor,
        )
        if by_staff:
            approve_amendment(amendment, actor=actor, note="", quiet=quiet)
        elif not quiet:
            run_later("pazanga.projects.notifications.send_amendment_request", amendment.pk)
    amendment.refresh_from_db()
    return amendment


def approve_amendment(
    amendment: Amendment, *, actor: Any, note: str, quiet: bool = False
) -> Amendment:
    """Approve an amendment and apply it: the lines' current amounts, or the new end date
    (with the final report's due date when it is still being written). The rules are
    checked again against the grant as it is now. Side effects: the workflow's move."""
    with transaction.atomic():
        change_amendment(
            amendment,
            A.APPROVED,
            actor=actor,
            note=note,
            decider=actor,
            decision_note=note,
            quiet=quiet,
        )
        grant = lock_grant(amendment.grant_id)
        if amendment.kind == AmendmentKind.REALLOCATION:
            apply_changes(grant, amendment)
        else:
            apply_extension(grant, amendment)
    amendment.refresh_from_db()
    return amendment


def apply_changes(grant: Grant, amendment: Amendment) -> None:
    lines = list(grant.budget_lines.select_for_update())
    changes = {c.line_id: c.change for c in amendment.changes.all()}
    check_changes(grant, lines, changes)
    for line in lines:
        if line.pk in changes:
            line.current_amount += changes[line.pk]
            line.save(update_fields=["current_amount"])


def apply_extension(grant: Grant, amendment: Amendment) -> None:
    new_end = amendment.new_end
    if new_end is None or new_end <= grant.current_end:
        raise Refusal("projects.extension_date", field="new_end", end=grant.current_end.isoformat())
    Grant.objects.filter(pk=grant.pk).update(current_end=new_end)
    days = timedelta(days=terms_for(grant.call).report_days)
    grant.reports.filter(kind=ReportKind.FINAL, status__in=EDITABLE_REPORT).update(
        due_on=new_end + days
    )


def reject_amendment(amendment: Amendment, *, actor: Any, note: str) -> Amendment:
    """Refuse an amendment (the reason is told to the library)."""
    if not note.strip():
        raise Refusal("projects.reason_required", field="note")
    return change_amendment(
        amendment, A.REJECTED, actor=actor, note=note, decider=actor, decision_note=note.strip()
    )


def withdraw_amendment(amendment: Amendment, *, actor: Any) -> Amendment:
    return change_amendment(amendment, A.WITHDRAWN, actor=actor, note="")
