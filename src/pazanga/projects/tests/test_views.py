"""The pages at work: the agreement, payments, a report returned and approved, amendments,
visits, and every bad input of the issue with its outcome (a message, nothing lost)."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from pazanga.projects.enums import GrantStatus, ReportKind, ReportStatus, TrancheStatus
from pazanga.projects.models import Indicator
from pazanga.projects.tests.factories import NARRATIVE, approved, signed, write_report

pytestmark = pytest.mark.django_db
G, T, R = GrantStatus, TrancheStatus, ReportStatus
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


# --- agreement -----------------------------------------------------------------------------


def test_staff_set_targets_and_record_the_signature(client_of, staff_member, grant):
    client = client_of(staff_member)
    trained, events = (
        Indicator.objects.get(code="people_trained"),
        Indicator.objects.get(code="events"),
    )
    response = client.post(
        f"/lt/projects/grants/{grant.pk}/targets/",
        {f"target-{trained.pk}": "120", f"target-{events.pk}": "12"},
    )
    assert response.status_code == 302
    assert dict(grant.targets.values_list("indicator__code", "target")) == {
        "people_trained": Decimal(120),
        "events": Decimal(12),
    }
    response = client.post(f"/lt/projects/grants/{grant.pk}/sign/", {"signed_on": "2015-06-10"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert (grant.status, grant.signed_on) == (G.ACTIVE, date(2015, 6, 10))
    page = text_of(client.get(f"/lt/projects/grants/{grant.pk}/"))
    assert "Sutartis pasirašyta; projektas pradėtas vykdyti." in page
    assert "Patvirtinti mokėti" in page  # the first payment is due


def test_a_negative_or_wordy_target_is_refused_and_kept(client_of, staff_member, grant):
    trained = Indicator.objects.get(code="people_trained")
    response = client_of(staff_member).post(
        f"/en/projects/grants/{grant.pk}/targets/", {f"target-{trained.pk}": "-5"}
    )
    assert response.status_code == 200
    page = text_of(response)
    assert "Ensure this value is greater than or equal to 0." in page
    assert 'value="-5"' in page
    assert not grant.targets.exists()


def test_signing_without_targets_says_why_and_keeps_the_date(client_of, staff_member, grant):
    response = client_of(staff_member).post(
        f"/en/projects/grants/{grant.pk}/sign/", {"signed_on": "2015-06-10"}
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "Set the indicator targets first" in page
    assert 'value="2015-06-10"' in page
    grant.refresh_from_db()
    assert grant.status == G.AGREEMENT


def test_the_library_signs_by_uploading_the_pdf_and_a_fake_is_refused(
    client_of, librarian_a, grant
):
    from pazanga.projects.tests.factories import with_targets

    with_targets(grant)
    client = client_of(librarian_a)
    fake = SimpleUploadedFile("sutartis.pdf", b"GIF89a not a pdf")
    response = client.post(
        f"/en/projects/grants/{grant.pk}/sign/", {"signed_on": "2015-06-10", "signed_copy": fake}
    )
    assert response.status_code == 400
    assert "This file&#x27;s content is not PDF" in text_of(response)
    grant.refresh_from_db()
    assert grant.status == G.AGREEMENT
    real = SimpleUploadedFile("sutartis.pdf", PDF)
    client.post(
        f"/en/projects/grants/{grant.pk}/sign/", {"signed_on": "2015-06-10", "signed_copy": real}
    )
    grant.refresh_from_db()
    assert (grant.status, grant.signed_copy_name) == (G.ACTIVE, "sutartis.pdf")
    download = client.get(f"/en/projects/grants/{grant.pk}/signed.pdf")
    assert b"".join(download.streaming_content) == PDF


# --- payments ------------------------------------------------------------------------------


def test_staff_approve_and_pay_and_a_second_click_is_a_conflict(
    client_of, staff_member, librarian_a, grant, django_capture_on_commit_callbacks
):
    signed(grant, staff_member)
    tranche = grant.tranches.get(position=1)
    client = client_of(staff_member)
    assert client.post(f"/en/projects/tranches/{tranche.pk}/approve/").status_code == 302
    payment = {"paid_on": "2015-06-20", "payment_reference": "MP-2015-117"}
    with django_capture_on_commit_callbacks(execute=True):
        paid = client.post(f"/en/projects/tranches/{tranche.pk}/pay/", payment)
    assert paid.status_code == 302
    again = client.post(
        f"/en/projects/tranches/{tranche.pk}/pay/", {**payment, "payment_reference": "MP-2"}
    )
    assert again.status_code == 409
    assert "This cannot be done now" in text_of(again)
    tranche.refresh_from_db()
    assert (tranche.status, tranche.payment_reference) == (T.PAID, "MP-2015-117")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ona@alytus.example"]
    assert message.subject == "Projektas BP2-2015-001: mokėjimas atliktas"
    assert "6\u00a0000,00\u00a0EUR" in message.body


def test_a_payment_without_a_reference_keeps_what_was_typed(client_of, staff_member, grant):
    signed(grant, staff_member)
    tranche = grant.tranches.get(position=1)
    client = client_of(staff_member)
    client.post(f"/en/projects/tranches/{tranche.pk}/approve/")
    response = client.post(
        f"/en/projects/tranches/{tranche.pk}/pay/",
        {"paid_on": "2015-06-20", "payment_reference": ""},
    )
    assert response.status_code == 409
    page = text_of(response)
    assert "Give the payment&#x27;s reference" in page or "This field is required." in page
    assert 'value="2015-06-20"' in page
    tranche.refresh_from_db()
    assert tranche.status == T.APPROVED


def test_the_payment_list_for_the_accountant(client_of, staff_member, grant):
    signed(grant, staff_member)
    client = client_of(staff_member)
    tranche = grant.tranches.get(position=1)
    client.post(f"/en/projects/tranches/{tranche.pk}/approve/")
    response = client.get("/en/projects/manage/payments/?export=xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Reference", "Library", "Registry code")
    assert rows[1][0] == "BP2-2015-001"
    assert rows[1][5:10] == (6000, "EUR", 6000, "EUR", "approved for payment")


# --- reports -------------------------------------------------------------------------------


def report_post(report, **changes):  # type: ignore[no-untyped-def]
    lines = list(report.grant.budget_lines.all())
    trained = Indicator.objects.get(code="people_trained")
    events = Indicator.objects.get(code="events")
    data = {f"q-{name}": text for name, text in NARRATIVE.items()}
    data |= {
        f"line-{lines[0].pk}": "3000",
        f"line-{lines[1].pk}": "1000",
        "co_financing_received": "800",
        f"value-{trained.pk}": "40",
        f"part-{trained.pk}-sex-female": "30",
        f"part-{trained.pk}-sex-male": "10",
        f"part-{trained.pk}-age_group-60_plus": "40",
        f"part-{trained.pk}-field-ict": "40",
        f"value-{events.pk}": "6",
    }
    data.update(changes)
    return data


def test_expenditure_above_a_line_is_refused_and_everything_typed_stays(
    client_of, staff_member, librarian_a, grant
):
    signed(grant, staff_member)
    report = grant.reports.get(kind=ReportKind.INTERIM)
    first = grant.budget_lines.order_by("position").first()
    response = client_of(librarian_a).post(
        f"/en/projects/reports/{report.pk}/edit/",
        report_post(report, **{f"line-{first.pk}": "6500"}),
    )
    assert response.status_code == 400
    page = text_of(response)
    assert "The expenditure is above what a budget line holds." in page
    assert "“Eilutė 1”: 6,500.00\u00a0EUR spent, but only 6,000.00\u00a0EUR is left" in page
    assert 'value="6500"' in page
    assert NARRATIVE["activities"] in page
    assert not report.expenses.exists()
    assert not report.values.exists()


@pytest.mark.parametrize("typed", ["-3", "daug", "1e999"])
def test_negative_or_non_numeric_values_are_refused_at_their_field(
    client_of, staff_member, librarian_a, grant, typed
):
    signed(grant, staff_member)
    report = grant.reports.get(kind=ReportKind.INTERIM)
    events = Indicator.objects.get(code="events")
    response = client_of(librarian_a).post(
        f"/lt/projects/reports/{report.pk}/edit/",
        report_post(report, **{f"value-{events.pk}": typed}),
    )
    assert response.status_code == 400
    page = text_of(response)
    assert f'value="{typed}"' in page
    assert "Kai kuriuos įrašus reikia pataisyti; kol kas niekas neišsaugota." in page
    assert not report.values.exists()


def test_a_receipt_that_is_not_a_pdf_or_image_is_refused(
    client_of, staff_member, librarian_a, grant
):
    signed(grant, staff_member)
    report = grant.reports.get(kind=ReportKind.INTERIM)
    client = client_of(librarian_a)
    response = client.post(
        f"/en/projects/reports/{report.pk}/receipts/",
        {"file": SimpleUploadedFile("saskaita.pdf", b"PK\x03\x04 a zip pretending")},
        follow=True,
    )
    assert "This file&#x27;s content is not PDF, PNG, JPEG" in text_of(response)
    assert not report.receipts.exists()
    client.post(
        f"/en/projects/reports/{report.pk}/receipts/",
        {"file": SimpleUploadedFile("saskaita.pdf", PDF)},
    )
    assert report.receipts.get().original_name == "saskaita.pdf"


def test_a_report_returned_then_approved_releases_its_tranche(
    client_of, staff_member, librarian_a, grant, django_capture_on_commit_callbacks
):
    """The issue's journey: an interim report returned, corrected, approved; the tranche due."""
    signed(grant, staff_member)
    report = grant.reports.get(kind=ReportKind.INTERIM)
    library = client_of(librarian_a)
    response = library.post(
        f"/lt/projects/reports/{report.pk}/edit/", {**report_post(report), "submit": "1"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == R.SUBMITTED
    staff = client_of(staff_member)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            f"/lt/projects/reports/{report.pk}/review/",
            {"decision": "return", "comment-financial": "Pridėkite sąskaitas faktūras."},
        )
    report.refresh_from_db()
    assert report.status == R.RETURNED
    returned = [m for m in mail.outbox if "grąžinta taisyti" in m.subject]
    assert returned[0].to == ["ona@alytus.example"]
    assert "Finansinė ataskaita: Pridėkite sąskaitas faktūras." in returned[0].body
    library = client_of(librarian_a)
    form_page = text_of(library.get(f"/lt/projects/reports/{report.pk}/edit/"))
    assert "Pridėkite sąskaitas faktūras." in form_page
    assert NARRATIVE["community"] in form_page
    library.post(f"/lt/projects/reports/{report.pk}/edit/", {**report_post(report), "submit": "1"})
    staff = client_of(staff_member)
    staff.post(f"/lt/projects/reports/{report.pk}/review/", {"decision": "approve"})
    report.refresh_from_db()
    assert (report.status, report.version_count) == (R.APPROVED, 2)
    assert grant.tranches.get(position=2).status == T.DUE
    page = text_of(staff.get(f"/lt/projects/reports/{report.pk}/"))
    assert "2 versija" in page and "1 versija" in page
    assert "Grąžinta taisyti" in page


def test_a_report_after_approval_is_not_edited(client_of, staff_member, librarian_a, grant):
    signed(grant, staff_member)
    report = grant.reports.get(kind=ReportKind.INTERIM)
    approved(report, librarian_a, staff_member)
    client = client_of(librarian_a)
    response = client.post(
        f"/en/projects/reports/{report.pk}/edit/", report_post(report), follow=True
    )
    assert "This report can no longer be changed." in text_of(response)
    assert report.values.get(indicator__code="events").value == Decimal(6)


def test_a_report_cannot_be_submitted_once_the_grant_is_closed(
    client_of, staff_member, librarian_a, grant
):
    signed(grant, staff_member)
    report = grant.reports.get(kind=ReportKind.INTERIM)
    write_report(report, librarian_a)
    client_of(staff_member).post(
        f"/en/projects/grants/{grant.pk}/status/", {"action": "terminate", "reason": "Uždaryta"}
    )
    response = client_of(librarian_a).post(f"/en/projects/reports/{report.pk}/submit/", follow=True)
    assert "Reports cannot be written or submitted while the project is “terminated”." in text_of(
        response
    )
    report.refresh_from_db()
    assert report.status == R.CANCELLED


def test_terminating_without_a_reason_is_refused(client_of, staff_member, grant):
    signed(grant, staff_member)
    response = client_of(staff_member).post(
        f"/en/projects/grants/{grant.pk}/status/", {"action": "terminate", "reason": " "}
    )
    assert response.status_code == 400
    assert "Give the reason: the library is told it." in text_of(response)
    grant.refresh_from_db()
    assert grant.status == G.ACTIVE


# --- amendments ----------------------------------------------------------------------------


def test_an_amendment_above_the_award_keeps_the_typed_changes(
    client_of, staff_member, librarian_a, grant
):
    signed(grant, staff_member)
    first, second = grant.budget_lines.order_by("position")
    response = client_of(librarian_a).post(
        f"/en/projects/grants/{grant.pk}/amendments/budget/",
        {f"line-{first.pk}": "500", f"line-{second.pk}": "", "reason": "Daugiau įrangos"},
    )
    assert response.status_code == 200
    page = text_of(response)
    assert "After this change the budget would total 10,500.00\u00a0EUR" in page
    assert 'value="500"' in page and "Daugiau įrangos" in page
    assert not grant.amendments.exists()


def test_a_large_move_waits_for_staff_who_are_told(
    client_of, staff_member, librarian_a, grant, django_capture_on_commit_callbacks
):
    signed(grant, staff_member)
    first, second = grant.budget_lines.order_by("position")
    with django_capture_on_commit_callbacks(execute=True):
        client_of(librarian_a).post(
            f"/en/projects/grants/{grant.pk}/amendments/budget/",
            {
                f"line-{first.pk}": "-1000",
                f"line-{second.pk}": "1000",
                "reason": "Daugiau užsiėmimų",
            },
        )
    amendment = grant.amendments.get()
    assert amendment.status == "requested"
    assert [m.to for m in mail.outbox] == [["rasa@lnb.example"]]
    client_of(staff_member).post(
        f"/en/projects/amendments/{amendment.pk}/decide/", {"decision": "approve", "note": "Gerai"}
    )
    first.refresh_from_db()
    assert (first.original_amount, first.current_amount) == (Decimal(6000), Decimal(5000))
    page = text_of(client_of(staff_member).get(f"/en/projects/grants/{grant.pk}/"))
    assert "6,000.00\u00a0EUR → 5,000.00\u00a0EUR" in page


# --- visits --------------------------------------------------------------------------------


def test_staff_record_a_visit_and_a_follow_up_needs_its_date(client_of, staff_member, grant):
    signed(grant, staff_member)
    client = client_of(staff_member)
    response = client.post(
        f"/en/projects/grants/{grant.pk}/visits/new/",
        {
            "visited_on": "2015-11-05",
            "check-activities": "on",
            "findings": "Gerai",
            "action-0": "Atsiųsti sąrašus",
            "due-0": "",
        },
    )
    assert response.status_code == 200
    assert "Give the date the action is due." in text_of(response)
    assert not grant.visits.exists()
    client.post(
        f"/en/projects/grants/{grant.pk}/visits/new/",
        {
            "visited_on": "2015-11-05",
            "check-activities": "on",
            "findings": "Gerai",
            "action-0": "Atsiųsti sąrašus",
            "due-0": "2015-12-01",
        },
    )
    visit = grant.visits.get()
    assert visit.checklist["activities"] is True
    assert visit.checklist["equipment"] is False
    page = text_of(client.get(f"/en/projects/visits/{visit.pk}/"))
    assert "Atsiųsti sąrašus" in page and "late" in page
