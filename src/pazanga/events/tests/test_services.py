from datetime import date, datetime, timedelta
from io import BytesIO, StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from openpyxl import Workbook

from pazanga.common.models import AuditEntry
from pazanga.common.refusals import Refusal
from pazanga.events import services
from pazanga.events.enums import AttendanceStatus, EventStatus, RegistrationStatus
from pazanga.events.invitations import read_invitees
from pazanga.events.models import Attendance, Invitation, Registration
from pazanga.events.tests.factories import VILNIUS, EventFactory, RegistrationFactory
from pazanga.events.tokens import checkin_code

S = RegistrationStatus


def person(n: int = 1, **fields) -> services.Registrant:  # type: ignore[no-untyped-def]
    return services.Registrant(
        first_name="Jonas",
        last_name=f"Jonaitis{n}",
        email=fields.pop("email", f"jonas{n}@example.org"),
        organisation_name="Utenos biblioteka",
        **fields,
    )


def refusal(code: str):  # type: ignore[no-untyped-def]
    return pytest.raises(Refusal, match=f"^events.{code}$")


def register(category, registrant):  # type: ignore[no-untyped-def]
    """A visitor registers and opens the link sent to their address."""
    made = services.register(category.event, category=category, registrant=registrant)
    assert made.status == S.UNVERIFIED
    return services.confirm_address(made)


def test_it_confirms_while_seats_last_then_waitlists(
    librarians, django_capture_on_commit_callbacks
):
    statuses = []
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            made = services.register(librarians.event, category=librarians, registrant=person(n))
        with django_capture_on_commit_callbacks(execute=True):
            statuses.append(services.confirm_address(made).status)
    assert statuses == [S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]
    subjects = [m.subject for m in mail.outbox]
    assert subjects[0].startswith("Patvirtinkite registraciją")
    assert subjects[1].startswith("Registracija patvirtinta")
    assert subjects[5].startswith("Laukiančiųjų sąrašas")
    assert AuditEntry.objects.filter(action="events.registration.waitlisted").count() == 1


def test_it_refuses_a_full_event_without_a_waiting_list(librarians):
    librarians.event.has_waiting_list = False
    librarians.event.save()
    RegistrationFactory.create_batch(2, category=librarians)
    with refusal("full"):
        register(librarians, person())


def test_it_keeps_a_category_within_its_quota(librarians, officials):
    officials.quota = 1
    officials.needs_approval = False
    officials.save()
    first = register(officials, person(1))
    second = register(officials, person(2))
    other = register(librarians, person(3))
    assert (first.status, second.status, other.status) == (S.CONFIRMED, S.WAITLISTED, S.CONFIRMED)


def test_it_holds_a_seat_for_a_registration_waiting_for_approval(officials, librarians):
    pending = register(officials, person(1))
    assert pending.status == S.PENDING
    register(librarians, person(2))
    third = register(librarians, person(3))
    assert third.status == S.WAITLISTED


def test_it_refuses_a_second_active_registration_with_one_email(librarians):
    register(librarians, person(email="A@x.org"))
    with refusal("already"):
        register(librarians, person(email="a@x.org"))


def test_it_allows_registering_again_after_cancelling(librarians, staff_member):
    from pazanga.events import workflow

    first = register(librarians, person())
    workflow.transition(first, S.CANCELLED, actor=staff_member)
    again = register(librarians, person())
    assert again.status == S.CONFIRMED


