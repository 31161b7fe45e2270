"""Writes of the workplan, each with its audit entry.

- `import_plan`: the checked rows of a workbook become the plan, all or nothing.
- `save_baseline`: the planned dates of every activity, kept to measure slippage against.
- `link_record` / `unlink_record`: which records an activity produced.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from pazanga.common.audit import log_action
from pazanga.common.refusals import Refusal
from pazanga.programme.models import Programme
from pazanga.workplan import imports
from pazanga.workplan.models import Activity, ActivityLink, Baseline, BaselineEntry
from pazanga.workplan.progress import KINDS


@transaction.atomic
def import_plan(programme: Programme, data: bytes, *, actor: Any) -> dict[str, int]:
    """Create or update the plan's activities from a workbook; raise SpreadsheetError with
    every located problem and save nothing when any row is wrong.

    Rows are matched to activities by number; activities the file leaves out stay as they
    are (with their links). Side effects: one audit entry on the programme,
    "workplan.plan.imported", with the numbers created and updated.
    """
    existing = {
        a.number: a for a in Activity.objects.select_for_update().filter(programme=programme)
    }
    rows = imports.read_plan(data, set(existing))
    created = updated = 0
    by_number = dict(existing)
    position = max((a.position for a in existing.values()), default=0)
    for row in sorted(rows, key=lambda r: (r.number.count("."), r.row)):
        activity = by_number.get(row.number)
        if activity is None:
            position += 1
            activity = Activity(programme=programme, number=row.number, position=position)
            created += 1
        else:
            updated += 1
        activity.parent = by_number.get(row.parent) if row.parent else None
        activity.level = row.level
        activity.name_lt, activity.name_en = row.name_lt, row.name_en
        activity.planned_start, activity.planned_end = row.planned_start, row.planned_end
        activity.actual_start, activity.actual_end = row.actual_start, row.actual_end
        activity.is_milestone = row.is_milestone
        for name, text in row.texts.items():
            setattr(activity, name, text)
        activity.save()
        by_number[row.number] = activity
    # The file's order is the plan's order.
    for index, row in enumerate(sorted(rows, key=lambda r: r.row)):
        by_number[row.number].position = index
    Activity.objects.bulk_update([by_number[row.number] for row in rows], ["position"])
    for row in rows:
        by_number[row.number].depends_on.set([by_number[n] for n in row.depends_on])
    counts = {"created": created, "updated": updated}
    log_action(programme, "workplan.plan.imported", actor=actor, data=counts)
    return counts


@transaction.atomic
def save_baseline(programme: Programme, name: str, *, actor: Any) -> Baseline:
    """Keep every activity's planned dates under `name`.

    Side effects: one audit entry on the baseline, "workplan.baseline.saved".
    """
    activities = list(Activity.objects.filter(programme=programme))
    if not activities:
        raise Refusal("workplan.empty_plan")
    baseline = Baseline.objects.create(programme=programme, name=name, saved_by=actor)
    BaselineEntry.objects.bulk_create(
        BaselineEntry(
            baseline=baseline,
            activity=activity,
            planned_start=activity.planned_start,
            planned_end=activity.planned_end,
        )
        for activity in activities
    )
    log_action(
        baseline, "workplan.baseline.saved", actor=actor, data={"activities": len(activities)}
    )
    return baseline


def link_record(activity: Activity, record: models.Model, *, actor: Any) -> ActivityLink:
    """Record that `activity` produced `record`.

    Side effects: one audit entry on the activity, "workplan.activity.linked".
    """
    content_type = ContentType.objects.get_for_model(type(record))
    label = f"{content_type.app_label}.{content_type.model}"
    if label not in KINDS:
        raise Refusal("workplan.not_linkable")
    link, created = ActivityLink.objects.get_or_create(
        activity=activity, content_type=content_type, object_id=record.pk
    )
    if not created:
        raise Refusal("workplan.already_linked")
    log_action(
        activity, "workplan.activity.linked", actor=actor, data={"kind": label, "id": record.pk}
    )
    return link


def unlink_record(link: ActivityLink, *, actor: Any) -> None:
    """Side effects: one audit entry on the activity, "workplan.activity.unlinked"."""
    content_type = link.content_type
    data = {"kind": f"{content_type.app_label}.{content_type.model}", "id": link.object_id}
    activity = link.activity
    link.delete()
    log_action(activity, "workplan.activity.unlinked", actor=actor, data=data)
