"""The training app's tasks: applications to decide, sessions to attend, run or mark."""

from datetime import timedelta
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pazanga.common.workspace import Task
from pazanga.events.enums import EventStatus, RegistrationStatus
from pazanga.events.models import Attendance
from pazanga.programme.enums import Role
from pazanga.programme.models import Programme
from pazanga.training.models import Enrolment, Session

AHEAD = timedelta(days=30)
MOST = 5


def tasks(user: Any, roles: set[str], programme: Programme) -> list[Task]:
    found: list[Task] = []
    now = timezone.now()
    if Role.PROGRAMME_STAFF in roles:
        count = Enrolment.objects.filter(
            registration__status=RegistrationStatus.PENDING, session__event__programme=programme
        ).count()
        if count:
            text = ngettext(
                "%(count)d training application waits for a decision",
                "%(count)d training applications wait for a decision",
                count,
            ) % {"count": count}
            found.append(Task(text, reverse("training:approvals"), count))
    if Role.LIBRARY_STAFF in roles:
        coming = (
            Enrolment.objects.filter(
                person=user,
                registration__status=RegistrationStatus.CONFIRMED,
                session__event__status=EventStatus.PUBLISHED,
                session__event__starts_at__gte=now,
                session__event__starts_at__lte=now + AHEAD,
            )
            .select_related("session__event")
            .order_by("session__event__starts_at")[:MOST]
        )
        for enrolment in coming:
            event = enrolment.session.event
            text = _("Training: %(title)s") % {"title": event.title}
            url = reverse("training:enrolment", args=[enrolment.pk])
            found.append(Task(text, url, due=event.starts_at))
    if Role.TRAINER in roles:
        mine = Session.objects.filter(trainers__user=user, event__status=EventStatus.PUBLISHED)
        marked = Attendance.objects.filter(registration__event=OuterRef("event"))
        to_mark = (
            mine.filter(event__starts_at__lte=now, event__starts_at__gte=now - AHEAD)
            .annotate(marked=Exists(marked))
            .filter(marked=False)
            .select_related("event")
            .order_by("event__starts_at")[:MOST]
        )
        for session in to_mark:
            text = _("Take the attendance of %(title)s") % {"title": session.event.title}
            url = reverse("training:attendance", args=[session.pk])
            found.append(Task(text, url, due=session.event.starts_at, urgent=True))
        to_run = (
            mine.filter(event__starts_at__gt=now, event__starts_at__lte=now + AHEAD)
            .select_related("event")
            .order_by("event__starts_at")[:MOST]
        )
        for session in to_run:
            text = _("You train at %(title)s") % {"title": session.event.title}
            url = reverse("training:attendance", args=[session.pk])
            found.append(Task(text, url, due=session.event.starts_at))
    return found
