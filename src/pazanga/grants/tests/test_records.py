"""What the assignment, eligibility and decision services record: rows, audit entries
with their data, notices, and the refusals of manual assignment."""

from decimal import Decimal

import pytest
from django.core import mail

from pazanga.common.audit import timeline
from pazanga.common.refusals import Refusal
from pazanga.directory.tests.factories import LibraryFactory
from pazanga.grants import services
from pazanga.grants.enums import ApplicationStatus, AssignmentSource, ConflictSource, ReviewStatus
from pazanga.grants.models import (
    Application,
    Conflict,
    CriterionScore,
    Decision,
    Review,
    ReviewAssignment,
)
from pazanga.grants.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def numbered(call, number, status, **fields):  # type: ignore[no-untyped-def]
    return ApplicationFactory(
        call=call,
        library=LibraryFactory(),
        status=status,
        number=number,
        reference=f"BP2-2015-{number:03d}",
        **fields,
    )


# --- assignment by hand --------------------------------------------------------------


def test_a_reviewer_added_by_hand_reopens_a_reviewed_application(call, panel, staff_member):
    application = numbered(call, 1, S.REVIEWED)
    reviewer = panel[2].reviewer
    assignment = services.add_assignment(application, reviewer, actor=staff_member)
    assert (assignment.reviewer, assignment.source) == (reviewer, AssignmentSource.MANUAL)
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW
    entries = [(e.action, e.actor, e.data) for e in timeline(application)]
    assert entries[0] == (
        "grants.application.reviewer_added",
        staff_member,
        {"reviewer": reviewer.pk},
    )
    assert entries[1][:2] == ("grants.application.in_review", staff_member)
    again = services.add_assignment(application, reviewer, actor=staff_member)
    assert again == assignment and ReviewAssignment.objects.count() == 1


@pytest.mark.parametrize("status", sorted([S.ELIGIBLE, S.IN_REVIEW]))
def test_a_reviewer_added_by_hand_puts_the_application_in_review(status, call, panel, staff_member):
    application = numbered(call, 1, status)
    services.add_assignment(application, panel[0].reviewer, actor=staff_member)
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW


def test_a_conflicted_or_off_panel_reviewer_is_not_added(call, panel, staff_member, outsider):
    application = numbered(call, 1, S.IN_REVIEW)
    Conflict.objects.create(
        application=application, reviewer=panel[0].reviewer, source=ConflictSource.DECLARED
    )
    with pytest.raises(Refusal) as refused:
        services.add_assignment(application, panel[0].reviewer, actor=staff_member)
    assert refused.value.code == "grants.conflicted_pair"
    assert refused.value.message == (
        f"{panel[0].reviewer} turi interesų konfliktą su BP2-2015-001 ir negali jos vertinti."
    )
    with pytest.raises(Refusal) as refused:
        services.add_assignment(application, outsider, actor=staff_member)
    assert refused.value.code == "grants.not_on_panel"
    assert not ReviewAssignment.objects.exists() and not timeline(application).exists()


def test_a_reviewer_is_taken_off_unless_they_submitted(call, panel, staff_member):
    application = numbered(call, 1, S.IN_REVIEW)
    draft, done = (
        ReviewAssignment.objects.create(application=application, reviewer=seat.reviewer)
        for seat in panel[:2]
    )
    Review.objects.create(assignment=done, status=ReviewStatus.SUBMITTED)
    with pytest.raises(Refusal) as refused:
        services.remove_assignment(done, actor=staff_member)
    assert refused.value.code == "grants.review_submitted"
    services.remove_assignment(draft, actor=staff_member)
    assert list(ReviewAssignment.objects.all()) == [done]
    entry = timeline(application).get()
    assert (entry.action, entry.actor, entry.data) == (
        "grants.application.reviewer_removed",
        staff_member,
        {"reviewer": draft.reviewer_id},
    )


# --- the solver's assignment ---------------------------------------------------------


