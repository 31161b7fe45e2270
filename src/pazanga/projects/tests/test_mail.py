"""E-mail at every step, each in its recipient's language."""

from datetime import date

import pytest
from django.core import mail

from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.projects import services
from pazanga.projects.enums import ReportKind
from pazanga.projects.tests.factories import signed, with_targets, write_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def john(library_a):
    """A second librarian of library A who reads English."""
    return person_with_role(
        Role.LIBRARY_STAFF,
        email="john@alytus.example",
        organisation=library_a,
        first_name="John",
        preferred_language="en",
    )


def to(address: str):  # type: ignore[no-untyped-def]
    return [m for m in mail.outbox if m.to == [address]]


def test_signing_and_suspending_are_told_to_the_library(
    grant, staff_member, librarian_a, john, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with_targets(grant)
        services.sign_agreement(grant, signed_on=date(2015, 6, 10), actor=staff_member)
    [lithuanian] = to("ona@alytus.example")
    [english] = to(john.email)
    assert lithuanian.subject == "Projektas BP2-2015-001: vykdomas"
    assert "sutartis pasirašyta (2015 m. birželio 10 d.)" in lithuanian.body
    assert english.subject == "Project BP2-2015-001: under way"
    assert "is signed (10 June 2015): the project is under way" in english.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.suspend_grant(grant, reason="Remontas", actor=staff_member)
    assert "Priežastis: Remontas" in to("ona@alytus.example")[0].body
    assert "Reason: Remontas" in to(john.email)[0].body
    assert "no payments are made until it resumes" in to(john.email)[0].body


def test_staff_hear_of_a_report_and_the_library_of_the_decision(
    grant, staff_member, librarian_a, john, django_capture_on_commit_callbacks
):
    signed(grant, staff_member)
    report = grant.reports.get(kind=ReportKind.INTERIM)
    write_report(report, librarian_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_report(report, actor=librarian_a)
    [to_staff] = to("rasa@lnb.example")
    assert to_staff.subject == "Projektas BP2-2015-001: pateikta tarpinė ataskaita"
    assert "(1 versija)" in to_staff.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_report(report, approve=True, comments={}, actor=staff_member)
    assert to(john.email)[0].subject == "Project BP2-2015-001: interim report approved"
    assert "The payment that waited for it is now due." in to(john.email)[0].body
    assert to("rasa@lnb.example") == []


def test_the_library_hears_of_a_decision_on_its_amendment(
    grant, staff_member, librarian_a, john, django_capture_on_commit_callbacks
):
    signed(grant, staff_member)
    amendment = services.request_extension(
        grant, new_end=date(2016, 8, 31), reason="Vėluoja", actor=librarian_a, by_staff=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_amendment(amendment, actor=staff_member, note="Per vėlu")
    english = to(john.email)[0]
    assert english.subject == "Project BP2-2015-001: amendment refused"
    assert "Reason: Per vėlu" in english.body
    assert (
        to("ona@alytus.example")[0].subject
        == "Projektas BP2-2015-001: sutarties pakeitimas atmestas"
    )
