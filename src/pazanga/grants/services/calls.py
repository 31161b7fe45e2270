"""Calls: programme staff set a call up with its criteria and county minimums."""

from typing import Any

from django.db import transaction

from pazanga.common.audit import log_action
from pazanga.grants.models import Call


def save_call(form: Any, criteria: Any, minimums: Any, *, actor: Any) -> Call:
    """Save a call with its criteria and county minimums (valid forms), all or nothing.
    Side effects: the rows; audit entry `grants.call.saved`."""
    with transaction.atomic():
        call: Call = form.save()
        criteria.instance = minimums.instance = call
        criteria.save()
        minimums.save()
        log_action(call, "grants.call.saved", actor=actor)
    return call
