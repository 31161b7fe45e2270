"""A grant's history in words: the audit entries with a label each, never their keys."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pazanga.common.models import AuditEntry
from pazanga.projects.models import Grant, Report

LABELS: dict[str, Any] = {
    "projects.grant.opened": _("The grant was opened from the awarded application."),
    "projects.grant.targets": _("Indicator targets were set."),
    "projects.grant.active": _("The agreement was signed; the project started."),
    "projects.grant.signed_copy": _("The signed agreement was uploaded."),
    "projects.grant.reporting": _("The project reached its final reporting."),
    "projects.grant.suspended": _("The project was suspended."),
    "projects.grant.terminated": _("The project was terminated."),
    "projects.grant.closed": pgettext_lazy("history", "The project was closed."),
    "projects.tranche.due": _("A payment became due."),
    "projects.tranche.approved": _("A payment was approved."),
    "projects.tranche.paid": _("A payment was made."),
    "projects.tranche.cancelled": _("A payment was cancelled."),
    "projects.amendment.approved": _("An amendment was approved."),
    "projects.amendment.rejected": _("An amendment was refused."),
    "projects.amendment.withdrawn": _("An amendment was withdrawn."),
    "projects.report.submitted": _("A report was submitted."),
    "projects.report.returned": _("A report was returned for changes."),
    "projects.report.approved": _("A report was approved."),
    "projects.report.cancelled": _("A report was cancelled."),
    "projects.visit.recorded": _("A monitoring visit was recorded."),
    "projects.visit.photo_added": _("A photo of a visit was added."),
    "projects.visit.follow_up_done": _("A follow-up action was done."),
}


@dataclass(frozen=True)
class Event:
    at: datetime
    label: str
    actor: Any
    note: str


def grant_history(grant: Grant, limit: int = 100) -> list[Event]:
    """The grant's entries and its reports', newest first, in words."""
    types = ContentType.objects.get_for_models(Grant, Report)
    reports = [str(pk) for pk in grant.reports.values_list("pk", flat=True)]
    entries = AuditEntry.objects.filter(
        Q(content_type=types[Grant], object_id=str(grant.pk))
        | Q(content_type=types[Report], object_id__in=reports)
    ).select_related("actor")
    return readable(entries[:limit])


def readable(entries: Iterable[AuditEntry]) -> list[Event]:
    return [
        Event(entry.created_at, str(LABELS[entry.action]), entry.actor, entry.data.get("note", ""))
        for entry in entries
        if entry.action in LABELS
    ]