def test_someone_elses_address_neither_blocks_nor_reaches_its_owner(
    librarians, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        squatter = services.register(
            librarians.event, category=librarians, registrant=person(9, email="ona@x.org")
        )
        owner = services.register(
            librarians.event, category=librarians, registrant=person(email="ona@x.org")
        )
    assert (squatter.status, owner.status) == (S.UNVERIFIED, S.UNVERIFIED)
    assert [m.to for m in mail.outbox] == [["ona@x.org"], ["ona@x.org"]]
    assert "Patvirtinkite registraciją" in mail.outbox[0].subject
    assert "/lt/events/r/" in mail.outbox[0].body
    from pazanga.events.capacity import seats_held

    assert seats_held(librarians.event)[None] == 0
    services.confirm_address(owner)
    owner.refresh_from_db()
    assert owner.status == S.CONFIRMED
    with refusal("already"):
        services.confirm_address(squatter)


def test_a_double_click_gives_one_unconfirmed_registration(librarians, clock):
    first = services.register(librarians.event, category=librarians, registrant=person(1))
    again = services.register(librarians.event, category=librarians, registrant=person(1))
    assert again.pk == first.pk
    clock.shift(timedelta(minutes=services.DOUBLE_CLICK_MINUTES, seconds=1))
    later = services.register(librarians.event, category=librarians, registrant=person(1))
    assert later.pk != first.pk


def test_a_stale_status_email_is_not_sent(librarians, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = services.register(librarians.event, category=librarians, registrant=person())
        services.confirm_address(made)
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Registracija patvirtinta"]


def test_a_confirmed_address_is_confirmed_once(librarians):
    made = services.register(librarians.event, category=librarians, registrant=person())
    services.confirm_address(made)
    made.refresh_from_db()
    assert services.confirm_address(made).status == S.CONFIRMED
    assert AuditEntry.objects.filter(action="events.registration.confirmed").count() == 1


def test_an_address_cannot_be_flooded_with_registrations(librarians):
    for n in range(services.MOST_UNVERIFIED):
        services.register(
            librarians.event, category=librarians, registrant=person(n, email="a@x.org")
        )
    with refusal("too_many_unverified"):
        services.register(
            librarians.event, category=librarians, registrant=person(9, email="a@x.org")
        )


def test_the_signed_in_persons_own_address_counts_at_once(librarians, librarian_a):
    registrant = person(email=librarian_a.email.upper())
    made = services.register(
        librarians.event, category=librarians, registrant=registrant, user=librarian_a
    )
    assert made.status == S.CONFIRMED
    other = services.register(
        librarians.event, category=librarians, registrant=person(7), user=librarian_a
    )
    assert other.status == S.UNVERIFIED


def test_unconfirmed_registrations_lapse_silently_after_two_days(
    librarians, clock, django_capture_on_commit_callbacks
):
    made = services.register(librarians.event, category=librarians, registrant=person())
    assert services.expire_unverified() == 0
    clock.shift(timedelta(hours=services.UNVERIFIED_HOURS, seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.expire_unverified() == 1
        assert services.expire_unverified() == 0
    made.refresh_from_db()
    assert made.status == S.LAPSED
    assert mail.outbox == []


def test_the_database_refuses_two_active_registrations_with_one_email(librarians):
    from django.db import IntegrityError

    RegistrationFactory(category=librarians, email="x@example.org")
    with pytest.raises(IntegrityError):
        RegistrationFactory(category=librarians, email="x@example.org", status=S.WAITLISTED)


@pytest.mark.parametrize(
    ("moment", "code"),
    [
        (datetime(2014, 4, 1, 12, 0, tzinfo=VILNIUS), "not_yet"),
        (datetime(2014, 5, 18, 12, 0, tzinfo=VILNIUS), "closed"),
        (datetime(2014, 5, 21, 12, 0, tzinfo=VILNIUS), "closed"),
    ],
)
def test_it_enforces_the_registration_window_to_the_minute(librarians, moment, code):
    event = librarians.event
    event.registration_opens_at = datetime(2014, 4, 10, 9, 0, tzinfo=VILNIUS)
    event.registration_closes_at = datetime(2014, 5, 18, 12, 0, tzinfo=VILNIUS)
    event.save()
    with time_machine.travel(moment, tick=False), refusal(code):
        services.register(event, category=librarians, registrant=person())
    with time_machine.travel(event.registration_closes_at - timedelta(minutes=1), tick=False):
        assert services.register(event, category=librarians, registrant=person()).pk


def test_it_refuses_a_draft_event(librarians):
    librarians.event.status = EventStatus.DRAFT
    librarians.event.save()
    with refusal("not_open"):
        services.register(librarians.event, category=librarians, registrant=person())


def test_it_needs_an_invitation_for_an_invitation_only_category(guests):
    with refusal("invitation_needed"):
        services.register(guests.event, category=guests, registrant=person())


def test_an_invitation_skips_approval_once_and_for_its_address_only(officials):
    invitation = Invitation.objects.create(
        event=officials.event, category=officials, email="mere@example.lt"
    )
    with refusal("invitation_email"):
        services.register(
            officials.event, category=officials, registrant=person(), invitation=invitation
        )
    invited = person(email="mere@example.lt")
    registration = services.register(
        officials.event, category=officials, registrant=invited, invitation=invitation
    )
    assert registration.status == S.CONFIRMED
    with refusal("invitation_used"):
        services.register(
            officials.event, category=officials, registrant=invited, invitation=invitation
        )


def test_it_needs_consent_when_the_event_asks_for_it(librarians):
    librarians.event.consent_text_lt = "Sutinku."
    librarians.event.save()
    with refusal("consent"):
        services.register(librarians.event, category=librarians, registrant=person())
    registration = services.register(
        librarians.event, category=librarians, registrant=person(), consent=True
    )
    assert registration.consent_given_at is not None


def test_offers_lapse_after_their_time_and_pass_the_seat_on(
    librarians, staff_member, django_capture_on_commit_callbacks
):
    from pazanga.events import workflow

    first = RegistrationFactory(category=librarians)
    RegistrationFactory(category=librarians)
    waiting = RegistrationFactory.create_batch(2, category=librarians, status=S.WAITLISTED)
    workflow.transition(first, S.CANCELLED, actor=staff_member)
    waiting[0].refresh_from_db()
    assert waiting[0].status == S.OFFERED
    assert waiting[0].offer_expires_at == datetime(2014, 5, 3, 12, 0, tzinfo=VILNIUS)
    with time_machine.travel(datetime(2014, 5, 3, 11, 59, tzinfo=VILNIUS), tick=False):
        call_command("run_event_jobs", stdout=StringIO())
        waiting[0].refresh_from_db()
        assert waiting[0].status == S.OFFERED
    with time_machine.travel(datetime(2014, 5, 3, 12, 0, tzinfo=VILNIUS), tick=False):
        with refusal("offer_expired"):
            services.accept_offer(waiting[0])
        with django_capture_on_commit_callbacks(execute=True):
            call_command("run_event_jobs", stdout=StringIO())
        call_command("run_event_jobs", stdout=StringIO())
    waiting[0].refresh_from_db()
    waiting[1].refresh_from_db()
    assert (waiting[0].status, waiting[1].status) == (S.LAPSED, S.OFFERED)
    assert AuditEntry.objects.filter(action="events.registration.lapsed").count() == 1
    assert services.accept_offer(waiting[1]).status == S.CONFIRMED


def test_reminders_go_the_day_before_once(librarians, django_capture_on_commit_callbacks):
    RegistrationFactory(category=librarians, email="lt@example.org")
    RegistrationFactory(category=librarians, email="en@example.org", language="en")
    RegistrationFactory(category=librarians, status=S.WAITLISTED)
    with time_machine.travel(datetime(2014, 5, 18, 23, 0, tzinfo=VILNIUS), tick=False):
        assert services.send_reminders() == 0
    with time_machine.travel(datetime(2014, 5, 19, 8, 0, tzinfo=VILNIUS), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.send_reminders() == 2
        assert services.send_reminders() == 0
    title = librarians.event
    assert sorted(m.subject for m in mail.outbox) == [
        f"Rytoj: {title.title_lt}",
        f"Tomorrow: {title.title_en}",
    ]
    english = next(m for m in mail.outbox if m.to == ["en@example.org"])
    assert "takes place tomorrow" in english.body


def test_cancelling_the_event_tells_every_active_registrant(
    librarians, staff_member, django_capture_on_commit_callbacks
):
    RegistrationFactory(category=librarians)
    RegistrationFactory(category=librarians, status=S.WAITLISTED)
    RegistrationFactory(category=librarians, status=S.REJECTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(librarians.event, actor=staff_member, note="Salė užimta.")
    assert librarians.event.status == EventStatus.CANCELLED
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("Renginys atšauktas") for m in mail.outbox)
    assert "Salė užimta." in mail.outbox[0].body


def test_check_in_marks_presence_once_and_says_when(librarians, staff_member):
    registration = RegistrationFactory(category=librarians)
    code = checkin_code(registration)
    found = services.registration_for_code(librarians.event, code)
    first = services.check_in(found, day=date(2014, 5, 20), actor=staff_member)
    second = services.check_in(found, day=date(2014, 5, 20), actor=staff_member)
    assert (first.already, second.already) == (False, True)
    assert second.attendance.checked_in_at == first.attendance.checked_in_at
    assert Attendance.objects.get().status == AttendanceStatus.PRESENT
    assert AuditEntry.objects.filter(action="events.registration.checked_in").count() == 1


def test_a_forged_code_or_one_for_another_event_is_refused(librarians, programme):
    registration = RegistrationFactory(category=librarians)
    code = checkin_code(registration)
    with refusal("forged"):
        services.registration_for_code(librarians.event, code[:-2] + "xx")
    with refusal("forged"):
        services.registration_for_code(librarians.event, "not a code")
    other = EventFactory(programme=programme)
    with refusal("other_event"):
        services.registration_for_code(other, code)


def test_only_confirmed_people_on_event_days_are_checked_in(librarians, staff_member):
    waiting = RegistrationFactory(category=librarians, status=S.WAITLISTED)
    confirmed = RegistrationFactory(category=librarians)
    with refusal("not_confirmed"):
        services.check_in(waiting, day=date(2014, 5, 20), actor=staff_member)
    with refusal("not_event_day"):
        services.check_in(confirmed, day=date(2014, 5, 21), actor=staff_member)


def test_attendance_is_recorded_per_day_with_four_statuses(programme, clock, staff_member):
    from pazanga.events.tests.factories import CategoryFactory

    event = EventFactory(
        programme=programme,
        starts_at=datetime(2014, 6, 2, 9, 0, tzinfo=VILNIUS),
        ends_at=datetime(2014, 6, 4, 16, 0, tzinfo=VILNIUS),
    )
    registration = RegistrationFactory(category=CategoryFactory(event=event))
    assert event.days == [date(2014, 6, 2), date(2014, 6, 3), date(2014, 6, 4)]
    for day, status in zip(event.days, ["present", "late", "excused"], strict=True):
        services.record_attendance(registration, day=day, status=status, actor=staff_member)
    services.record_attendance(
        registration, day=date(2014, 6, 3), status="absent", actor=staff_member
    )
    assert dict(registration.attendances.values_list("day", "status")) == {
        date(2014, 6, 2): "present",
        date(2014, 6, 3): "absent",
        date(2014, 6, 4): "excused",
    }


def test_certificates_need_attendance_and_are_issued_once(librarians, staff_member):
    registration = RegistrationFactory(
        category=librarians, first_name="Žydrūnė", last_name="Ąžuolė"
    )
    with refusal("not_attended"):
        services.issue_certificate(registration, actor=staff_member)
    services.check_in(registration, day=date(2014, 5, 20), actor=staff_member)
    certificate = services.issue_certificate(registration, actor=staff_member)
    again = services.issue_certificate(registration, actor=staff_member)
    assert again.pk == certificate.pk
    assert certificate.serial == f"PZ-2014-{certificate.pk:06d}"
    assert certificate.holder_name == "Žydrūnė Ąžuolė"
    training = services.issue_certificate(
        registration, actor=staff_member, title_lt="Mokymų pažymėjimas", title_en="Training"
    )
    assert training.pk != certificate.pk


ON_THE_DAY = datetime(2014, 5, 20, 9, 0, tzinfo=VILNIUS)


def walk_in(category, staff_member, n=1, day=date(2014, 5, 20)):  # type: ignore[no-untyped-def]
    return services.register_walk_in(
        category.event, category=category, registrant=person(n), day=day, actor=staff_member
    )


def test_a_walk_in_skips_the_closed_registration_window(librarians, staff_member):
    event = librarians.event
    event.registration_closes_at = datetime(2014, 5, 10, tzinfo=VILNIUS)
    event.save()
    with time_machine.travel(ON_THE_DAY, tick=False):
        with refusal("closed"):
            services.register(event, category=librarians, registrant=person(2))
        registration, result = walk_in(librarians, staff_member)
    assert registration.status == S.CONFIRMED
    assert result.attendance.status == "present" and not result.already


def test_a_walk_in_skips_approval_and_invitations(officials, guests, staff_member):
    with time_machine.travel(ON_THE_DAY, tick=False):
        official, _ = walk_in(officials, staff_member, 1)
        guest, _ = walk_in(guests, staff_member, 2)
    assert (official.status, guest.status) == (S.CONFIRMED, S.CONFIRMED)


def test_a_walk_in_at_a_full_event_is_refused_with_nothing_saved_or_sent(
    librarians, staff_member, django_capture_on_commit_callbacks
):
    RegistrationFactory.create_batch(2, category=librarians, status=S.CONFIRMED)
    assert librarians.event.has_waiting_list
    with (
        time_machine.travel(ON_THE_DAY, tick=False),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        refusal("full"),
    ):
        walk_in(librarians, staff_member, 3)
    assert callbacks == []
    assert mail.outbox == []
    assert not Registration.objects.filter(email="jonas3@example.org").exists()
    assert not AuditEntry.objects.filter(action__startswith="events.registration").exists()


def test_a_walk_in_on_a_day_the_event_does_not_run_saves_nothing(librarians, staff_member):
    with time_machine.travel(ON_THE_DAY, tick=False), refusal("not_event_day"):
        walk_in(librarians, staff_member, day=date(2014, 5, 21))
    assert not Registration.objects.exists()


def test_a_walk_in_at_a_cancelled_event_is_refused(librarians, staff_member):
    services.cancel_event(librarians.event, actor=staff_member)
    with time_machine.travel(ON_THE_DAY, tick=False), refusal("not_open"):
        walk_in(librarians, staff_member)
    assert not Registration.objects.exists()


def invitation_file(rows: list[list[str]]) -> BytesIO:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_it_reports_bad_invitation_rows_by_row_and_column(officials, guests):
    upload = invitation_file(
        [
            ["email", "first_name", "category", "language"],
            ["ona@example.lt", "Ona", "guests", "lt"],
            ["not-an-address", "Petras", "guests", "lt"],
            ["ona@example.lt", "Ona", "guests", "lt"],
            ["jo@example.org", "Jo", "vips", "de"],
            ["", "", "", ""],
            ["ramune@example.lt", "Ramunė", "", ""],
        ]
    )
    result = read_invitees(upload, "xlsx", officials.event)
    assert [i.email for i in result.invitees] == ["ona@example.lt", "ramune@example.lt"]
    assert [(p.row, p.column) for p in result.problems] == [
        (3, "email"),
        (4, "email"),
        (5, "category"),
        (5, "language"),
    ]


def test_it_reads_semicolon_csv_and_requires_an_email_column(officials):
    good = BytesIO(b"email;first_name\nona@example.lt;Ona\n")
    assert [i.first_name for i in read_invitees(good, "csv", officials.event).invitees] == ["Ona"]
    bad = BytesIO(b"name,organisation\nOna,LNB\n")
    assert [(p.row, p.column) for p in read_invitees(bad, "csv", officials.event).problems] == [
        (1, "email")
    ]


def test_importing_invitations_sends_personal_links_once(
    guests, staff_member, django_capture_on_commit_callbacks
):
    from pazanga.events.invitations import Invitee

    invitees = [Invitee("svecias@example.org", "Guest", "", "", "guests", "en")]
    with django_capture_on_commit_callbacks(execute=True):
        created, skipped = services.import_invitations(guests.event, invitees, actor=staff_member)
    assert (len(created), skipped) == (1, 0)
    assert f"?invitation={created[0].token}" in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Invitation: ")
    created, skipped = services.import_invitations(guests.event, invitees, actor=staff_member)
    assert (len(created), skipped) == (0, 1)
