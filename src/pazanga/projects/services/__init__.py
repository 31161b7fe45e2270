"""Writes with side effects on funded projects; each function's docstring lists them.

opening: a grant from an awarded application; agreement: targets, signature, status;
payments: tranches; reports: writing, submitting and reviewing reports; amendments;
visits: monitoring visits.
"""

from pazanga.projects.services.agreement import (
    close_grant,
    resume_grant,
    set_targets,
    sign_agreement,
    suspend_grant,
    terminate_grant,
)
from pazanga.projects.services.amendments import (
    approve_amendment,
    reject_amendment,
    request_extension,
    request_reallocation,
    withdraw_amendment,
)
from pazanga.projects.services.opening import open_grant, terms_for
from pazanga.projects.services.payments import approve_tranche, cancel_tranche, pay_tranche
from pazanga.projects.services.reports import (
    ValueInput,
    add_receipt,
    delete_receipt,
    narrative_of,
    review_report,
    save_report,
    submit_report,
)
from pazanga.projects.services.visits import add_photo, complete_follow_up, record_visit

__all__ = [
    "ValueInput",
    "add_photo",
    "add_receipt",
    "approve_amendment",
    "approve_tranche",
    "cancel_tranche",
    "close_grant",
    "complete_follow_up",
    "delete_receipt",
    "narrative_of",
    "open_grant",
    "pay_tranche",
    "record_visit",
    "reject_amendment",
    "request_extension",
    "request_reallocation",
    "resume_grant",
    "review_report",
    "save_report",
    "set_targets",
    "sign_agreement",
    "submit_report",
    "suspend_grant",
    "terminate_grant",
    "terms_for",
    "withdraw_amendment",
]
