"""Writes that used to live in views or in notifications, now services: each is audited,
each refuses what its rule refuses, and the pages use them."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from pazanga.common.audit import timeline
from pazanga.common.models import AuditEntry
from pazanga.common.refusals import Refusal
from pazanga.directory.tests.factories import LibraryFactory, UserFactory
from pazanga.grants import services
from pazanga.grants.enums import ApplicationStatus, ReviewStatus
from pazanga.grants.models import (
    Application,
    Attachment,
    CallReviewer,
    Review,
    ReviewAssignment,
)
from pazanga.grants.tests.factories import ApplicationFactory, complete_application
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def url(name, *args):  # type: ignore[no-untyped-def]
    return reverse(f"grants:{name}", args=args)


def actions(obj):  # type: ignore[no-untyped-def]
    return [entry.action for entry in timeline(obj)]


# --- the draft -----------------------------------------------------------------------


def draft_data(application, **changes):  # type: ignore[no-untyped-def]
    data = {
        "title": application.title,
        "summary": application.summary,
        "target_community": "",
        "themes": application.themes,
        "requested_total": str(application.requested_total),
        "partners-TOTAL_FORMS": "0",
        "partners-INITIAL_FORMS": "0",
        "lines-TOTAL_FORMS": "0",
        "lines-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_saving_a_draft_is_audited_with_what_changed_and_not_when_nothing_did(
    client_of, call, librarian_a, library_a, during_call
):
    application = ApplicationFactory(call=call, library=library_a, title="Senas pavadinimas")
    client = client_of(librarian_a)
    client.post(url("edit", application.pk), draft_data(application))
    assert actions(application) == []
    client.post(url("edit", application.pk), draft_data(application, title="Naujas pavadinimas"))
    application.refresh_from_db()
    assert application.title == "Naujas pavadinimas"
    entry = timeline(application).get()
    assert entry.action == "grants.application.draft_saved"
    assert entry.data == {"changed": ["application"]}
    assert entry.actor == librarian_a


def test_a_submitted_draft_is_not_saved(call, librarian_a, library_a, during_call):
    application = complete_application(call=call, library=library_a)
    services.submit_application(application, actor=librarian_a)
    with pytest.raises(Refusal) as refused:
        services.save_draft(application, [], actor=librarian_a)
    assert refused.value.code == "grants.not_editable"


# --- attachments ---------------------------------------------------------------------


def attached(application, actor):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("planas.pdf", b"%PDF-1.4\n%test\n", "application/pdf")
    return services.add_attachment(application, upload, kind="pdf", actor=actor)


def test_removing_an_attachment_from_a_draft_is_audited(
    client_of, call, librarian_a, library_a, during_call
):
    application = ApplicationFactory(call=call, library=library_a)
    attachment = attached(application, librarian_a)
    client_of(librarian_a).post(url("detach", application.pk, attachment.pk))
    assert not Attachment.objects.exists()
    assert actions(application) == [
        "grants.application.attachment_removed",
        "grants.application.attachment_added",
    ]
    removal = timeline(application).first()
    assert (removal.actor, removal.data) == (librarian_a, {"name": "planas.pdf", "kind": "pdf"})


def test_an_attachment_of_a_submitted_application_stays(
    client_of, call, librarian_a, library_a, during_call
):
    application = complete_application(call=call, library=library_a)
    attachment = attached(application, librarian_a)
    services.submit_application(application, actor=librarian_a)
    response = client_of(librarian_a).post(
        url("detach", application.pk, attachment.pk), follow=True
    )
    assert "Ši paraiška pateikta, jos keisti nebegalima." in response.content.decode()
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert "grants.application.attachment_removed" not in actions(application)


def test_another_librarys_staff_cannot_remove_an_attachment(
    client_of, call, librarian_a, librarian_b, library_a, during_call
):
    application = ApplicationFactory(call=call, library=library_a)
    attachment = attached(application, librarian_a)
    response = client_of(librarian_b).post(url("detach", application.pk, attachment.pk))
    assert response.status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


# --- the panel -----------------------------------------------------------------------


def test_staff_add_and_remove_a_panel_reviewer_audited(client_of, staff_member, call, reviewer):
    client = client_of(staff_member)
    client.post(url("panel", call.pk), {"reviewer": reviewer.pk, "themes": ["health", "youth"]})
    seat = CallReviewer.objects.get()
    assert (seat.reviewer, seat.themes) == (reviewer, ["health", "youth"])
    client.post(url("panel", call.pk), {"remove": seat.pk})
    assert not CallReviewer.objects.exists()
    assert actions(call) == ["grants.call.panel_seat_removed", "grants.call.panel_seat_added"]
    assert {entry.actor for entry in timeline(call)} == {staff_member}
    assert [e.data for e in timeline(call)] == [
        {"reviewer": reviewer.pk},
        {"reviewer": reviewer.pk, "themes": ["health", "youth"]},
    ]


def test_only_a_confirmed_reviewer_of_the_programme_joins_a_panel_once(
    call, staff_member, reviewer
):
    with pytest.raises(Refusal) as refused:
        services.add_panel_seat(call, UserFactory(), themes=[], actor=staff_member)
    assert refused.value.code == "grants.not_a_reviewer"
    services.add_panel_seat(call, reviewer, themes=[], actor=staff_member)
    with pytest.raises(Refusal) as refused:
        services.add_panel_seat(call, reviewer, themes=[], actor=staff_member)
    assert refused.value.code == "grants.already_on_panel"
    assert refused.value.message == f"{reviewer.get_full_name()} jau yra kvietimo komisijoje."
    assert CallReviewer.objects.count() == 1
    assert actions(call) == ["grants.call.panel_seat_added"]


@pytest.mark.parametrize(
    "who", sorted(["library staff", "pending reviewer", "reviewer of another programme"])
)
def test_a_panel_takes_only_confirmed_reviewers_of_its_programme(who, call, staff_member):
    from pazanga.programme.enums import AssignmentStatus, ProgrammeStatus
    from pazanga.programme.tests.factories import ProgrammeFactory, RoleAssignmentFactory

    person = UserFactory()
    role, status, programme = Role.REVIEWER, AssignmentStatus.CONFIRMED, call.programme
    organisation = None
    if who == "library staff":
        role, organisation = Role.LIBRARY_STAFF, LibraryFactory()
    elif who == "pending reviewer":
        status = AssignmentStatus.PENDING
    else:
        programme = ProgrammeFactory(code="kita", status=ProgrammeStatus.PAST)
    RoleAssignmentFactory(
        user=person, role=role, status=status, programme=programme, organisation=organisation
    )
    with pytest.raises(Refusal) as refused:
        services.add_panel_seat(call, person, themes=[], actor=staff_member)
    assert refused.value.code == "grants.not_a_reviewer"
    assert not CallReviewer.objects.exists()


def test_a_seat_of_another_call_is_not_removed(client_of, staff_member, call, reviewer):
    from pazanga.grants.tests.factories import CallFactory

    other = CallFactory(programme=call.programme, code="KITAS")
    seat = CallReviewer.objects.create(call=other, reviewer=reviewer)
    response = client_of(staff_member).post(url("panel", call.pk), {"remove": seat.pk})
    assert response.status_code == 404
    assert CallReviewer.objects.filter(pk=seat.pk).exists()


# --- eligibility twice ---------------------------------------------------------------


def test_deciding_eligibility_twice_is_a_conflict_not_a_forbidden_page(
    client_of, staff_member, call, librarian_a, library_a, during_call
):
    application = complete_application(call=call, library=library_a)
    services.submit_application(application, actor=librarian_a)
    client = client_of(staff_member)
    first = client.post(url("decide_eligibility", application.pk), {"eligible": "yes"})
    assert first.status_code == 302
    second = client.post(url("decide_eligibility", application.pk), {"eligible": "yes"})
    assert second.status_code == 200
    assert "Galbūt kas nors tai jau pakeitė" in second.content.decode()
    application.refresh_from_db()
    assert application.status == S.ELIGIBLE


# --- review reminders ----------------------------------------------------------------

DEADLINE = datetime(2015, 4, 30, 14, 0, tzinfo=UTC)


@pytest.fixture
def in_review(call, panel):  # type: ignore[no-untyped-def]
    call.review_deadline = DEADLINE
    call.save()
    applications = []
    for number in (1, 2):
        application = ApplicationFactory(
            call=call,
            library=LibraryFactory(),
            status=S.IN_REVIEW,
            number=number,
            reference=f"BP2-2015-00{number}",
        )
        for seat in panel[:2]:
            ReviewAssignment.objects.create(
                application=application, reviewer=seat.reviewer, source="solver"
            )
        applications.append(application)
    return applications


def remind(at, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with (
        time_machine.travel(at, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        return services.send_review_reminders()


def test_reviewers_are_reminded_once_a_day_of_reviews_due_within_three_days(
    call, panel, in_review, django_capture_on_commit_callbacks
):
    vida, petras = panel[0].reviewer, panel[1].reviewer
    petras.preferred_language = "en"
    petras.save()
    Review.objects.create(
        assignment=ReviewAssignment.objects.get(application=in_review[0], reviewer=petras),
        status=ReviewStatus.SUBMITTED,
    )
    assert remind(DEADLINE - timedelta(days=3, minutes=1), django_capture_on_commit_callbacks) == 0
    sent_at = DEADLINE - timedelta(days=2)
    assert remind(sent_at, django_capture_on_commit_callbacks) == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    assert by_person[vida.email].subject == "Priminimas: artėja vertinimų terminas (BP2-2015)"
    assert "dar nepateikti 2 vertinimai" in by_person[vida.email].body
    assert by_person[petras.email].subject == "Reminder: reviews due in BP2-2015"
    assert "1 review in the call" in by_person[petras.email].body
    reminded = ReviewAssignment.objects.exclude(reminded_at=None)
    assert reminded.count() == 3 and {a.reminded_at for a in reminded} == {sent_at}
    entry = AuditEntry.objects.get(action="grants.call.review_reminders_sent")
    assert entry.data["reviewers"] == sorted([vida.pk, petras.pk])
    assert remind(sent_at + timedelta(hours=23), django_capture_on_commit_callbacks) == 0
    assert remind(sent_at + timedelta(hours=25), django_capture_on_commit_callbacks) == 2
    assert len(mail.outbox) == 4
    ReviewAssignment.objects.update(reminded_at=None)
    assert remind(DEADLINE, django_capture_on_commit_callbacks) == 0
    assert remind(DEADLINE + timedelta(days=1), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 4


def test_no_reminder_once_the_application_left_review(
    call, panel, in_review, django_capture_on_commit_callbacks
):
    Application.objects.filter(pk=in_review[0].pk).update(status=S.WITHDRAWN)
    Application.objects.filter(pk=in_review[1].pk).update(status=S.REVIEWED)
    assert remind(DEADLINE - timedelta(days=1), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_the_command_sends_the_reminders(call, panel, in_review, capsys):
    from django.core.management import call_command

    with time_machine.travel(DEADLINE - timedelta(days=1), tick=False):
        call_command("send_review_reminders")
    assert "2" in capsys.readouterr().out
    assert ReviewAssignment.objects.exclude(reminded_at=None).count() == 4


# --- withdrawal ----------------------------------------------------------------------


def test_a_withdrawal_is_audited_with_who_and_why(call, librarian_a, library_a, during_call):
    application = ApplicationFactory(call=call, library=library_a)
    services.withdraw_application(application, actor=librarian_a, reason="Keičiasi planai.")
    entry = timeline(application).get()
    assert (entry.action, entry.actor, entry.data["note"]) == (
        "grants.application.withdrawn",
        librarian_a,
        "Keičiasi planai.",
    )
    other = ApplicationFactory(call=call)
    services.withdraw_application(other, actor=librarian_a)
    assert timeline(other).get().data["note"] == ""


def test_panel_candidates_are_the_programmes_confirmed_reviewers_off_the_panel(
    call, reviewer, django_assert_num_queries
):
    from pazanga.programme.enums import AssignmentStatus
    from pazanga.programme.tests.factories import RoleAssignmentFactory

    seated = person_with_role(Role.REVIEWER, email="sedi@example.org")
    CallReviewer.objects.create(call=call, reviewer=seated)
    pending, librarian = UserFactory(), UserFactory()
    RoleAssignmentFactory(user=pending, role=Role.REVIEWER, status=AssignmentStatus.PENDING)
    RoleAssignmentFactory(user=librarian, role=Role.LIBRARY_STAFF, organisation=LibraryFactory())
    reviewer.organisation = LibraryFactory(name="Ekspertų biuras")
    reviewer.save()
    with django_assert_num_queries(1):
        candidates = [(person, person.organisation) for person in services.panel_candidates(call)]
    assert candidates == [(reviewer, reviewer.organisation)]


# --- conflicts declared by a reviewer -------------------------------------------------


def test_a_reviewer_declares_a_conflict_and_leaves_the_application(
    client_of, call, reviewer, panel
):
    application = ApplicationFactory(call=call, status=S.IN_REVIEW, reference="BP2-2015-003")
    other = ApplicationFactory(call=call, status=S.IN_REVIEW, reference="BP2-2015-004")
    mine = ReviewAssignment.objects.create(application=application, reviewer=reviewer, source="s")
    kept = ReviewAssignment.objects.create(application=other, reviewer=reviewer, source="s")
    colleague = ReviewAssignment.objects.create(
        application=application, reviewer=panel[1].reviewer, source="s"
    )
    response = client_of(reviewer).post(
        url("declare_conflict", application.pk), {"note": "Vadovė – mano sesuo."}
    )
    assert response.status_code == 302
    conflict = application.conflicts.get()
    assert (conflict.reviewer, conflict.source, conflict.note) == (
        reviewer,
        "declared",
        "Vadovė – mano sesuo.",
    )
    remaining = set(ReviewAssignment.objects.values_list("pk", flat=True))
    assert remaining == {kept.pk, colleague.pk} and mine.pk not in remaining
    entry = timeline(application).get()
    assert (entry.action, entry.actor, entry.data) == (
        "grants.application.conflict_declared",
        reviewer,
        {"note": "Vadovė – mano sesuo."},
    )


def test_a_declared_conflict_removes_that_one_assignment(call, reviewer, panel):
    """Petras declares a conflict with the second application: neither his own assignment
    to the first one nor Vida's to the second (both made earlier) is touched."""
    petras = panel[1].reviewer
    first = ApplicationFactory(call=call, status=S.IN_REVIEW)
    second = ApplicationFactory(call=call, status=S.IN_REVIEW)
    his_other = ReviewAssignment.objects.create(application=first, reviewer=petras)
    hers = ReviewAssignment.objects.create(application=second, reviewer=reviewer)
    his = ReviewAssignment.objects.create(application=second, reviewer=petras)
    services.declare_conflict(second, reviewer=petras, note="Partneris – mano įmonė.")
    remaining = set(ReviewAssignment.objects.values_list("pk", flat=True))
    assert remaining == {his_other.pk, hers.pk} and his.pk not in remaining


