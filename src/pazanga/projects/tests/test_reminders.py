"""Report reminders: 14 and 3 days before, once overdue, each once, in each reader's language."""

from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.projects.enums import ReportKind
from pazanga.projects.reminders import reminder_due, send_report_reminders
from pazanga.projects.tests.factories import signed

pytestmark = pytest.mark.django_db


def on(day: date):  # type: ignore[no-untyped-def]
    return time_machine.travel(datetime(day.year, day.month, day.day, 7).astimezone(), tick=False)


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (date(2015, 12, 15), None),
        (date(2015, 12, 16), "14"),
        (date(2015, 12, 26), "14"),
        (date(2015, 12, 27), "3"),
        (date(2015, 12, 30), "3"),
        (date(2015, 12, 31), "overdue"),
    ],
)
def test_which_reminder_is_due(grant, today, kind):
    interim = grant.reports.get(kind=ReportKind.INTERIM)  # due 2015-12-30
    assert reminder_due(interim, today) == kind


def test_each_reminder_is_sent_once_in_the_readers_language(
    grant, staff_member, librarian_a, library_a
):
    english = person_with_role(
        Role.LIBRARY_STAFF,
        email="john@alytus.example",
        organisation=library_a,
        first_name="John",
        preferred_language="en",
    )
    with on(date(2015, 6, 11)):
        signed(grant, staff_member)
    with on(date(2015, 12, 16)):
        assert send_report_reminders() == 2
        assert send_report_reminders() == 0
    by_person = {m.to[0]: m for m in mail.outbox}
    assert by_person["ona@alytus.example"].subject == (
        "Projektas BP2-2015-001: tarpinė ataskaita pateikti iki 2015 m. gruodžio 30 d."
    )
    assert by_person[english.email].subject == (
        "Project BP2-2015-001: the interim report is due on 30 December 2015"
    )
    with on(date(2015, 12, 28)):
        call_command("send_project_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("send_project_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with on(date(2016, 1, 5)):
        assert send_report_reminders() == 2
        assert send_report_reminders() == 0
    assert len(mail.outbox) == 6
    overdue = [m for m in mail.outbox if m.to == [english.email]][-1]
    assert "was due on 30 December 2015 and has not been submitted" in overdue.body


def test_no_reminders_for_a_grant_not_under_way_or_a_submitted_report(grant, staff_member):
    with on(date(2015, 12, 16)):
        assert send_report_reminders() == 0  # the agreement is not signed
    assert mail.outbox == []
