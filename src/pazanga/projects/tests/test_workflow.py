"""Every move of every table, allowed and forbidden, through the workflow core."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from pazanga.common.audit import timeline
from pazanga.common.models import AuditEntry
from pazanga.common.refusals import Refusal, TransitionNotAllowed
from pazanga.projects import workflow
from pazanga.projects.enums import (
    AmendmentKind,
    AmendmentStatus,
    GrantStatus,
    ReportKind,
    ReportStatus,
    TrancheCondition,
    TrancheStatus,
)
from pazanga.projects.models import Amendment, Grant, Report, Tranche
from pazanga.projects.tests.factories import SIGNED, with_targets

pytestmark = pytest.mark.django_db
G, T, R, A = GrantStatus, TrancheStatus, ReportStatus, AmendmentStatus
CONTEXT = {"reason": "Biblioteka uždaroma remontui", "signed_on": SIGNED}


def pairs(table, statuses, allowed):  # type: ignore[no-untyped-def]
    # Sorted: parallel test workers must collect the same list.
    return sorted(
        (start, end)
        for start in statuses.values
        for end in statuses.values
        if (end in table[start]) == allowed
    )


def set_status(obj, status, **fields):  # type: ignore[no-untyped-def]
    """Put a row in a status directly: the starting point of a move under test."""
    type(obj).objects.filter(pk=obj.pk).update(status=status, **fields)
    obj.refresh_from_db()
    return obj


def grant_ready_for(grant: Grant, start: str, end: str) -> Grant:
    with_targets(grant)
    extra = {}
    if start != G.AGREEMENT:
        extra["signed_on"] = SIGNED
    if start == G.SUSPENDED:
        extra["suspended_from"] = end if end != G.TERMINATED else G.ACTIVE
    if end == G.CLOSED:
        grant.reports.filter(kind=ReportKind.FINAL).update(status=R.APPROVED)
        grant.tranches.update(status=T.PAID, paid_on=date(2015, 7, 1))
    return set_status(grant, start, **extra)


@pytest.mark.parametrize(("start", "end"), pairs(workflow.TRANSITIONS, G, allowed=True))
def test_every_allowed_grant_move_saves_and_audits(grant, staff_member, start, end):
    grant = grant_ready_for(grant, start, end)
    workflow.transition(grant, end, actor=staff_member, note="patikrinta", **CONTEXT)
    assert grant.status == end
    entry = timeline(grant).filter(action=f"projects.grant.{end}").get()
    assert entry.data == {"from": start, "note": "patikrinta"}
    assert entry.actor == staff_member


@pytest.mark.parametrize(("start", "end"), pairs(workflow.TRANSITIONS, G, allowed=False))
def test_every_forbidden_grant_move_is_refused_and_changes_nothing(grant, staff_member, start, end):
    grant = grant_ready_for(grant, start, end)
    with pytest.raises(TransitionNotAllowed):
        workflow.transition(grant, end, actor=staff_member, **CONTEXT)
    grant.refresh_from_db()
    assert grant.status == start
    assert (
        not timeline(grant)
        .filter(action__startswith="projects.grant.")
        .exclude(action__in=["projects.grant.opened", "projects.grant.targets"])
        .exists()
    )


def tranche_ready_for(grant: Grant, start: str) -> Tranche:
    grant = set_status(with_targets(grant), G.ACTIVE, signed_on=SIGNED)
    tranche = grant.tranches.get(condition=TrancheCondition.SIGNATURE)
    return set_status(tranche, start)


PAYMENT = {"paid_on": date(2015, 7, 1), "payment_reference": "MP-2015-117"}


@pytest.mark.parametrize(("start", "end"), pairs(workflow.TRANCHE_TRANSITIONS, T, allowed=True))
def test_every_allowed_tranche_move_saves_and_audits_on_the_grant(grant, staff_member, start, end):
    tranche = tranche_ready_for(grant, start)
    workflow.change_tranche(tranche, end, actor=staff_member, note="", **PAYMENT)
    assert tranche.status == end
    entry = timeline(grant).filter(action=f"projects.tranche.{end}").get()
    assert entry.data["from"] == start
    assert entry.data["tranche"] == tranche.pk


@pytest.mark.parametrize(("start", "end"), pairs(workflow.TRANCHE_TRANSITIONS, T, allowed=False))
def test_every_forbidden_tranche_move_is_refused(grant, staff_member, start, end):
    tranche = tranche_ready_for(grant, start)
    with pytest.raises(TransitionNotAllowed):
        workflow.change_tranche(tranche, end, actor=staff_member, **PAYMENT)
    tranche.refresh_from_db()
    assert tranche.status == start
    assert not AuditEntry.objects.filter(action__startswith="projects.tranche.").exists()


COMMENTS = {"comments": {"financial": "Trūksta sąskaitų"}}


def report_ready_for(grant: Grant, start: str) -> Report:
    set_status(with_targets(grant), G.ACTIVE, signed_on=SIGNED)
    return set_status(grant.reports.get(kind=ReportKind.INTERIM), start)


@pytest.mark.parametrize(("start", "end"), pairs(workflow.REPORT_TRANSITIONS, R, allowed=True))
def test_every_allowed_report_move_saves_and_audits(grant, staff_member, start, end):
    report = report_ready_for(grant, start)
    workflow.change_report(report, end, actor=staff_member, **COMMENTS)
    assert report.status == end
    entry = timeline(report).filter(action=f"projects.report.{end}").get()
    assert entry.data["from"] == start
    assert entry.data["kind"] == ReportKind.INTERIM


@pytest.mark.parametrize(("start", "end"), pairs(workflow.REPORT_TRANSITIONS, R, allowed=False))
def test_every_forbidden_report_move_is_refused(grant, staff_member, start, end):
    report = report_ready_for(grant, start)
    with pytest.raises(TransitionNotAllowed):
        workflow.change_report(report, end, actor=staff_member, **COMMENTS)
    report.refresh_from_db()
    assert report.status == start


def amendment_ready_for(grant: Grant, start: str) -> Amendment:
    amendment = Amendment.objects.create(
        grant=grant,
        kind=AmendmentKind.EXTENSION,
        reason="Vėlavo įranga",
        old_end=grant.current_end,
        new_end=date(2016, 8, 31),
    )
    return set_status(amendment, start)


@pytest.mark.parametrize(("start", "end"), pairs(workflow.AMENDMENT_TRANSITIONS, A, allowed=True))
def test_every_allowed_amendment_move_saves_and_audits(grant, staff_member, start, end):
    amendment = amendment_ready_for(grant, start)
    workflow.change_amendment(amendment, end, actor=staff_member, decider=staff_member)
    assert amendment.status == end
    assert timeline(grant).filter(action=f"projects.amendment.{end}").exists()


@pytest.mark.parametrize(("start", "end"), pairs(workflow.AMENDMENT_TRANSITIONS, A, allowed=False))
def test_every_forbidden_amendment_move_is_refused(grant, staff_member, start, end):
    amendment = amendment_ready_for(grant, start)
    with pytest.raises(TransitionNotAllowed):
        workflow.change_amendment(amendment, end, actor=staff_member)
    amendment.refresh_from_db()
    assert amendment.status == start


def test_the_tables_name_every_status_and_nothing_else():
    from pazanga.common.workflow import check_table

    assert check_table(workflow.TRANSITIONS, G.values) == []
    assert check_table(workflow.TRANCHE_TRANSITIONS, T.values) == []
    assert check_table(workflow.REPORT_TRANSITIONS, R.values) == []
    assert check_table(workflow.AMENDMENT_TRANSITIONS, A.values) == []


@pytest.mark.parametrize("to", [G.SUSPENDED, G.TERMINATED])
def test_suspending_or_terminating_needs_a_reason(grant, staff_member, to):
    grant = set_status(with_targets(grant), G.ACTIVE, signed_on=SIGNED)
    with pytest.raises(Refusal) as refused:
        workflow.transition(grant, to, actor=staff_member, reason="  ")
    assert refused.value.code == "projects.reason_required"
    assert refused.value.field == "reason"
    grant.refresh_from_db()
    assert grant.status == G.ACTIVE


def test_a_suspended_grant_resumes_only_where_it_was(grant, staff_member):
    grant = set_status(with_targets(grant), G.SUSPENDED, suspended_from=G.REPORTING)
    with pytest.raises(TransitionNotAllowed):
        workflow.transition(grant, G.ACTIVE, actor=staff_member)
    workflow.transition(grant, G.REPORTING, actor=staff_member)
    assert (grant.status, grant.suspended_from) == (G.REPORTING, "")


def test_signing_needs_targets_and_a_sensible_date(grant, staff_member):
    with pytest.raises(Refusal) as refused:
        workflow.transition(grant, G.ACTIVE, actor=staff_member, signed_on=SIGNED)
    assert refused.value.code == "projects.no_targets"
    with_targets(grant)
    for wrong in (None, date(2016, 2, 1), date(2015, 5, 1)):
        with pytest.raises(Refusal) as refused:
            workflow.transition(grant, G.ACTIVE, actor=staff_member, signed_on=wrong)
        assert (refused.value.code, refused.value.field) == ("projects.signature_date", "signed_on")
    grant.refresh_from_db()
    assert grant.status == G.AGREEMENT


def test_signing_makes_the_first_tranche_due_and_only_it(grant, staff_member):
    with_targets(grant)
    workflow.transition(grant, G.ACTIVE, actor=staff_member, signed_on=SIGNED)
    statuses = list(grant.tranches.values_list("condition", "status"))
    assert statuses == [
        (TrancheCondition.SIGNATURE, T.DUE),
        (TrancheCondition.INTERIM, T.SCHEDULED),
        (TrancheCondition.FINAL, T.SCHEDULED),
    ]
    assert (grant.signed_on, grant.activated_at is not None) == (SIGNED, True)


def test_a_tranche_is_due_only_when_its_condition_is_met(grant, staff_member):
    grant = set_status(with_targets(grant), G.ACTIVE, signed_on=SIGNED)
    interim = grant.tranches.get(condition=TrancheCondition.INTERIM)
    with pytest.raises(Refusal) as refused:
        workflow.change_tranche(interim, T.DUE, actor=staff_member)
    assert refused.value.code == "projects.condition_unmet"
    with translation.override("en"):
        assert refused.value.message == (
            "This payment is not due yet: it is paid after the interim report is approved."
        )


def test_closing_waits_for_the_final_report_and_every_payment(grant, staff_member):
    grant = set_status(with_targets(grant), G.REPORTING, signed_on=SIGNED)
    with pytest.raises(Refusal) as refused:
        workflow.transition(grant, G.CLOSED, actor=staff_member)
    assert refused.value.code == "projects.not_finished"
    grant.reports.update(status=R.APPROVED)
    grant.tranches.exclude(position=3).update(status=T.PAID)
    with pytest.raises(Refusal):
        workflow.transition(grant, G.CLOSED, actor=staff_member)
    grant.tranches.filter(position=3).update(status=T.CANCELLED)
    workflow.transition(grant, G.CLOSED, actor=staff_member)
    assert grant.status == G.CLOSED
    assert grant.closed_at is not None


def test_terminating_cancels_what_is_unpaid_and_unwritten(grant, staff_member):
    grant = set_status(with_targets(grant), G.ACTIVE, signed_on=SIGNED)
    first = grant.tranches.get(position=1)
    set_status(first, T.PAID, paid_on=date(2015, 7, 1), paid_amount=Decimal(6000))
    Amendment.objects.create(
        grant=grant, kind=AmendmentKind.EXTENSION, reason="x", new_end=date(2016, 8, 1)
    )
    workflow.transition(grant, G.TERMINATED, actor=staff_member, reason="Projektas nevykdomas")
    assert grant.status_reason == "Projektas nevykdomas"
    assert list(grant.tranches.values_list("status", flat=True)) == [
        T.PAID,
        T.CANCELLED,
        T.CANCELLED,
    ]
    assert set(grant.reports.values_list("status", flat=True)) == {R.CANCELLED}
    assert grant.amendments.get().status == A.WITHDRAWN