def test_a_conflict_declared_after_submitting_keeps_the_review(call, reviewer):
    application = ApplicationFactory(call=call, status=S.REVIEWED)
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=reviewer, source="s"
    )
    Review.objects.create(assignment=assignment, status=ReviewStatus.SUBMITTED)
    services.declare_conflict(application, reviewer=reviewer, note="Vėliau paaiškėjo.")
    assert ReviewAssignment.objects.filter(pk=assignment.pk).exists()
    assert application.conflicts.get().note == "Vėliau paaiškėjo."


# --- what an attachment records --------------------------------------------------------


def test_an_attachment_records_its_name_size_kind_and_who_uploaded_it(
    call, librarian_a, library_a, during_call
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    application = ApplicationFactory(call=call, library=library_a)
    long_name = "a" * 300 + ".pdf"
    upload = SimpleUploadedFile(long_name, b"%PDF-1.4\n%test\n", "application/pdf")
    attachment = services.add_attachment(application, upload, kind="pdf", actor=librarian_a)
    attachment.refresh_from_db()
    assert attachment.original_name == upload.name and len(upload.name) == 255
    assert (attachment.size, attachment.kind, attachment.uploaded_by) == (15, "pdf", librarian_a)
    empty = SimpleUploadedFile("tuscias.pdf", b"", "application/pdf")
    nothing = services.add_attachment(application, empty, kind="pdf", actor=librarian_a)
    assert (nothing.original_name, nothing.size) == ("tuscias.pdf", 0)
    entry = timeline(application).first()
    assert (entry.actor, entry.data) == (librarian_a, {"name": "tuscias.pdf", "kind": "pdf"})
