import io
from decimal import Decimal

import pytest
from django.core import mail
from openpyxl import load_workbook

from pazanga.directory.enums import OrganisationKind
from pazanga.directory.tests.factories import LibraryFactory, OrganisationFactory
from pazanga.grants import services
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.models import Application, BudgetLine, ReviewAssignment
from pazanga.grants.tests.factories import (
    ApplicationFactory,
    complete_application,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def url(name, *args):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    return reverse(f"grants:{name}", args=args)


def test_open_calls_are_public(client, call):
    page = client.get(url("calls")).content.decode()
    assert "Bendruomenių projektai 2015" in page


def test_a_librarian_starts_edits_and_submits_through_the_pages(
    client_of, call, librarian_a, library_a, during_call, django_capture_on_commit_callbacks
):
    client = client_of(librarian_a)
    response = client.post(
        url("apply", call.pk), {"library": library_a.pk, "title": "Senjorai internete"}
    )
    application = Application.objects.get()
    assert response.url == url("edit", application.pk)
    partner = OrganisationFactory(kind=OrganisationKind.BUSINESS)
    data = {
        "title": "Senjorai internete",
        "summary": "Kursai",
        "target_community": "Senjorai",
        "themes": ["seniors"],
        "requested_total": "5000",
        "partners-TOTAL_FORMS": "1",
        "partners-INITIAL_FORMS": "0",
        "partners-0-organisation": partner.pk,
        "partners-0-role": "co_funder",
        "partners-0-contribution": "Patalpos",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-category": "equipment",
        "lines-0-description": "Planšetės",
        "lines-0-requested": "5000",
        "lines-0-co_financing": "1000",
    }
    saved = client.post(url("edit", application.pk), data, HTTP_HX_REQUEST="true")
    assert "Išsaugota" in saved.content.decode() or "Saved" in saved.content.decode()
    assert BudgetLine.objects.get().requested == Decimal(5000)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("submit", application.pk))
        second = client.post(url("submit", application.pk))
    application.refresh_from_db()
    assert application.reference == "BP2-2015-001"
    assert second.status_code == 302  # the double click lands on the application page
    assert len(mail.outbox) == 1
    page = client.get(url("application", application.pk)).content.decode()
    assert "BP2-2015-001" in page and "Planšetės" in page


def test_an_executable_renamed_to_pdf_is_refused(
    client_of, call, librarian_a, library_a, during_call
):
    application = ApplicationFactory(call=call, library=library_a)
    fake = io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200)
    fake.name = "biudzetas.pdf"
    response = client_of(librarian_a).post(
        url("attach", application.pk), {"file": fake}, follow=True
    )
    assert "Šio failo turinys nėra PDF" in response.content.decode()
    assert not application.attachments.exists()


def test_a_real_pdf_is_attached(client_of, call, librarian_a, library_a, during_call):
    application = ApplicationFactory(call=call, library=library_a)
    pdf = io.BytesIO(b"%PDF-1.4\n%test\n")
    pdf.name = "planas.pdf"
    client_of(librarian_a).post(url("attach", application.pk), {"file": pdf})
    assert application.attachments.get().kind == "pdf"


def test_other_libraries_and_outsiders_cannot_see_an_application(
    client_of, call, librarian_b, outsider, library_a
):
    application = ApplicationFactory(call=call, library=library_a)
    assert client_of(librarian_b).get(url("application", application.pk)).status_code == 404
    assert client_of(librarian_b).get(url("edit", application.pk)).status_code == 404
    assert client_of(outsider).get(url("application", application.pk)).status_code == 404
    assert client_of(outsider).get(url("edit", application.pk)).status_code == 403


@pytest.mark.parametrize(
    "name",
    sorted(
        ["applications", "eligibility", "conflicts", "assignment", "ranking", "decision", "panel"]
    ),
)
def test_outsiders_are_kept_out_of_staff_screens(name, client_of, outsider, call):
    assert client_of(outsider).get(url(name, call.pk)).status_code == 403


def test_a_reviewer_opening_an_application_not_assigned_to_them_gets_404(
    client_of, reviewer, call, library_a
):
    application = ApplicationFactory(call=call, library=library_a, status=S.IN_REVIEW)
    assert client_of(reviewer).get(url("review", application.pk)).status_code == 404
    assert client_of(reviewer).get(url("application", application.pk)).status_code == 404


