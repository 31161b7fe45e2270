"""The audit trail: every state change and decision writes one AuditEntry.

An entry's action is a code ("grants.application.submitted"); people read it as a sentence
from the app's `audit_labels.LABELS` ("Paraiška pateikta" / "Application submitted"), never
the code itself (`describe`, the `action_label` template filter).
"""

from functools import cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

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


@cache
def labels_of(app: str) -> dict[str, Any]:
    try:
        return dict(import_string(f"pazanga.{app}.audit_labels.LABELS"))
    except ImportError:
        return {}


def describe(action: str) -> str:
    """The action as people read it, in the active language."""
    app, _dot, rest = action.partition(".")
    label = labels_of(app).get(rest)
    return str(label) if label is not None else _("Change recorded")
