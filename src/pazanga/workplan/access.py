"""Who may open which workplan page: the one module the workplan views ask.

The plan, its Gantt chart, the milestones' calendar, the budget and the results are public:
they show no person (the responsible person is shown to programme staff only). Importing a
plan, saving a baseline and the staff list are for programme staff. Everything is scoped to
the current programme; an activity of another programme does not exist here (404).
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from pazanga.programme.models import Programme
from pazanga.programme.permissions import (
    current_programme,
    is_programme_staff,
    programme_staff_required,
)
from pazanga.workplan.models import Activity

__all__ = [
    "activity_for",
    "is_programme_staff",
    "plan_activities",
    "programme_or_404",
    "programme_staff_required",
]


def number(pk: object) -> int:
    try:
        return int(str(pk))
    except ValueError:
        raise Http404 from None


def programme_or_404() -> Programme:
    programme = current_programme()
    if programme is None:
        raise Http404
    return programme


def plan_activities() -> QuerySet[Activity]:
    return Activity.objects.filter(programme=current_programme())


def activity_for(pk: object) -> Activity:
    return get_object_or_404(
        plan_activities().select_related("parent", "responsible"), pk=number(pk)
    )