def test_a_reviewer_scores_the_submitted_version(
    client_of, call, librarian_a, library_a, staff_member, panel, during_call
):
    application = complete_application(call=call, library=library_a)
    services.submit_application(application, actor=librarian_a)
    services.decide_eligibility(application, eligible=True, actor=staff_member)
    services.assign_reviewers(call, actor=staff_member)
    # A later change to the live rows does not reach the reviewer.
    Application.objects.filter(pk=application.pk).update(title="Pakeista")
    assignment = ReviewAssignment.objects.select_related("reviewer").first()
    client = client_of(assignment.reviewer)
    page = client.get(url("review", application.pk)).content.decode()
    assert application.title in page and "Pakeista" not in page
    criteria = list(call.criteria.all())
    client.post(
        url("review", application.pk),
        {
            f"score_{criteria[0].pk}": "8",
            f"score_{criteria[1].pk}": "4",
            "recommendation": "fund",
            "comment": "Gerai",
            "submit": "1",
        },
    )
    assignment.refresh_from_db()
    assert assignment.review.total == Decimal("80.00")


def test_staff_export_applications_as_csv_and_xlsx(client_of, staff_member, call, library_a):
    ApplicationFactory(
        call=call, library=library_a, status=S.SUBMITTED, reference="BP2-2015-001", number=1
    )
    client = client_of(staff_member)
    csv_text = client.get(url("applications", call.pk), {"export": "csv"}).content.decode(
        "utf-8-sig"
    )
    assert "BP2-2015-001" in csv_text.splitlines()[1]
    xlsx = client.get(url("applications", call.pk), {"export": "xlsx"}).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet["A2"].value == "BP2-2015-001"


def test_awarded_grants_are_public(client, call, library_a):
    ApplicationFactory(
        call=call,
        library=library_a,
        status=S.AWARDED,
        awarded_amount=Decimal(4000),
        title="Kino klubas",
    )
    page = client.get(url("awarded")).content.decode()
    assert "Kino klubas" in page and "4\xa0000,00\xa0EUR" in page


def decision_post(call, awarded, reserve):  # type: ignore[no-untyped-def]
    """The decision form as the committee posts it: `awarded` funded in full."""
    count = str(len(awarded) + len(reserve))
    data = {"o-TOTAL_FORMS": count, "o-INITIAL_FORMS": count}
    for index, (application, outcome) in enumerate(
        [*((a, S.AWARDED) for a in awarded), *((a, S.RESERVE) for a in reserve)]
    ):
        data[f"o-{index}-application"] = str(application.pk)
        data[f"o-{index}-outcome"] = outcome
        data[f"o-{index}-amount"] = str(application.requested_total) if outcome == S.AWARDED else ""
        data[f"o-{index}-reason"] = ""
    data["note"] = "Posėdžio protokolas Nr. 3"
    return data


def test_the_committee_records_a_decision_once_however_often_the_form_is_posted(
    client_of, committee_member, call, panel
):
    from pazanga.common.models import AuditEntry
    from pazanga.grants.models import Decision

    call.budget = Decimal(6000)
    call.save()
    reviewers = [seat.reviewer for seat in panel]
    for number in (1, 2):
        reviewed_with_scores(call, reviewers, number)
    first, second = Application.objects.order_by("number")
    client = client_of(committee_member)
    page = client.get(url("decision", call.pk)).content.decode()
    assert "BP2-2015-001" in page and "BP2-2015-002" in page
    data = decision_post(call, [first], [second])
    response = client.post(url("decision", call.pk), data)
    assert response.status_code == 302, response.content.decode()
    again = client.post(url("decision", call.pk), data, follow=True)
    decision = Decision.objects.get()
    assert decision.total_awarded == Decimal(5000)
    assert [o["reference"] for o in decision.outcomes] == ["BP2-2015-001", "BP2-2015-002"]
    assert AuditEntry.objects.filter(action="grants.call.decided").count() == 1
    assert dict(Application.objects.values_list("reference", "status")) == {
        "BP2-2015-001": S.AWARDED,
        "BP2-2015-002": S.RESERVE,
    }
    text = again.content.decode()
    assert "BP2-2015-001" in text and "jau priimtas sprendimas" in text


def reviewed_with_scores(call, reviewers, number):  # type: ignore[no-untyped-def]
    from pazanga.grants.models import CriterionScore, Review

    application = ApplicationFactory(
        call=call,
        library=LibraryFactory(),
        status=S.REVIEWED,
        number=number,
        reference=f"BP2-2015-{number:03d}",
    )
    for reviewer in reviewers:
        assignment = ReviewAssignment.objects.create(
            application=application, reviewer=reviewer, source="solver"
        )
        review = Review.objects.create(assignment=assignment, status="submitted", total=50)
        for criterion in call.criteria.all():
            CriterionScore.objects.create(review=review, criterion=criterion, score=5)
