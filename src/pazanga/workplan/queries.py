"""Reads of the workplan: the plan with progress, slippage and records, in a fixed number of
queries whatever the number of activities and records."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from pazanga.programme.models import Programme
from pazanga.workplan import progress
from pazanga.workplan.models import Activity, ActivityLink, Baseline, BaselineEntry


@dataclass
class PlanRow:
    activity: Activity
    status: str
    share: Decimal | None
    records: list[progress.Linked] = field(default_factory=list)
    baseline_start: date | None = None
    baseline_end: date | None = None
    depends_on: list[Activity] = field(default_factory=list)

    @property
    def slip_days(self) -> int | None:
        if self.baseline_end is None:
            return None
        return (self.activity.end - self.baseline_end).days

    @property
    def percent(self) -> int | None:
        return None if self.share is None else int(self.share * 100)


def latest_baseline(programme: Programme) -> Baseline | None:
    return Baseline.objects.filter(programme=programme).order_by("-saved_at", "-pk").first()


def plan(activities: QuerySet[Activity], programme: Programme, today: date) -> list[PlanRow]:
    """Every activity in plan order with its status, progress, records and baseline dates."""
    rows = list(activities.order_by("position", "pk").prefetch_related("depends_on"))
    links = ActivityLink.objects.filter(activity__in=[a.pk for a in rows])
    records = progress.linked_records(links)
    shares = progress.shares(rows, records, today)
    baseline = latest_baseline(programme)
    entries: dict[int, BaselineEntry] = {}
    if baseline is not None:
        entries = {e.activity_id: e for e in BaselineEntry.objects.filter(baseline=baseline)}
    result = []
    for activity in rows:
        entry = entries.get(activity.pk)
        result.append(
            PlanRow(
                activity=activity,
                status=activity.progress_on(today),
                share=shares.get(activity.pk),
                records=records.get(activity.pk, []),
                baseline_start=entry.planned_start if entry else None,
                baseline_end=entry.planned_end if entry else None,
                depends_on=list(activity.depends_on.all()),
            )
        )
    return result


def milestones(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return activities.filter(is_milestone=True).order_by("planned_end", "position")


def children_of(rows: list[PlanRow]) -> dict[int | None, list[PlanRow]]:
    tree: dict[int | None, list[PlanRow]] = defaultdict(list)
    for row in rows:
        tree[row.activity.parent_id].append(row)
    return tree
