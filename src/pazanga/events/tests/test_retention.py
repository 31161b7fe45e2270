"""Registrants' personal data is anonymised once the retention period after the event ends."""

from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from pazanga.common.models import AuditEntry
from pazanga.events import queries, services
from pazanga.events.enums import RegistrationStatus
from pazanga.events.models import Attendance, Invitation, Registration
from pazanga.events.retention import purge_event_personal_data
from pazanga.events.tests.factories import VILNIUS, CategoryFactory, EventFactory
from pazanga.events.tests.factories import RegistrationFactory as Registered
from pazanga.events.tokens import registration_link_token
from pazanga.questionnaires.enums import Purpose
from pazanga.questionnaires.models import Questionnaire, Response

S = RegistrationStatus
# The seminar ends 2014-05-20 16:00; 730 days later is 2016-05-19 16:00 (2016 is a leap year).
JUST_BEFORE = datetime(2016, 5, 19, 15, 59, tzinfo=VILNIUS)
JUST_AFTER = datetime(2016, 5, 19, 16, 1, tzinfo=VILNIUS)


@pytest.fixture
def past_seminar(librarians, officials, staff_member, programme):
    """Two attendees (one with a certificate and answers), one rejected, one invitation."""
    attended = Registered(
        category=librarians, first_name="Žydrūnė", last_name="Ąžuolaitė", job_title="vedėja"
    )
    attended.user = staff_member
    questionnaire = Questionnaire.objects.create(
        programme=programme, code="diet", purpose=Purpose.REGISTRATION
    )
    attended.response = Response.objects.create(
        questionnaire=questionnaire, answers={"diet": "vegetarian"}
    )
    attended.save()
    services.check_in(attended, day=date(2014, 5, 20), actor=staff_member)
    certificate = services.issue_certificate(attended, actor=staff_member)
    Registered(category=librarians, email="antanas@example.org")
    Registered(category=officials, status=S.REJECTED)
    Invitation.objects.create(
        event=librarians.event, category=officials, email="svecias@example.org", last_name="Svečias"
    )
    return {"attended": attended, "certificate": certificate, "event": librarians.event}


def status_counts(event) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return queries.dashboard(event).totals


def test_nothing_is_anonymised_before_the_retention_period_ends(past_seminar):
    with time_machine.travel(JUST_BEFORE, tick=False):
        result = purge_event_personal_data(730)
    assert result.registrations == 0
    past_seminar["attended"].refresh_from_db()
    assert past_seminar["attended"].last_name == "Ąžuolaitė"


def test_names_emails_and_answers_go_counts_attendance_and_certificates_stay(client, past_seminar):
    attended, event = past_seminar["attended"], past_seminar["event"]
    old_link = reverse("events:my_registration", args=[registration_link_token(attended)])
    counts_before = status_counts(event)
    with time_machine.travel(JUST_AFTER, tick=False):
        result = purge_event_personal_data(730)
    assert (result.events, result.registrations, result.invitations) == (1, 3, 1)
    attended.refresh_from_db()
    assert (attended.first_name, attended.last_name, attended.job_title) == ("", "", "")
    assert attended.email == f"{attended.pk}@anonymised.invalid"
    assert attended.user is None
    assert attended.anonymised_at == JUST_AFTER
    assert not Response.objects.exists()
    assert attended.full_name == "anonimizuota"
    assert attended.organisation_name == "Alytaus biblioteka"
    assert status_counts(event) == counts_before
    assert Attendance.objects.filter(registration=attended).count() == 1
    assert not Registration.objects.filter(email__endswith="@example.org").exists()
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.last_name) == (
        f"{invitation.pk}@anonymised.invalid",
        "",
    )
    assert client.get(old_link).status_code == 404
    certificate = past_seminar["certificate"]
    certificate.refresh_from_db()
    assert certificate.holder_name == "Žydrūnė Ąžuolaitė"
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "Žydrūnė Ąžuolaitė" in page
    entry = AuditEntry.objects.get(action="events.event.personal_data_purged")
    assert entry.data == {"registrations": 3, "invitations": 1, "days": 730}


def test_a_second_run_changes_nothing(past_seminar):
    with time_machine.travel(JUST_AFTER, tick=False):
        purge_event_personal_data(730)
        stamps = list(Registration.objects.values_list("pk", "anonymised_at", "secret"))
    with time_machine.travel(datetime(2016, 6, 1, tzinfo=VILNIUS), tick=False):
        again = purge_event_personal_data(730)
    assert (again.events, again.registrations, again.invitations) == (0, 0, 0)
    assert list(Registration.objects.values_list("pk", "anonymised_at", "secret")) == stamps
    assert AuditEntry.objects.filter(action="events.event.personal_data_purged").count() == 1


def test_recent_events_are_left_alone(past_seminar, programme):
    recent = CategoryFactory(
        event=EventFactory(
            programme=programme,
            starts_at=datetime(2016, 3, 1, 10, tzinfo=VILNIUS),
            ends_at=datetime(2016, 3, 1, 16, tzinfo=VILNIUS),
        )
    )
    keeps = Registered(category=recent, last_name="Naujausia")
    with time_machine.travel(JUST_AFTER, tick=False):
        purge_event_personal_data(730)
    keeps.refresh_from_db()
    assert (keeps.last_name, keeps.anonymised_at) == ("Naujausia", None)


def test_the_command_takes_its_default_from_the_setting(past_seminar):
    out = StringIO()
    with (
        time_machine.travel(datetime(2014, 6, 1, tzinfo=VILNIUS), tick=False),
        override_settings(EVENTS_RETENTION_DAYS=30),
    ):
        call_command("purge_event_personal_data", stdout=out)
    assert "registrations anonymised: 0" in out.getvalue()
    with time_machine.travel(datetime(2014, 6, 25, tzinfo=VILNIUS), tick=False):
        call_command("purge_event_personal_data", "--older-than-days", "30", stdout=out)
    assert "events: 1; registrations anonymised: 3; invitations anonymised: 1" in out.getvalue()


def test_the_command_lists_without_changing_on_a_dry_run(past_seminar):
    out = StringIO()
    with time_machine.travel(JUST_AFTER, tick=False):
        call_command("purge_event_personal_data", "--dry-run", stdout=out)
    assert "would anonymise: seminaras (ended 2014-05-20)" in out.getvalue()
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()


def test_the_command_refuses_a_negative_number_of_days(db):
    with pytest.raises(CommandError, match="0 or more"):
        call_command("purge_event_personal_data", "--older-than-days", "-1")
