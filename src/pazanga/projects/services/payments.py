"""Payments: approving a due tranche, recording its payment, cancelling it."""

from datetime import date
from typing import Any

from pazanga.projects.enums import TrancheStatus
from pazanga.projects.models import Tranche
from pazanga.projects.workflow import change_tranche

T = TrancheStatus


def approve_tranche(tranche: Tranche, *, actor: Any) -> Tranche:
    """Approve a due tranche for payment. Side effects: the workflow's (audit entry)."""
    return change_tranche(tranche, T.APPROVED, actor=actor, approver=actor)


def pay_tranche(
    tranche: Tranche, *, paid_on: date | None, reference: str, actor: Any, quiet: bool = False
) -> Tranche:
    """Record that an approved tranche was paid.

    A second click, or a colleague who paid it a moment earlier, meets the workflow's
    conflict (the tranche is already paid); the grant's row lock makes sure the paid
    tranches never add up to more than the award. Side effects: the workflow's (payment in
    euro for a litas grant from 2015 on, audit entry, e-mail to the library, closing).
    """
    return change_tranche(
        tranche,
        T.PAID,
        actor=actor,
        paid_on=paid_on,
        payment_reference=reference,
        payer=actor,
        quiet=quiet,
    )


def cancel_tranche(tranche: Tranche, *, reason: str, actor: Any) -> Tranche:
    return change_tranche(tranche, T.CANCELLED, actor=actor, note=reason)
