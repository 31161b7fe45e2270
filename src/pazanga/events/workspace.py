"""The events app's tasks: registrations to approve, events to check people in at today."""

from typing import Any

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pazanga.common.i18n import localized
from pazanga.common.workspace import Task
from pazanga.events.enums import EventStatus, RegistrationStatus
from pazanga.events.models import Event, Registration
from pazanga.programme.enums import Role
from pazanga.programme.models import Programme

MOST_EVENTS = 5


def tasks(
    user: Any, roles: set[str], programme: Programme, *, except_events: QuerySet[Any] | None = None
) -> list[Task]:
    """`except_events`: events whose registrations another app decides (training sessions)."""
    found: list[Task] = []
    if Role.PROGRAMME_STAFF in roles:
        waiting = Registration.objects.filter(
            status=RegistrationStatus.PENDING,
            event__programme=programme,
            event__status=EventStatus.PUBLISHED,
            event__ends_at__gte=timezone.now(),
        )
        if except_events is not None:
            waiting = waiting.exclude(event__in=except_events)
        rows = (
            waiting.values("event__slug", "event__title_lt", "event__title_en", "event__starts_at")
            .annotate(count=Count("pk"))
            .order_by("event__starts_at")[:MOST_EVENTS]
        )
        for row in rows:
            title = localized_row(row)
            text = ngettext(
                "%(event)s: %(count)d registration waits for approval",
                "%(event)s: %(count)d registrations wait for approval",
                row["count"],
            ) % {"event": title, "count": row["count"]}
            url = reverse("events:approvals", args=[row["event__slug"]])
            found.append(Task(text, url, row["count"], row["event__starts_at"]))
    today = timezone.localdate()
    door = Event.objects.filter(
        status=EventStatus.PUBLISHED, starts_at__date__lte=today, ends_at__date__gte=today
    )
    if Role.PROGRAMME_STAFF in roles:
        door = door.filter(programme=programme)
    else:
        door = door.filter(door_staff__user=user)
    for event in door.order_by("starts_at")[:MOST_EVENTS]:
        text = _("Check people in today: %(event)s") % {"event": event.title}
        found.append(Task(text, reverse("events:check_in", args=[event.slug]), due=event.starts_at))
    return found


def localized_row(row: dict[str, Any]) -> str:
    class Row:
        title_lt = row["event__title_lt"]
        title_en = row["event__title_en"]

    return str(localized(Row, "title"))
