"""The grants app's tasks: checks, assignments and decisions for staff and the committee,
reviews for reviewers, drafts and closing calls for libraries."""

from datetime import timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pazanga.common.workspace import Task
from pazanga.grants.enums import ApplicationStatus, ReviewStatus
from pazanga.grants.models import Application, Call, Decision, ReviewAssignment
from pazanga.programme.enums import Role
from pazanga.programme.models import Programme
from pazanga.programme.permissions import libraries_of

S = ApplicationStatus
SOON = timedelta(days=14)
MOST = 5


def tasks(user: Any, roles: set[str], programme: Programme) -> list[Task]:
    found: list[Task] = []
    if roles & {Role.PROGRAMME_STAFF, Role.COMMITTEE_MEMBER}:
        found += call_tasks(roles, programme)
    if Role.REVIEWER in roles:
        found += review_tasks(user, programme)
    if Role.LIBRARY_STAFF in roles:
        found += library_tasks(user, programme)
    return found


def call_tasks(roles: set[str], programme: Programme) -> list[Task]:
    decided = Decision.objects.filter(call=OuterRef("pk"))
    calls = (
        Call.objects.filter(programme=programme)
        .annotate(
            submitted=Count("applications", filter=Q(applications__status=S.SUBMITTED)),
            eligible=Count("applications", filter=Q(applications__status=S.ELIGIBLE)),
            reviewed=Count("applications", filter=Q(applications__status=S.REVIEWED)),
            decided=Exists(decided),
        )
        .filter(Q(submitted__gt=0) | Q(eligible__gt=0) | Q(reviewed__gt=0))
        .order_by("closes_at")[:MOST]
    )
    found = []
    for call in calls:
        if Role.PROGRAMME_STAFF in roles and call.submitted:
            text = ngettext(
                "%(call)s: %(count)d application waits for its eligibility check",
                "%(call)s: %(count)d applications wait for their eligibility check",
                call.submitted,
            ) % {"call": call.code, "count": call.submitted}
            found.append(Task(text, reverse("grants:eligibility", args=[call.pk]), call.submitted))
        if Role.PROGRAMME_STAFF in roles and call.eligible:
            text = ngettext(
                "%(call)s: %(count)d eligible application waits for reviewers",
                "%(call)s: %(count)d eligible applications wait for reviewers",
                call.eligible,
            ) % {"call": call.code, "count": call.eligible}
            found.append(Task(text, reverse("grants:assignment", args=[call.pk]), call.eligible))
        if call.reviewed and not call.decided:
            text = ngettext(
                "%(call)s: %(count)d reviewed application waits for the funding decision",
                "%(call)s: %(count)d reviewed applications wait for the funding decision",
                call.reviewed,
            ) % {"call": call.code, "count": call.reviewed}
            found.append(Task(text, reverse("grants:ranking", args=[call.pk]), call.reviewed))
    return found


def review_tasks(user: Any, programme: Programme) -> list[Task]:
    open_reviews = ReviewAssignment.objects.filter(
        reviewer=user, application__call__programme=programme, application__status=S.IN_REVIEW
    ).exclude(review__status=ReviewStatus.SUBMITTED)
    summary = open_reviews.aggregate(count=Count("pk"))
    count = summary["count"]
    if not count:
        return []
    deadline = (
        open_reviews.exclude(application__call__review_deadline=None)
        .order_by("application__call__review_deadline")
        .values_list("application__call__review_deadline", flat=True)
        .first()
    )
    text = ngettext(
        "%(count)d review is waiting for you",
        "%(count)d reviews are waiting for you",
        count,
    ) % {"count": count}
    urgent = deadline is not None and deadline - timezone.now() < timedelta(days=3)
    return [Task(text, reverse("grants:my_reviews"), count, deadline, urgent)]


def library_tasks(user: Any, programme: Programme) -> list[Task]:
    libraries = libraries_of(user, programme)
    if not libraries:
        return []
    now = timezone.now()
    found = []
    drafts = (
        Application.objects.filter(library__in=libraries, status=S.DRAFT, call__programme=programme)
        .select_related("call")
        .order_by("call__closes_at")[:MOST]
    )
    for draft in drafts:
        text = _("Your draft application “%(title)s” is not submitted yet") % {"title": draft.title}
        closes = draft.call.closes_at
        urgent = closes - now < timedelta(days=3)
        found.append(
            Task(text, reverse("grants:application", args=[draft.pk]), due=closes, urgent=urgent)
        )
    applied = Application.objects.filter(call=OuterRef("pk"), library__in=libraries)
    closing = (
        Call.objects.filter(
            programme=programme,
            is_published=True,
            opens_at__lte=now,
            closes_at__gt=now,
            closes_at__lte=now + SOON,
        )
        .annotate(applied=Exists(applied))
        .filter(applied=False)
        .order_by("closes_at")[:MOST]
    )
    for call in closing:
        text = _("The call “%(title)s” closes soon") % {"title": call.title}
        found.append(Task(text, reverse("grants:call", args=[call.pk]), due=call.closes_at))
    return found
