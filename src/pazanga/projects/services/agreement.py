"""The agreement stage: indicator targets, the signature, and the grant's own status."""

from datetime import date
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction

from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal
from pazanga.common.uploads import check_upload
from pazanga.projects.enums import GrantStatus
from pazanga.projects.models import Grant, Indicator, IndicatorTarget
from pazanga.projects.workflow import lock_grant, transition

MAX_AGREEMENT_BYTES = 10 * 1024 * 1024
G = GrantStatus


def set_targets(grant: Grant, targets: dict[Indicator, Decimal | None], *, actor: Any) -> None:
    """Set the grant's indicator targets; an empty target removes the indicator.

    Only while the agreement is unsigned: the signed agreement lists them (Refusal
    `projects.targets_locked` afterwards). Side effects: the targets; audit entry
    `projects.grant.targets` with the values.
    """
    with transaction.atomic():
        locked = lock_grant(grant.pk)
        if locked.status != G.AGREEMENT:
            raise Refusal("projects.targets_locked")
        for indicator, value in targets.items():
            if value is None:
                IndicatorTarget.objects.filter(grant=locked, indicator=indicator).delete()
                continue
            if value < 0:
                raise Refusal("projects.negative", field=f"target-{indicator.pk}")
            IndicatorTarget.objects.update_or_create(
                grant=locked, indicator=indicator, defaults={"target": value}
            )
        log_action(
            locked,
            "projects.grant.targets",
            actor=actor,
            data={i.code: str(v) for i, v in targets.items() if v is not None},
        )


def sign_agreement(
    grant: Grant,
    *,
    signed_on: date | None,
    actor: Any,
    signed_copy: IO[bytes] | None = None,
    quiet: bool = False,
) -> Grant:
    """Record the signature (and keep the signed copy, a PDF): the grant becomes active.

    Refusals: the workflow's (no targets, a signature date in the future or before the
    award, a grant not waiting for its signature); a copy that is not a PDF
    (`projects.not_pdf`). Side effects: those of `transition(... "active")` and the stored
    copy, together or not at all.
    """
    if signed_copy is not None:
        try:
            check_upload(signed_copy, ("pdf",), MAX_AGREEMENT_BYTES)
        except ValidationError as error:
            raise Refusal("projects.not_pdf", field="signed_copy") from error
    with transaction.atomic():
        transition(grant, G.ACTIVE, actor=actor, note="", signed_on=signed_on, quiet=quiet)
        if signed_copy is not None:
            name = getattr(signed_copy, "name", "") or f"{grant.reference}.pdf"
            grant.signed_copy.save(f"{grant.reference}-signed.pdf", File(signed_copy), save=False)
            Grant.objects.filter(pk=grant.pk).update(
                signed_copy=grant.signed_copy.name, signed_copy_name=str(name)[:255]
            )
            log_action(grant, "projects.grant.signed_copy", actor=actor, data={"name": name})
    grant.refresh_from_db()
    return grant


def suspend_grant(grant: Grant, *, reason: str, actor: Any, quiet: bool = False) -> Grant:
    """Suspend a grant (reason required). Side effects: those of the workflow's move."""
    return transition(grant, G.SUSPENDED, actor=actor, note=reason, reason=reason, quiet=quiet)


def resume_grant(grant: Grant, *, actor: Any, note: str = "") -> Grant:
    """Return a suspended grant to the status it was suspended from."""
    return transition(grant, grant.suspended_from or G.ACTIVE, actor=actor, note=note)


def terminate_grant(grant: Grant, *, reason: str, actor: Any, quiet: bool = False) -> Grant:
    """End a grant early (reason required): unpaid tranches and unsent reports are cancelled."""
    return transition(grant, G.TERMINATED, actor=actor, note=reason, reason=reason, quiet=quiet)


def close_grant(grant: Grant, *, actor: Any) -> Grant:
    """Close a grant whose final report is approved and whose tranches are all settled."""
    return transition(grant, G.CLOSED, actor=actor, note="")
