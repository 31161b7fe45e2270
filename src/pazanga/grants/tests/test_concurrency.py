"""Real row locks: reference numbers under concurrent submissions (PostgreSQL only)."""

import threading

import pytest
import time_machine
from django.db import connection

from pazanga.common.refusals import Refusal
from pazanga.directory.tests.factories import LibraryFactory
from pazanga.grants import services
from pazanga.grants.models import Application
from pazanga.grants.tests.factories import CLOSES, CallFactory, complete_application
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; row locks are only meaningful on PostgreSQL")


def submit_all(applications, actor):  # type: ignore[no-untyped-def]
    errors = []

    def submit(application):  # type: ignore[no-untyped-def]
        try:
            services.submit_application(application, actor=actor)
        except Refusal as refused:
            errors.append(refused)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_unique_gap_free_numbers(postgres_only):
    call = CallFactory()
    actor = person_with_role(
        Role.LIBRARY_STAFF, email="lygiagretus@example.org", organisation=LibraryFactory()
    )
    applications = [complete_application(call=call, library=LibraryFactory()) for _ in range(6)]
    with time_machine.travel(CLOSES.replace(day=20), tick=False):
        errors = submit_all(applications, actor)
    assert errors == []
    numbers = sorted(Application.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_submit_racing_itself_gets_one_number(postgres_only):
    call = CallFactory()
    actor = person_with_role(
        Role.LIBRARY_STAFF, email="dukart@example.org", organisation=LibraryFactory()
    )
    application = complete_application(call=call, library=LibraryFactory())
    with time_machine.travel(CLOSES.replace(day=20), tick=False):
        errors = submit_all([application, Application.objects.get(pk=application.pk)], actor)
    assert len(errors) == 1 and errors[0].code == "grants.already_submitted"
    call.refresh_from_db()
    assert call.last_number == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_members_recording_the_same_decision_at_once_record_it_once(postgres_only):
    from pazanga.grants.enums import ApplicationStatus
    from pazanga.grants.models import Decision

    call = CallFactory()
    member = person_with_role(Role.COMMITTEE_MEMBER, email="komisija@example.org")
    application = complete_application(
        call=call, library=LibraryFactory(), status=ApplicationStatus.REVIEWED, number=1
    )
    outcome = services.Outcome(application.pk, ApplicationStatus.RESERVE, None, "Laukia")
    errors = []

    def decide():  # type: ignore[no-untyped-def]
        try:
            services.record_decision(call, [outcome], note="", actor=member)
        except Refusal as refused:
            errors.append(refused)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(errors) == 1
    assert Decision.objects.count() == 1
