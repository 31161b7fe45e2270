"""The funded projects' tasks: reports, payments and changes for staff; what a library
owes for its projects."""

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pazanga.common.workspace import Task
from pazanga.programme.enums import Role
from pazanga.programme.models import Programme
from pazanga.programme.permissions import libraries_of
from pazanga.projects.enums import AmendmentStatus, GrantStatus, ReportStatus, TrancheStatus
from pazanga.projects.models import Amendment, Grant, Report, Tranche

AHEAD = timedelta(days=30)
MOST = 5


def tasks(user: Any, roles: set[str], programme: Programme) -> list[Task]:
    found: list[Task] = []
    if Role.PROGRAMME_STAFF in roles:
        found += staff_tasks(programme)
    if Role.LIBRARY_STAFF in roles:
        found += library_tasks(user, programme)
    return found


def staff_tasks(programme: Programme) -> list[Task]:
    portfolio = reverse("projects:portfolio")
    reports = Report.objects.filter(grant__programme=programme, status=ReportStatus.SUBMITTED)
    tranches = Tranche.objects.filter(grant__programme=programme).aggregate(
        due=Count("pk", filter=Q(status=TrancheStatus.DUE)),
        approved=Count("pk", filter=Q(status=TrancheStatus.APPROVED)),
    )
    changes = Amendment.objects.filter(
        grant__programme=programme, status=AmendmentStatus.REQUESTED
    ).count()
    found = []
    waiting = reports.count()
    if waiting:
        text = ngettext(
            "%(count)d project report waits for review",
            "%(count)d project reports wait for review",
            waiting,
        ) % {"count": waiting}
        first = reports.order_by("submitted_at", "pk").first()
        url = reverse("projects:report_review", args=[first.pk]) if first else portfolio
        found.append(Task(text, url, waiting))
    if tranches["due"]:
        text = ngettext(
            "%(count)d payment waits for approval",
            "%(count)d payments wait for approval",
            tranches["due"],
        ) % {"count": tranches["due"]}
        found.append(Task(text, reverse("projects:payments"), tranches["due"]))
    if tranches["approved"]:
        text = ngettext(
            "%(count)d approved payment waits to be paid",
            "%(count)d approved payments wait to be paid",
            tranches["approved"],
        ) % {"count": tranches["approved"]}
        found.append(Task(text, reverse("projects:payments"), tranches["approved"]))
    if changes:
        text = ngettext(
            "%(count)d requested change waits for a decision",
            "%(count)d requested changes wait for a decision",
            changes,
        ) % {"count": changes}
        found.append(Task(text, portfolio, changes))
    return found


def library_tasks(user: Any, programme: Programme) -> list[Task]:
    today = timezone.localdate()
    libraries = [library.pk for library in libraries_of(user, programme)]
    mine = Grant.objects.filter(programme=programme, library__in=libraries)
    found = []
    for grant in mine.filter(status=GrantStatus.AGREEMENT).order_by("pk")[:MOST]:
        text = _("Sign the grant agreement of “%(title)s”") % {"title": grant.title}
        found.append(Task(text, reverse("projects:grant", args=[grant.pk])))
    due = (
        Report.objects.filter(
            grant__in=mine,
            status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED),
            due_on__lte=today + AHEAD,
        )
        .select_related("grant")
        .order_by("due_on")[:MOST]
    )
    for report in due:
        text = _("%(report)s of “%(title)s” is due") % {
            "report": report.get_kind_display().capitalize(),
            "title": report.grant.title,
        }
        url = reverse("projects:report", args=[report.pk])
        found.append(Task(text, url, due=report.due_on, urgent=report.due_on <= today))
    return found
