"""The services of funded projects: opening, signing, paying, reporting, amending, visiting."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from pazanga.common.refusals import Refusal, TransitionNotAllowed
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.models import Application
from pazanga.grants.tests.factories import ApplicationFactory, BudgetLineFactory
from pazanga.grants.workflow import transition as grants_transition
from pazanga.projects import services
from pazanga.projects.enums import (
    AmendmentStatus,
    GrantStatus,
    ReportKind,
    ReportStatus,
    TrancheStatus,
)
from pazanga.projects.models import CallTerms, Grant, Indicator
from pazanga.projects.services.opening import approved_amounts, tranche_amounts
from pazanga.projects.tests.factories import (
    NARRATIVE,
    SIGNED,
    approved,
    awarded_grant,
    call_for,
    signed,
    with_targets,
    write_report,
)

pytestmark = pytest.mark.django_db
G, T, R = GrantStatus, TrancheStatus, ReportStatus
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


# --- opening -------------------------------------------------------------------------------


def test_it_opens_the_grant_with_the_award_its_lines_tranches_and_reports(grant):
    assert grant.status == G.AGREEMENT
    assert (grant.reference, grant.currency, grant.awarded_amount) == (
        "BP2-2015-001",
        "EUR",
        Decimal("10000"),
    )
    assert (grant.planned_start, grant.planned_end, grant.current_end) == (
        date(2015, 6, 1),
        date(2016, 5, 31),
        date(2016, 5, 31),
    )
    lines = list(grant.budget_lines.values_list("description", "original_amount", "current_amount"))
    assert lines == [
        ("Eilutė 1", Decimal("6000"), Decimal("6000")),
        ("Eilutė 2", Decimal("4000"), Decimal("4000")),
    ]
    tranches = list(
        grant.tranches.values_list("position", "condition", "share", "amount", "status")
    )
    assert tranches == [
        (1, "signature", Decimal("60"), Decimal("6000"), T.SCHEDULED),
        (2, "interim", Decimal("30"), Decimal("3000"), T.SCHEDULED),
        (3, "final", Decimal("10"), Decimal("1000"), T.SCHEDULED),
    ]
    reports = list(grant.reports.values_list("kind", "due_on", "status"))
    assert reports == [
        (ReportKind.INTERIM, date(2015, 12, 30), R.DRAFT),
        (ReportKind.FINAL, date(2016, 6, 30), R.DRAFT),
    ]
    assert grant.interim_plan == Decimal("5000")


def test_it_cuts_the_lines_in_proportion_where_the_committee_cut(call, library_a, catalogue):
    grant = awarded_grant(
        call,
        library_a,
        requested=(Decimal("7000"), Decimal("2000"), Decimal("1000")),
        awarded=Decimal("8333"),
    )
    amounts = list(grant.budget_lines.values_list("original_amount", flat=True))
    assert amounts == [Decimal("5833.10"), Decimal("1666.60"), Decimal("833.30")]
    assert sum(amounts) == Decimal("8333")


def test_cut_amounts_always_add_up_to_the_award():
    for requested, award in (
        ([Decimal("1"), Decimal("1"), Decimal("1")], Decimal("2")),
        ([Decimal("999.99"), Decimal("0.01")], Decimal("500")),
        ([Decimal("100")], Decimal("33.33")),
    ):
        assert sum(approved_amounts(requested, award)) == award
    assert approved_amounts([Decimal(5), Decimal(5)], Decimal(20)) == [Decimal(5), Decimal(5)]
    assert tranche_amounts([Decimal(60), Decimal(30), Decimal(10)], Decimal("1000.01")) == [
        Decimal("600.00"),
        Decimal("300.00"),
        Decimal("100.01"),
    ]


def test_the_call_terms_set_duration_reports_and_payments(call, library_a, catalogue):
    CallTerms.objects.create(
        call=call,
        months=18,
        interim_after_months=9,
        report_days=20,
        tranche_plan=[
            {"share": "50", "condition": "signature"},
            {"share": "50", "condition": "final"},
        ],
    )
    grant = awarded_grant(call, library_a)
    assert grant.current_end == date(2016, 11, 30)
    assert list(grant.tranches.values_list("condition", "amount")) == [
        ("signature", Decimal("5000")),
        ("final", Decimal("5000")),
    ]
    assert list(grant.reports.values_list("due_on", flat=True)) == [
        date(2016, 3, 20),
        date(2016, 12, 20),
    ]


def test_an_award_opens_the_grant_in_its_transaction_once(call, library_a, staff_member, catalogue):
    application = ApplicationFactory(
        call=call,
        library=library_a,
        status=ApplicationStatus.REVIEWED,
        reference="BP2-2015-009",
        requested_total=Decimal("4000"),
    )
    BudgetLineFactory(application=application, requested=Decimal("4000"))
    Application.objects.filter(pk=application.pk).update(awarded_amount=Decimal("3500"))
    grants_transition(application, ApplicationStatus.AWARDED, actor=staff_member)
    grant = Grant.objects.get(application=application)
    assert (grant.awarded_amount, grant.reference) == (Decimal("3500"), "BP2-2015-009")
    assert grant.budget_lines.get().original_amount == Decimal("3500")
    assert services.open_grant(application) == grant
    assert Grant.objects.count() == 1


def test_an_award_from_the_reserve_list_opens_its_grant(call, library_a, staff_member, catalogue):
    application = ApplicationFactory(
        call=call, library=library_a, status=ApplicationStatus.RESERVE, reference="BP2-2015-031"
    )
    grants_transition(application, ApplicationStatus.AWARDED, actor=staff_member)
    assert Grant.objects.get(application=application).status == G.AGREEMENT


def test_a_refused_award_opens_no_grant(call, library_a, staff_member, catalogue):
    application = ApplicationFactory(call=call, library=library_a, status=ApplicationStatus.DRAFT)
    with pytest.raises(Exception):  # noqa: B017 (the grants app's own refusal type)
        grants_transition(application, ApplicationStatus.AWARDED, actor=staff_member)
    assert not Grant.objects.exists()


# --- agreement -----------------------------------------------------------------------------


def test_targets_are_set_until_the_agreement_is_signed(grant, staff_member):
    trained = Indicator.objects.get(code="people_trained")
    with_targets(grant, people_trained=120, events=12)
    services.set_targets(
        grant,
        {trained: Decimal(150), Indicator.objects.get(code="events"): None},
        actor=staff_member,
    )
    assert dict(grant.targets.values_list("indicator__code", "target")) == {
        "people_trained": Decimal(150)
    }
    services.sign_agreement(grant, signed_on=SIGNED, actor=staff_member)
    with pytest.raises(Refusal) as refused:
        services.set_targets(grant, {trained: Decimal(1)}, actor=staff_member)
    assert refused.value.code == "projects.targets_locked"
    assert grant.targets.get().target == Decimal(150)


def test_a_negative_target_is_refused(grant, staff_member):
    with pytest.raises(Refusal) as refused:
        services.set_targets(
            grant, {Indicator.objects.get(code="events"): Decimal(-1)}, actor=staff_member
        )
    assert refused.value.code == "projects.negative"
    assert not grant.targets.exists()


def test_the_library_signs_with_its_signed_copy(grant, librarian_a):
    with_targets(grant)
    copy = SimpleUploadedFile("sutartis.pdf", PDF, content_type="application/pdf")
    services.sign_agreement(grant, signed_on=SIGNED, signed_copy=copy, actor=librarian_a)
    assert (grant.status, grant.signed_on, grant.signed_copy_name) == (
        G.ACTIVE,
        SIGNED,
        "sutartis.pdf",
    )
    assert grant.signed_copy.read() == PDF


def test_a_signed_copy_that_is_not_a_pdf_is_refused_and_nothing_changes(grant, librarian_a):
    with_targets(grant)
    fake = SimpleUploadedFile("sutartis.pdf", b"<html>not a pdf</html>")
    with pytest.raises(Refusal) as refused:
        services.sign_agreement(grant, signed_on=SIGNED, signed_copy=fake, actor=librarian_a)
    assert refused.value.code == "projects.not_pdf"
    grant.refresh_from_db()
    assert (grant.status, grant.signed_copy.name) == (G.AGREEMENT, "")


# --- payments ------------------------------------------------------------------------------


def test_a_payment_is_approved_then_recorded(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    first = grant.tranches.get(position=1)
    services.approve_tranche(first, actor=staff_member)
    assert (first.status, first.approved_by) == (T.APPROVED, staff_member)
    services.pay_tranche(first, paid_on=date(2015, 6, 20), reference="MP-117", actor=staff_member)
    assert (first.status, first.paid_on, first.payment_reference) == (
        T.PAID,
        date(2015, 6, 20),
        "MP-117",
    )
    assert (first.paid_amount, first.paid_currency) == (Decimal("6000"), "EUR")


def test_a_tranche_paid_twice_is_a_conflict_and_pays_once(grant, staff_member):
    signed(grant, staff_member)
    first = services.approve_tranche(grant.tranches.get(position=1), actor=staff_member)
    services.pay_tranche(first, paid_on=date(2015, 6, 20), reference="MP-117", actor=staff_member)
    with pytest.raises(TransitionNotAllowed) as refused:
        services.pay_tranche(
            first, paid_on=date(2015, 6, 21), reference="MP-118", actor=staff_member
        )
    assert (refused.value.current, refused.value.target) == (T.PAID, T.PAID)
    assert refused.value.message.startswith("To dabar padaryti negalima: dabar yra „išmokėtas“")
    first.refresh_from_db()
    assert (first.paid_on, first.payment_reference) == (date(2015, 6, 20), "MP-117")


def test_payments_never_exceed_the_award(grant, staff_member):
    signed(grant, staff_member)
    first = services.approve_tranche(grant.tranches.get(position=1), actor=staff_member)
    # A schedule edited by hand in the administration, so that it adds up to too much.
    grant.tranches.filter(position=2).update(amount=Decimal("4500"), status=T.APPROVED)
    services.pay_tranche(first, paid_on=date(2015, 6, 20), reference="MP-1", actor=staff_member)
    second = grant.tranches.get(position=2)
    with pytest.raises(Refusal) as refused:
        services.pay_tranche(second, paid_on=date(2015, 7, 1), reference="MP-2", actor=staff_member)
    assert refused.value.code == "projects.above_award"
    with translation.override("en"):
        assert refused.value.message == (
            "This payment of 4,500.00\u00a0EUR would take the payments above the award of "
            "10,000.00\u00a0EUR: 6,000.00\u00a0EUR has been paid already."
        )
    second.refresh_from_db()
    assert second.status == T.APPROVED


def test_a_payment_needs_a_date_not_in_the_future_and_a_reference(grant, staff_member):
    signed(grant, staff_member)
    first = services.approve_tranche(grant.tranches.get(position=1), actor=staff_member)
    with pytest.raises(Refusal) as refused:
        services.pay_tranche(first, paid_on=date(2016, 2, 1), reference="MP", actor=staff_member)
    assert (refused.value.code, refused.value.field) == ("projects.payment_date", "paid_on")
    with pytest.raises(Refusal) as refused:
        services.pay_tranche(first, paid_on=date(2015, 7, 1), reference=" ", actor=staff_member)
    assert refused.value.field == "payment_reference"


@pytest.mark.parametrize(
    ("paid_on", "paid"),
    [
        (date(2014, 12, 31), (Decimal("20718.00"), "LTL")),
        (date(2015, 1, 2), (Decimal("6000.35"), "EUR")),
    ],
)
def test_a_litas_grant_is_paid_in_euro_from_2015_with_both_amounts_kept(
    programme, library_a, catalogue, staff_member, paid_on, paid
):
    call = call_for(programme, code="BP2-2014", currency="LTL")
    with time_machine.travel(date(2015, 3, 1), tick=False):
        grant = awarded_grant(
            call,
            library_a,
            requested=(Decimal("20718"), Decimal("13812")),
            decided_at=datetime(2014, 5, 5, 9, tzinfo=UTC),
        )
        with_targets(grant)
        services.sign_agreement(grant, signed_on=date(2014, 6, 10), actor=staff_member)
        first = services.approve_tranche(grant.tranches.get(position=1), actor=staff_member)
        services.pay_tranche(first, paid_on=paid_on, reference="MP-1", actor=staff_member)
    assert (first.amount, grant.currency) == (Decimal("20718.00"), "LTL")
    assert (first.paid_amount, first.paid_currency) == paid


# --- reports -------------------------------------------------------------------------------


def test_the_library_writes_and_submits_a_report_and_the_version_is_kept(
    grant, staff_member, librarian_a
):
    signed(grant, staff_member)
    interim = grant.reports.get(kind=ReportKind.INTERIM)
    write_report(interim, librarian_a)
    services.submit_report(interim, actor=librarian_a)
    assert (interim.status, interim.version_count) == (R.SUBMITTED, 1)
    version = interim.versions.get()
    assert version.snapshot["expenses"] == [
        {"line": "Eilutė 1", "current": "6000.00", "spent": "3000.00"},
        {"line": "Eilutė 2", "current": "4000.00", "spent": "1000.00"},
    ]
    values = {v["code"]: v["value"] for v in version.snapshot["values"]}
    assert values == {"people_trained": "40.00", "events": "6.00"}
    narrative = {row["name"]: row["value_lt"] for row in version.snapshot["narrative"]}
    assert narrative == NARRATIVE
    assert version.narrative.status == "submitted"


def test_expenditure_above_a_line_is_refused_and_nothing_is_saved(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    interim = grant.reports.get(kind=ReportKind.INTERIM)
    with pytest.raises(Refusal) as refused:
        write_report(interim, librarian_a, spent=(Decimal("6000.01"), Decimal("100")))
    assert refused.value.code == "projects.over_line"
    assert refused.value.field == f"line-{grant.budget_lines.first().pk}"
    assert refused.value.details == [
        "„Eilutė 1“: išleista 6\u00a0000,01\u00a0EUR, bet šioje eilutėje liko tik "
        "6\u00a0000,00\u00a0EUR."
    ]
    assert not interim.expenses.exists()
    assert not interim.values.exists()


def test_spending_counts_what_earlier_reports_spent_on_the_line(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    interim, final = grant.reports.order_by("due_on")
    approved(interim, librarian_a, staff_member, spent=(Decimal("5000"), Decimal("0")))
    with pytest.raises(Refusal) as refused:
        write_report(final, librarian_a, spent=(Decimal("1500"), Decimal("0")))
    assert "liko tik 1\u00a0000,00\u00a0EUR" in refused.value.details[0]
    write_report(final, librarian_a, spent=(Decimal("1000"), Decimal("0")))


def test_a_breakdown_that_misses_the_total_is_refused(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    interim = grant.reports.get(kind=ReportKind.INTERIM)
    trained = Indicator.objects.get(code="people_trained")
    value = services.ValueInput(
        trained,
        Decimal(40),
        breakdown={"sex": {"female": Decimal(20), "male": Decimal(10)}, "age_group": {}},
    )
    with pytest.raises(Refusal) as refused:
        services.save_report(
            interim,
            actor=librarian_a,
            expenses={},
            co_financing_received=Decimal(0),
            public_summary="",
            values=[value],
        )
    assert refused.value.code == "projects.breakdown"
    with translation.override("en"):
        assert refused.value.message == (
            "“People trained”: the numbers by sex add up to 30, but the total is 40."
        )
    with translation.override("lt"):
        assert refused.value.message == (
            "„Apmokyti žmonės“: skaičiai pagal požymį „lytis“ sudaro 30, bet iš viso nurodyta 40."
        )


def test_a_negative_value_is_refused(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    interim = grant.reports.get(kind=ReportKind.INTERIM)
    value = services.ValueInput(Indicator.objects.get(code="events"), Decimal(-3))
    with pytest.raises(Refusal) as refused:
        services.save_report(
            interim,
            actor=librarian_a,
            expenses={},
            co_financing_received=Decimal(0),
            public_summary="",
            values=[value],
        )
    assert refused.value.code == "projects.negative"
    assert not interim.values.exists()


def test_an_incomplete_report_cannot_be_submitted(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    final = grant.reports.get(kind=ReportKind.FINAL)
    with pytest.raises(Refusal) as refused:
        services.submit_report(final, actor=librarian_a)
    assert refused.value.code == "projects.incomplete"
    details = refused.value.details
    assert details.count("Į šį klausimą reikia atsakyti.") == 5
    assert "Apmokyti žmonės" in details
    assert "Surengti renginiai" in details
    assert "Parašykite rezultatus viešam puslapiui: jų reikia galutinei ataskaitai." in details
    final.refresh_from_db()
    assert final.status == R.DRAFT


def test_returning_keeps_the_version_and_a_new_draft_carries_the_answers(
    grant, staff_member, librarian_a
):
    signed(grant, staff_member)
    interim = grant.reports.get(kind=ReportKind.INTERIM)
    write_report(interim, librarian_a)
    services.submit_report(interim, actor=librarian_a)
    first_narrative = interim.narrative
    services.review_report(
        interim,
        approve=False,
        comments={"financial": "Pridėkite sąskaitas", "narrative": ""},
        actor=staff_member,
    )
    assert interim.status == R.RETURNED
    version = interim.versions.get()
    assert (version.outcome, version.comments) == ("returned", {"financial": "Pridėkite sąskaitas"})
    assert interim.narrative != first_narrative
    assert interim.narrative.status == "draft"
    assert interim.narrative.answers == NARRATIVE
    write_report(interim, librarian_a, trained=45)
    services.submit_report(interim, actor=librarian_a)
    services.review_report(interim, approve=True, comments={}, actor=staff_member)
    assert list(interim.versions.values_list("number", "outcome")) == [
        (2, "approved"),
        (1, "returned"),
    ]
    assert interim.versions.get(number=1).snapshot["values"][0]["value"] == "40.00"
    assert interim.versions.get(number=2).snapshot["values"][0]["value"] == "45.00"


def test_a_return_needs_a_comment(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    interim = grant.reports.get(kind=ReportKind.INTERIM)
    write_report(interim, librarian_a)
    services.submit_report(interim, actor=librarian_a)
    with pytest.raises(Refusal) as refused:
        services.review_report(
            interim, approve=False, comments={"financial": " "}, actor=staff_member
        )
    assert refused.value.code == "projects.comment_required"
    interim.refresh_from_db()
    assert interim.status == R.SUBMITTED


def test_approval_releases_the_tranche_that_waited_for_it(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    interim = grant.reports.get(kind=ReportKind.INTERIM)
    approved(interim, librarian_a, staff_member)
    assert dict(grant.tranches.values_list("condition", "status")) == {
        "signature": T.DUE,
        "interim": T.DUE,
        "final": T.SCHEDULED,
    }


def test_a_report_is_not_edited_after_approval(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    interim = grant.reports.get(kind=ReportKind.INTERIM)
    approved(interim, librarian_a, staff_member)
    with pytest.raises(Refusal) as refused:
        write_report(interim, librarian_a, trained=99)
    assert refused.value.code == "projects.report_locked"
    assert interim.values.get(indicator__code="people_trained").value == Decimal(40)


def test_a_report_is_not_submitted_after_the_grant_closed(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    interim = grant.reports.get(kind=ReportKind.INTERIM)
    write_report(interim, librarian_a)
    services.terminate_grant(grant, reason="Biblioteka uždaryta", actor=staff_member)
    with pytest.raises(Refusal) as refused:
        services.submit_report(interim, actor=librarian_a)
    assert refused.value.code == "projects.report_grant_closed"
    with translation.override("en"):
        assert refused.value.message == (
            "Reports cannot be written or submitted while the project is “terminated”."
        )


def test_the_final_report_and_last_payment_close_the_project(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    interim, final = grant.reports.order_by("due_on")
    approved(interim, librarian_a, staff_member)
    for tranche in grant.tranches.filter(status=T.DUE):
        services.approve_tranche(tranche, actor=staff_member)
        services.pay_tranche(tranche, paid_on=date(2016, 1, 10), reference="MP", actor=staff_member)
    approved(final, librarian_a, staff_member, spent=(Decimal("1000"), Decimal("500")))
    grant.refresh_from_db()
    assert grant.status == G.REPORTING
    last = services.approve_tranche(grant.tranches.get(position=3), actor=staff_member)
    services.pay_tranche(last, paid_on=date(2016, 1, 14), reference="MP-3", actor=staff_member)
    grant.refresh_from_db()
    assert grant.status == G.CLOSED
    assert sum(grant.tranches.values_list("paid_amount", flat=True)) == grant.awarded_amount


def test_a_receipt_must_be_a_pdf_or_an_image(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    interim = grant.reports.get(kind=ReportKind.INTERIM)
    receipt = services.add_receipt(
        interim, SimpleUploadedFile("saskaita.png", PNG), actor=librarian_a
    )
    assert (receipt.kind, receipt.original_name) == ("png", "saskaita.png")
    with pytest.raises(Refusal) as refused:
        services.add_receipt(
            interim,
            SimpleUploadedFile("saskaita.pdf", b"MZ\x90\x00 an executable"),
            actor=librarian_a,
        )
    assert refused.value.code == "projects.receipt_kind"
    assert interim.receipts.count() == 1


# --- amendments ----------------------------------------------------------------------------


def lines_of(grant):  # type: ignore[no-untyped-def]
    return list(grant.budget_lines.order_by("position"))


def test_within_ten_per_cent_the_library_moves_money_alone(
    grant, staff_member, librarian_a, django_capture_on_commit_callbacks
):
    signed(grant, staff_member)
    first, second = lines_of(grant)
    with django_capture_on_commit_callbacks(execute=True):
        amendment = services.request_reallocation(
            grant,
            changes={first.pk: Decimal("-400"), second.pk: Decimal("400")},
            reason="Pigesnė įranga",
            actor=librarian_a,
            by_staff=False,
        )
    assert (amendment.status, amendment.within_tolerance) == (AmendmentStatus.APPROVED, True)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.original_amount, first.current_amount) == (Decimal("6000"), Decimal("5600"))
    assert (second.original_amount, second.current_amount) == (Decimal("4000"), Decimal("4400"))
    assert len(mail.outbox) == 0


def test_beyond_ten_per_cent_staff_approve(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    first, second = lines_of(grant)
    amendment = services.request_reallocation(
        grant,
        changes={first.pk: Decimal("-1000"), second.pk: Decimal("1000")},
        reason="Daugiau užsiėmimų",
        actor=librarian_a,
        by_staff=False,
    )
    assert amendment.status == AmendmentStatus.REQUESTED
    first.refresh_from_db()
    assert first.current_amount == Decimal("6000")
    services.approve_amendment(amendment, actor=staff_member, note="Pritariame")
    first.refresh_from_db()
    assert first.current_amount == Decimal("5000")
    assert amendment.changes.get(line=first).after == Decimal("5000")


def test_an_amendment_above_the_award_is_refused(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    first, _second = lines_of(grant)
    with pytest.raises(Refusal) as refused:
        services.request_reallocation(
            grant,
            changes={first.pk: Decimal("500")},
            reason="Daugiau",
            actor=librarian_a,
            by_staff=False,
        )
    assert refused.value.code == "projects.amendment_above_award"
    with translation.override("en"):
        assert refused.value.message == (
            "After this change the budget would total 10,500.00\u00a0EUR, more than the award of "
            "10,000.00\u00a0EUR."
        )
    with translation.override("lt"):
        assert refused.value.message == (
            "Po šio pakeitimo biudžetas sudarytų 10\u00a0500,00\u00a0EUR – daugiau nei skirta "
            "10\u00a0000,00\u00a0EUR."
        )
    assert not grant.amendments.exists()


def test_money_taken_must_be_placed(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    first, _second = lines_of(grant)
    with pytest.raises(Refusal) as refused:
        services.request_reallocation(
            grant,
            changes={first.pk: Decimal("-100")},
            reason="x",
            actor=librarian_a,
            by_staff=False,
        )
    assert refused.value.code == "projects.amendment_unbalanced"


def test_a_line_cannot_go_below_what_was_spent(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    interim = grant.reports.get(kind=ReportKind.INTERIM)
    approved(interim, librarian_a, staff_member, spent=(Decimal("5800"), Decimal("0")))
    first, second = lines_of(grant)
    with pytest.raises(Refusal) as refused:
        services.request_reallocation(
            grant,
            changes={first.pk: Decimal("-300"), second.pk: Decimal("300")},
            reason="x",
            actor=librarian_a,
            by_staff=False,
        )
    assert refused.value.code == "projects.line_below_spent"


def test_an_extension_moves_the_end_and_the_final_report(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    with pytest.raises(Refusal) as refused:
        services.request_extension(
            grant, new_end=date(2016, 5, 1), reason="x", actor=librarian_a, by_staff=False
        )
    assert refused.value.code == "projects.extension_date"
    with translation.override("en"):
        assert refused.value.message == (
            "The new end date must be later than the current end (31 May 2016)."
        )
    with translation.override("lt"):
        assert refused.value.message == (
            "Nauja pabaigos data turi būti vėlesnė nei dabartinė pabaiga (2016 m. gegužės 31 d.)."
        )
    amendment = services.request_extension(
        grant, new_end=date(2016, 8, 31), reason="Vėlavo įranga", actor=librarian_a, by_staff=False
    )
    assert amendment.status == AmendmentStatus.REQUESTED
    services.approve_amendment(amendment, actor=staff_member, note="")
    grant.refresh_from_db()
    assert (grant.planned_end, grant.current_end, grant.is_extended) == (
        date(2016, 5, 31),
        date(2016, 8, 31),
        True,
    )
    assert grant.reports.get(kind=ReportKind.FINAL).due_on == date(2016, 9, 30)


def test_a_refusal_of_an_amendment_needs_its_reason(grant, staff_member, librarian_a):
    signed(grant, staff_member)
    amendment = services.request_extension(
        grant, new_end=date(2016, 8, 31), reason="Vėlavo", actor=librarian_a, by_staff=False
    )
    with pytest.raises(Refusal):
        services.reject_amendment(amendment, actor=staff_member, note="")
    services.reject_amendment(amendment, actor=staff_member, note="Per vėlu")
    assert (amendment.status, amendment.decision_note) == (AmendmentStatus.REJECTED, "Per vėlu")
    grant.refresh_from_db()
    assert grant.current_end == date(2016, 5, 31)


# --- visits --------------------------------------------------------------------------------


def test_a_visit_keeps_its_checklist_findings_and_follow_ups(grant, staff_member):
    signed(grant, staff_member)
    visit = services.record_visit(
        grant,
        visited_on=date(2015, 11, 5),
        officer=staff_member,
        checklist={"activities": True, "equipment": False, "unknown": True},
        findings="Įranga dar nepristatyta.",
        follow_ups=[("Pristatyti įrangą", date(2015, 12, 1)), ("  ", date(2015, 12, 1))],
        actor=staff_member,
    )
    assert visit.checklist["activities"] is True
    assert visit.checklist["equipment"] is False
    assert "unknown" not in visit.checklist
    follow_up = visit.follow_ups.get()
    assert (follow_up.action, follow_up.is_late(date(2016, 1, 15))) == ("Pristatyti įrangą", True)
    services.complete_follow_up(follow_up, done_on=date(2016, 1, 15), actor=staff_member)
    services.complete_follow_up(follow_up, done_on=date(2016, 1, 16), actor=staff_member)
    follow_up.refresh_from_db()
    assert follow_up.done_on == date(2016, 1, 15)
    photo = services.add_photo(
        visit, SimpleUploadedFile("a.png", PNG), caption="Salė", actor=staff_member
    )
    assert photo.kind == "png"
    with pytest.raises(Refusal):
        services.add_photo(visit, SimpleUploadedFile("a.jpg", PDF), caption="", actor=staff_member)


def test_a_long_project_reports_every_so_many_months(call, library_a, catalogue):
    CallTerms.objects.create(call=call, months=24, interim_after_months=8, report_days=30)
    grant = awarded_grant(call, library_a)
    reports = list(grant.reports.values_list("number", "kind", "due_on"))
    assert reports == [
        (1, ReportKind.INTERIM, date(2016, 3, 1)),
        (2, ReportKind.INTERIM, date(2016, 10, 30)),
        (3, ReportKind.FINAL, date(2017, 6, 30)),
    ]
    with translation.override("lt"):
        assert [r.label for r in grant.reports.all()] == [
            "tarpinė ataskaita",
            "2-oji tarpinė ataskaita",
            "galutinė ataskaita",
        ]
