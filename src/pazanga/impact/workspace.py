"""The impact assessment's tasks for researchers: waves whose data wait for weighting,
weighted waves not yet published, and fieldwork that ended without data."""

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from pazanga.common.workspace import Task
from pazanga.impact.enums import WaveStatus
from pazanga.impact.models import Wave
from pazanga.programme.enums import Role
from pazanga.programme.models import Programme


def tasks(user: Any, roles: set[str], programme: Programme) -> list[Task]:
    if Role.RESEARCHER not in roles:
        return []
    today = timezone.localdate()
    waves = Wave.objects.filter(study__programme=programme)
    counts = waves.aggregate(
        data_in=Count("pk", filter=Q(status=WaveStatus.DATA_IN)),
        weighted=Count("pk", filter=Q(status=WaveStatus.WEIGHTED)),
        overdue=Count("pk", filter=Q(status=WaveStatus.FIELDWORK, fieldwork_end__lt=today)),
    )
    found = []
    home = reverse("impact:home")
    wordings = (
        (
            "data_in",
            lambda n: ngettext(
                "%(count)d survey wave waits for weighting",
                "%(count)d survey waves wait for weighting",
                n,
            ),
        ),
        (
            "weighted",
            lambda n: ngettext(
                "%(count)d weighted survey wave is not published",
                "%(count)d weighted survey waves are not published",
                n,
            ),
        ),
        (
            "overdue",
            lambda n: ngettext(
                "%(count)d survey wave finished fieldwork without data",
                "%(count)d survey waves finished fieldwork without data",
                n,
            ),
        ),
    )
    for key, wording in wordings:
        count = counts[key]
        if not count:
            continue
        found.append(Task(wording(count) % {"count": count}, home, count, urgent=key == "overdue"))
    return found