def test_the_solver_assignment_is_audited_and_each_new_reviewer_told_once(
    call, panel, staff_member, django_capture_on_commit_callbacks
):
    themes = ["digital_skills", "seniors", "youth"]  # a third of each reviewer's match
    apps = [numbered(call, n, S.ELIGIBLE, themes=themes) for n in (1, 2)]
    kept = ReviewAssignment.objects.create(
        application=apps[0], reviewer=panel[0].reviewer, source=AssignmentSource.MANUAL
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = services.assign_reviewers(call, actor=staff_member)
    assert (report.applications, report.reviewers, report.created, report.kept) == (2, 3, 3, 1)
    assert ReviewAssignment.objects.get(pk=kept.pk).source == AssignmentSource.MANUAL
    assert ReviewAssignment.objects.filter(source=AssignmentSource.SOLVER).count() == 3
    assert set(Application.objects.values_list("status", flat=True)) == {S.IN_REVIEW}
    entry = timeline(call).get()
    assert (entry.action, entry.actor) == ("grants.call.reviewers_assigned", staff_member)
    assert entry.data == {
        "applications": 2,
        "reviewers": 3,
        "total_affinity": 1.3333,
        "created": 3,
    }
    assert report.total_affinity == pytest.approx(4 / 3)
    new = set(
        ReviewAssignment.objects.filter(source=AssignmentSource.SOLVER).values_list(
            "reviewer__email", flat=True
        )
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(new)


def test_a_second_run_replaces_only_untouched_automatic_assignments(call, panel, staff_member):
    application = numbered(call, 1, S.ELIGIBLE)
    services.assign_reviewers(call, actor=staff_member)
    first = set(ReviewAssignment.objects.values_list("pk", flat=True))
    started = ReviewAssignment.objects.first()
    Review.objects.create(assignment=started)
    report = services.assign_reviewers(call, actor=staff_member)
    assert (report.created, report.kept) == (0, 2)
    assert set(ReviewAssignment.objects.values_list("pk", flat=True)) == first
    application.refresh_from_db()
    assert application.status == S.IN_REVIEW


# --- eligibility ---------------------------------------------------------------------


def test_a_confirmed_check_needs_no_reason_and_an_override_records_both_verdicts(
    call, staff_member
):
    passing = [{"code": "budget_lines", "passed": True, "params": {}}]
    application = numbered(call, 1, S.SUBMITTED, eligibility_checks=passing)
    services.decide_eligibility(application, eligible=True, actor=staff_member, reason="Tinka.")
    entry = timeline(application).get()
    assert (entry.action, entry.actor, entry.data) == (
        "grants.application.eligible",
        staff_member,
        {"from": S.SUBMITTED, "note": "Tinka."},
    )
    other = numbered(call, 2, S.SUBMITTED, eligibility_checks=passing)
    with pytest.raises(Refusal) as refused:
        services.decide_eligibility(other, eligible=False, actor=staff_member, reason="  ")
    assert (refused.value.code, refused.value.field) == ("grants.reason_needed", "reason")
    services.decide_eligibility(other, eligible=False, actor=staff_member, reason=" Netinka. ")
    other.refresh_from_db()
    assert (other.status, other.eligibility_note) == (S.INELIGIBLE, "Netinka.")
    override = timeline(other).first()
    assert (override.action, override.actor, override.data) == (
        "grants.application.eligibility_overridden",
        staff_member,
        {"automatic": True, "decided": False, "reason": " Netinka. "},
    )


def test_confirming_a_failed_check_still_needs_the_reason_the_applicant_reads(call, staff_member):
    failing = [{"code": "budget_lines", "passed": False, "params": {}}]
    application = numbered(call, 1, S.SUBMITTED, eligibility_checks=failing)
    with pytest.raises(Refusal) as refused:
        services.decide_eligibility(application, eligible=False, actor=staff_member)
    assert refused.value.code == "grants.reason_needed"
    services.decide_eligibility(application, eligible=False, actor=staff_member, reason="Nėra.")
    assert [e.action for e in timeline(application)] == ["grants.application.ineligible"]


def test_an_unknown_check_confirmed_eligible_needs_no_reason(call, staff_member):
    unknown = [{"code": "training", "passed": None, "params": {"module": "m1"}}]
    application = numbered(call, 1, S.SUBMITTED, eligibility_checks=unknown)
    services.decide_eligibility(application, eligible=True, actor=staff_member)
    assert [e.action for e in timeline(application)] == ["grants.application.eligible"]


# --- the decision's records ----------------------------------------------------------


def scored(call, application, reviewers, score):  # type: ignore[no-untyped-def]
    for reviewer in reviewers:
        assignment = ReviewAssignment.objects.create(application=application, reviewer=reviewer)
        review = Review.objects.create(assignment=assignment, status=ReviewStatus.SUBMITTED)
        for criterion in call.criteria.all():
            CriterionScore.objects.create(review=review, criterion=criterion, score=score)


def test_the_decision_records_rank_score_amount_and_reason_on_each_application(
    call, panel, committee_member
):
    call.budget = Decimal(5000)
    call.save()
    reviewers = [seat.reviewer for seat in panel[:2]]
    best = numbered(call, 1, S.REVIEWED, requested_total=Decimal(5000))
    second = numbered(call, 2, S.REVIEWED, requested_total=Decimal(4000))
    scored(call, best, reviewers, 4)
    scored(call, second, reviewers, 2)
    outcomes = [
        services.Outcome(best.pk, S.AWARDED, Decimal(5000), ""),
        services.Outcome(second.pk, S.REJECTED, Decimal(100), "Per mažai balų."),
    ]
    decision = services.record_decision(call, outcomes, note="Protokolas", actor=committee_member)
    best.refresh_from_db()
    second.refresh_from_db()
    assert (best.status, best.rank, best.score, best.awarded_amount, best.decision_note) == (
        S.AWARDED,
        1,
        Decimal("53.33"),
        Decimal(5000),
        "",
    )
    assert (second.status, second.rank, second.score, second.awarded_amount) == (
        S.REJECTED,
        2,
        Decimal("26.67"),
        None,
    )
    assert second.decision_note == "Per mažai balų."
    assert (decision.recorded_by, decision.note, decision.total_awarded) == (
        committee_member,
        "Protokolas",
        Decimal(5000),
    )
    assert decision.outcomes == [
        {
            "application": best.pk,
            "reference": "BP2-2015-001",
            "rank": 1,
            "proposed": "awarded",
            "outcome": "awarded",
            "amount": "5000",
            "reason": "",
        },
        {
            "application": second.pk,
            "reference": "BP2-2015-002",
            "rank": 2,
            "proposed": "reserve",
            "outcome": "rejected",
            "amount": "100",
            "reason": "Per mažai balų.",
        },
    ]
    entry = timeline(call).get()
    assert (entry.action, entry.actor, entry.data) == (
        "grants.call.decided",
        committee_member,
        {"decision": decision.pk, "total_awarded": "5000", "count": 2},
    )
    decided = timeline(second).first()
    assert (decided.actor, decided.data) == (
        committee_member,
        {"from": S.REVIEWED, "note": "Per mažai balų."},
    )
    assert Decision.objects.count() == 1


# --- conflicts refreshed -------------------------------------------------------------


def test_refreshing_conflicts_keeps_declared_ones_and_drops_unsubmitted_conflicted_work(
    call, panel, library_a
):
    application = numbered(call, 1, S.IN_REVIEW)
    application.library = library_a
    application.save()
    colleague, neighbour, stranger = (seat.reviewer for seat in panel)
    colleague.organisation = library_a
    colleague.save()
    neighbour.organisation.municipality = library_a.municipality
    neighbour.organisation.save()
    declared = Conflict.objects.create(
        application=application, reviewer=stranger, source=ConflictSource.DECLARED, note="Giminė"
    )
    stale = Conflict.objects.create(
        application=application, reviewer=stranger, source=ConflictSource.PARTNER
    )
    drafts = {
        r.pk: ReviewAssignment.objects.create(application=application, reviewer=r)
        for r in (colleague, neighbour, stranger)
    }
    Review.objects.create(assignment=drafts[neighbour.pk], status=ReviewStatus.SUBMITTED)
    assert services.refresh_conflicts(call) == 3
    found = set(Conflict.objects.values_list("reviewer__first_name", "source", "note"))
    assert found == {
        ("Vida", ConflictSource.SAME_ORGANISATION, ""),
        ("Vida", ConflictSource.SAME_MUNICIPALITY, ""),
        ("Petras", ConflictSource.SAME_MUNICIPALITY, ""),
        ("Jurga", ConflictSource.DECLARED, "Giminė"),
    }
    assert Conflict.objects.filter(pk=declared.pk).exists()
    assert not Conflict.objects.filter(pk=stale.pk).exists()
    remaining = set(ReviewAssignment.objects.values_list("reviewer__first_name", flat=True))
    assert remaining == {"Petras"}  # submitted before the conflict was known


def test_a_library_and_its_branches_count_as_one_organisation(call, panel):
    from pazanga.directory.tests.factories import BranchFactory

    main = LibraryFactory()
    applying_branch, sister_branch = BranchFactory(parent=main), BranchFactory(parent=main)
    application = numbered(call, 1, S.SUBMITTED)
    Application.objects.filter(pk=application.pk).update(library=applying_branch)
    at_main, at_sister, elsewhere = (seat.reviewer for seat in panel)
    at_main.organisation = main
    at_main.save()
    at_sister.organisation = sister_branch
    at_sister.save()
    services.refresh_conflicts(call)
    found = set(Conflict.objects.values_list("reviewer", "source"))
    assert (at_main.pk, ConflictSource.SAME_ORGANISATION) in found
    assert (at_sister.pk, ConflictSource.SAME_ORGANISATION) in found
    assert not any(reviewer == elsewhere.pk for reviewer, _source in found)


def test_drafts_and_withdrawn_applications_have_no_computed_conflicts(call, panel, library_a):
    panel[0].reviewer.organisation = library_a
    panel[0].reviewer.save()
    for number, status in enumerate((S.DRAFT, S.WITHDRAWN), start=1):
        numbered(call, number, status)
    Application.objects.update(library=library_a)
    assert services.refresh_conflicts(call) == 0


def test_an_unscored_application_is_decided_with_a_reason_and_no_score(call, committee_member):
    application = numbered(call, 1, S.REVIEWED, requested_total=Decimal(3000))
    outcome = services.Outcome(application.pk, S.RESERVE, None, "Vertinimai neįvykę.")
    services.record_decision(call, [outcome], note="", actor=committee_member)
    application.refresh_from_db()
    assert (application.status, application.rank, application.score) == (S.RESERVE, 1, None)


# --- the assignment problem as the solver sees it --------------------------------------


def test_the_solver_keeps_kept_pairs_and_leaves_over_assigned_applications_alone(
    call, panel, staff_member, outsider
):
    """k = 2. Kept: made by hand, a review begun, or every pair of a reviewed application;
    a pair whose reviewer left the panel is not fixed; an application holding more than k
    kept pairs is not the solver's to change."""
    vida, petras, jurga = (seat.reviewer for seat in panel)
    by_hand = numbered(call, 1, S.IN_REVIEW)
    ReviewAssignment.objects.create(application=by_hand, reviewer=vida, source="manual")
    ReviewAssignment.objects.create(application=by_hand, reviewer=petras, source="manual")
    begun = numbered(call, 2, S.IN_REVIEW)
    started = ReviewAssignment.objects.create(application=begun, reviewer=jurga, source="solver")
    Review.objects.create(assignment=started)
    ReviewAssignment.objects.create(application=begun, reviewer=vida, source="solver")
    ReviewAssignment.objects.create(application=begun, reviewer=outsider, source="manual")
    reviewed = numbered(call, 3, S.REVIEWED)
    ReviewAssignment.objects.create(application=reviewed, reviewer=petras, source="solver")
    crowded = numbered(call, 4, S.REVIEWED)
    for reviewer in (vida, petras, jurga):
        ReviewAssignment.objects.create(application=crowded, reviewer=reviewer, source="solver")
    Conflict.objects.create(application=crowded, reviewer=vida, source=ConflictSource.DECLARED)
    Conflict.objects.create(application=begun, reviewer=outsider, source=ConflictSource.DECLARED)
    Conflict.objects.create(application=reviewed, reviewer=jurga, source=ConflictSource.PARTNER)
    problem, applications, seats = services.assignment_problem(call)
    assert [a.reference for a in applications] == ["BP2-2015-001", "BP2-2015-002", "BP2-2015-003"]
    assert [seat.reviewer for seat in seats] == [vida, petras, jurga]
    assert problem.fixed == frozenset({(0, 0), (0, 1), (1, 2), (2, 1)})
    assert problem.forbidden == frozenset({(2, 2)})
    assert (problem.per_application, problem.min_load, problem.max_load) == (2, 0, 10)
    assert problem.affinity[0] == (0.5, 0.5, 0.5)


def test_new_solver_pairs_carry_their_match_and_the_move_to_review_its_actor(
    call, panel, staff_member
):
    application = numbered(call, 1, S.ELIGIBLE)
    panel[0].themes = ["digital_skills", "seniors"]
    panel[0].save()
    services.assign_reviewers(call, actor=staff_member)
    matches = dict(ReviewAssignment.objects.values_list("reviewer", "affinity"))
    assert matches[panel[0].reviewer.pk] == 1.0 and sorted(matches.values()) == [0.5, 1.0]
    moved = timeline(application).get()
    assert (moved.action, moved.actor) == ("grants.application.in_review", staff_member)


def test_an_infeasible_assignment_names_the_application_short_of_reviewers(
    call, panel, staff_member
):
    application = numbered(call, 7, S.ELIGIBLE)
    for seat in panel[:2]:
        Conflict.objects.create(
            application=application, reviewer=seat.reviewer, source=ConflictSource.DECLARED
        )
    with pytest.raises(Refusal) as refused:
        services.assign_reviewers(call, actor=staff_member)
    assert refused.value.code == "grants.assignment_infeasible"
    assert refused.value.message == "Su šiais nustatymais vertintojų paskirstyti negalima:"
    assert refused.value.details == [
        "BP2-2015-007 turi 1 vertintoją be interesų konflikto, o reikia 2."
    ]
