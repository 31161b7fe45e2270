"""History is kept: a person or library with enrolments, completions, roles or audit
entries cannot be deleted (the rows that are evidence protect them), only deactivated;
an erasure request anonymises the person everywhere and keeps every record."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from pazanga.common.audit import log_action
from pazanga.common.erasure import erase_person
from pazanga.common.models import AuditEntry
from pazanga.directory.erasure import has_history
from pazanga.directory.models import User
from pazanga.directory.tests.factories import UserFactory
from pazanga.events.models import Registration
from pazanga.programme.models import RoleAssignment
from pazanga.training import services
from pazanga.training.models import Completion, Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(session, colleague_a, staff_member, modules):
    """Jūratė enrolled (a registration), completed a module, holds a role and acted."""
    enrolment = services.enrol(session, colleague_a, actor=colleague_a)
    Completion.objects.create(
        person=colleague_a,
        module=next(iter(modules.values())),
        enrolment=enrolment,
        completed_at=timezone.now(),
    )
    log_action(enrolment, "training.enrolment.applied", actor=colleague_a)
    return enrolment


def counts():  # type: ignore[no-untyped-def]
    return (
        Enrolment.objects.count(),
        Completion.objects.count(),
        RoleAssignment.objects.count(),
        Registration.objects.count(),
        AuditEntry.objects.exclude(action="directory.user.erased").count(),
    )


def test_a_person_with_history_cannot_be_deleted(history, colleague_a):
    before = counts()
    assert has_history(colleague_a)
    with pytest.raises(ProtectedError):
        colleague_a.delete()
    assert counts() == before


def test_a_library_with_enrolments_cannot_be_deleted(history, library_a):
    assert has_history(library_a)
    with pytest.raises(ProtectedError):
        library_a.delete()


def test_a_person_without_history_can_still_be_deleted(db):
    person = UserFactory(email="niekas@example.org")
    assert not has_history(person)
    person.delete()
    assert not User.objects.filter(email="niekas@example.org").exists()


def test_erasure_anonymises_the_person_and_keeps_every_record(history, colleague_a):
    colleague_a.set_password("a long enough password 1")
    colleague_a.save()
    registration = history.registration
    before = counts()
    result = erase_person(colleague_a, actor=None)

    colleague_a.refresh_from_db()
    assert (colleague_a.first_name, colleague_a.last_name) == ("", "")
    assert colleague_a.email.endswith("@anonymised.invalid") and not colleague_a.is_active
    assert authenticate(email="jurate@alytus.example", password="a long enough password 1") is None
    registration.refresh_from_db()
    assert registration.first_name == "" and "jurate" not in registration.email
    assert registration.anonymised_at is not None
    assert result["event registrations"] == 1 and result["accounts"] == 1
    assert counts() == before  # enrolment, completion, role, registration, audit: all kept
    assert Enrolment.objects.get(pk=history.pk).person_id == colleague_a.pk
    entry = AuditEntry.objects.get(action="directory.user.erased")
    assert "Jūratė" not in str(entry.data) and "jurate" not in str(entry.data)
    # A second request finds nothing more to anonymise.
    assert erase_person(colleague_a)["event registrations"] == 0


def test_the_command_erases_by_e_mail_address(history, colleague_a, capsys):
    call_command("erase_personal_data", "jurate@alytus.example", "--yes")
    colleague_a.refresh_from_db()
    assert colleague_a.email.endswith("@anonymised.invalid")
    assert "erased account" in capsys.readouterr().out


def test_the_admin_deactivates_and_never_deletes_a_person_with_history(
    client, history, colleague_a
):
    admin = UserFactory(email="admin@lnb.example", is_staff=True, is_superuser=True)
    client.force_login(admin)
    delete_page = reverse("admin:directory_user_delete", args=[colleague_a.pk])
    assert client.get(delete_page).status_code == 403
    assert client.post(delete_page, {"post": "yes"}).status_code == 403
    answer = client.post(
        reverse("admin:directory_user_changelist"),
        {"action": "deactivate_selected", "_selected_action": [colleague_a.pk]},
    )
    assert answer.status_code == 302
    colleague_a.refresh_from_db()
    assert not colleague_a.is_active and User.objects.filter(pk=colleague_a.pk).exists()
    enrolment_delete = reverse("admin:training_enrolment_delete", args=[history.pk])
    assert client.get(enrolment_delete).status_code == 403
