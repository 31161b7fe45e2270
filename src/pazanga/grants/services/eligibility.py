"""Eligibility: programme staff confirm the automatic checks or override them."""

from typing import Any

from django.db import transaction

from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal
from pazanga.grants import eligibility
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.models import Application
from pazanga.grants.workflow import transition

S = ApplicationStatus


def decide_eligibility(
    application: Application, *, eligible: bool, actor: Any, reason: str = ""
) -> Application:
    """Staff confirm the automatic checks or override them.

    An override (or any "ineligible" decision) needs a reason (`grants.reason_needed`, at
    the reason field). A second decision on the same application is refused by the table
    (`TransitionNotAllowed`, a conflict). Side effects: stores the note; `transition` to
    eligible/ineligible (the ineligible applicant is e-mailed the reasons); an override
    also writes `grants.application.eligibility_overridden`.
    """
    verdict = eligibility.automatic_verdict(application.eligibility_checks)
    overrides = verdict is not None and verdict != eligible
    if (overrides or not eligible) and not reason.strip():
        raise Refusal("grants.reason_needed", field="reason")
    with transaction.atomic():
        Application.objects.filter(pk=application.pk).update(eligibility_note=reason.strip())
        transition(application, S.ELIGIBLE if eligible else S.INELIGIBLE, actor=actor, note=reason)
        if overrides:
            log_action(
                application,
                "grants.application.eligibility_overridden",
                actor=actor,
                data={"automatic": verdict, "decided": eligible, "reason": reason},
            )
    return application
