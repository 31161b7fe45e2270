"""Monitoring visits: what the officer saw, photos, and the follow-up actions agreed."""

from datetime import date
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction

from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal
from pazanga.common.uploads import check_upload
from pazanga.projects.models import FollowUp, Grant, Visit, VisitPhoto
from pazanga.projects.visits import CHECKLIST
from pazanga.projects.workflow import lock_grant, touch

PHOTO_KINDS = ("jpeg", "png")
MAX_PHOTO_BYTES = 10 * 1024 * 1024


def record_visit(
    grant: Grant,
    *,
    visited_on: date,
    officer: Any,
    checklist: dict[str, bool],
    findings: str,
    follow_ups: list[tuple[str, date]],
    actor: Any,
) -> Visit:
    """Record a monitoring visit with its checklist, findings and follow-up actions.

    Side effects: the Visit and FollowUp rows; audit entry `projects.visit.recorded` on the
    grant; the grant's last activity.
    """
    with transaction.atomic():
        locked = lock_grant(grant.pk)
        visit = Visit.objects.create(
            grant=locked,
            visited_on=visited_on,
            officer=officer,
            checklist={code: bool(checklist.get(code)) for code, _label in CHECKLIST},
            findings=findings.strip(),
        )
        FollowUp.objects.bulk_create(
            FollowUp(visit=visit, action=action.strip(), due_on=due_on)
            for action, due_on in follow_ups
            if action.strip()
        )
        log_action(locked, "projects.visit.recorded", actor=actor, data={"visit": visit.pk})
        touch(locked)
    return visit


def add_photo(visit: Visit, upload: IO[bytes], *, caption: str, actor: Any) -> VisitPhoto:
    """Attach a photo (JPEG or PNG, recognised by content) to a visit."""
    try:
        kind = check_upload(upload, PHOTO_KINDS, MAX_PHOTO_BYTES)
    except ValidationError as error:
        raise Refusal("projects.photo_kind", field="file") from error
    name = str(getattr(upload, "name", "") or "photo")[:255]
    photo = VisitPhoto(
        visit=visit,
        original_name=name,
        kind=kind,
        size=getattr(upload, "size", 0) or 0,
        caption=caption.strip()[:255],
    )
    photo.file.save(
        f"visit-{visit.pk}.{'jpg' if kind == 'jpeg' else kind}", File(upload), save=False
    )
    photo.save()
    log_action(visit.grant, "projects.visit.photo_added", actor=actor, data={"visit": visit.pk})
    return photo


def complete_follow_up(follow_up: FollowUp, *, done_on: date, actor: Any) -> FollowUp:
    """Mark a follow-up action done (once; a second click changes nothing)."""
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        if locked.done_on is None:
            locked.done_on = done_on
            locked.save(update_fields=["done_on"])
            log_action(
                locked.visit.grant,
                "projects.visit.follow_up_done",
                actor=actor,
                data={"follow_up": locked.pk},
            )
            touch(locked.visit.grant)
    return locked
