"""Report reminders for cron: 14 and 3 days before a report is due, and once when overdue.

Each reminder is recorded (ReportReminder, unique per report and kind) in the same
transaction as its e-mails, so running the job twice sends nothing twice, and a run that
fails to send leaves the reminder for the next run.
"""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from pazanga.projects import notifications
from pazanga.projects.enums import EDITABLE_REPORT, RUNNING
from pazanga.projects.models import Report, ReportReminder

EARLY, LATE, OVERDUE = "14", "3", "overdue"


def reminder_due(report: Report, today: date) -> str | None:
    """Which reminder a report being written should have by `today`, if any."""
    days_left = (report.due_on - today).days
    if days_left < 0:
        return OVERDUE
    if days_left <= int(LATE):
        return LATE
    if days_left <= int(EARLY):
        return EARLY
    return None


def send_report_reminders(today: date | None = None) -> int:
    """Send the reminders due today; returns the number of e-mails sent.

    Side effects: a ReportReminder row per report and kind; e-mails to the library's staff,
    each in their language. Only reports being written (or returned) of grants under way.
    """
    today = today or timezone.localdate()
    reports = Report.objects.filter(
        status__in=EDITABLE_REPORT,
        grant__status__in=RUNNING,
        due_on__lte=today + timedelta(days=int(EARLY)),
    ).select_related("grant__library")
    sent = 0
    for report in reports.order_by("due_on", "pk"):
        kind = reminder_due(report, today)
        if kind is None:
            continue
        try:
            with transaction.atomic():
                ReportReminder.objects.create(report=report, kind=kind)
                sent += notifications.send_report_reminder(report, kind)
        except IntegrityError:
            continue  # sent by an earlier run
    return sent
