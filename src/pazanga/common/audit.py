"""The audit trail: every state change and decision writes one AuditEntry."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from pazanga.common.models import AuditEntry


def log_action(
    target: models.Model, action: str, *, actor: Any = None, data: dict[str, Any] | None = None
) -> AuditEntry:
    """Record that `actor` did `action` (like "grants.application.submitted") to `target`."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        data=data or {},
    )


def timeline(target: models.Model) -> QuerySet[AuditEntry]:
    """The object's audit entries, newest first, with their actors."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=str(target.pk)
    ).select_related("actor")
