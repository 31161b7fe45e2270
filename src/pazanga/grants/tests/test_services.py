from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail

from pazanga.common.audit import timeline
from pazanga.common.refusals import Refusal
from pazanga.directory.enums import OrganisationKind
from pazanga.directory.tests.factories import LibraryFactory, OrganisationFactory
from pazanga.grants import services
from pazanga.grants.enums import ApplicationStatus, ConflictSource
from pazanga.grants.models import Application, Conflict, Review, ReviewAssignment
from pazanga.grants.tests.factories import (
    CLOSES,
    ApplicationFactory,
    BudgetLineFactory,
    PartnerFactory,
    complete_application,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def submitted(call, librarian, **fields):  # type: ignore[no-untyped-def]
    application = complete_application(call=call, created_by=librarian, **fields)
    return services.submit_application(application, actor=librarian)


def test_it_numbers_freezes_and_acknowledges_a_submission(
    call, librarian_a, library_a, during_call, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted(call, librarian_a, library=library_a)
    assert application.status == S.SUBMITTED
    assert application.reference == "BP2-2015-001"
    assert application.snapshot["budget"][0]["requested"] == "5000.00"
    assert application.snapshot["partners"][0]["kind"] == OrganisationKind.BUSINESS
    assert application.co_financing_total == Decimal("1000.00")
    assert [c["code"] for c in application.eligibility_checks] == [
        "applicant_kind",
        "partner_kind",
        "budget_lines",
        "budget_adds_up",
        "grant_range",
        "co_financing",
    ]
    assert [m.subject for m in mail.outbox] == ["Paraiška BP2-2015-001 gauta"]
    assert "registracijos numeris – BP2-2015-001" in mail.outbox[0].body
    entry = timeline(application).first()
    assert (entry.action, entry.actor, entry.data) == (
        "grants.application.submitted",
        librarian_a,
        {"from": S.DRAFT, "note": "BP2-2015-001"},
    )
    assert application.number == 1


def test_the_snapshot_freezes_what_reviewers_read(call, librarian_a, library_a, during_call):
    from django.core.files.uploadedfile import SimpleUploadedFile

    application = complete_application(
        call=call,
        library=library_a,
        created_by=librarian_a,
        title="Senjorai internete",
        summary="Kursai senjorams",
        target_community="Senjorai",
        themes=["seniors"],
    )
    upload = SimpleUploadedFile("planas.pdf", b"%PDF-1.4\n%x\n", "application/pdf")
    attachment = services.add_attachment(application, upload, kind="pdf", actor=librarian_a)
    partner = application.partners.get()
    snapshot = services.submit_application(application, actor=librarian_a).snapshot
    assert snapshot == {
        "title": "Senjorai internete",
        "summary": "Kursai senjorams",
        "target_community": "Senjorai",
        "themes": ["seniors"],
        "library": library_a.name,
        "municipality": str(library_a.municipality.name_lt),
        "currency": "EUR",
        "requested_total": "5000.00",
        "partners": [
            {
                "organisation": partner.organisation.name,
                "kind": OrganisationKind.BUSINESS,
                "role": partner.role,
                "contribution": "Patalpos ir kompiuteriai",
            }
        ],
        "budget": [
            {
                "category": "equipment",
                "description": "Planšetiniai kompiuteriai",
                "requested": "5000.00",
                "co_financing": "1000.00",
            }
        ],
        "answers": [],
        "attachments": [{"id": attachment.pk, "name": "planas.pdf", "kind": "pdf", "size": 12}],
    }
    application.refresh_from_db()
    assert (application.submitted_by, application.language) == (librarian_a, "lt")


def test_reference_numbers_follow_each_other_without_gaps(call, librarian_a, during_call):
    references = [
        submitted(call, librarian_a, library=LibraryFactory()).reference for _ in range(3)
    ]
    assert references == ["BP2-2015-001", "BP2-2015-002", "BP2-2015-003"]


def test_a_double_click_on_submit_gives_one_number(call, librarian_a, library_a, during_call):
    application = submitted(call, librarian_a, library=library_a)
    with pytest.raises(Refusal) as refused:
        services.submit_application(application, actor=librarian_a)
    assert "BP2-2015-001" in refused.value.message
    call.refresh_from_db()
    assert call.last_number == 1


def test_submission_one_minute_after_the_deadline_is_refused(call, librarian_a, library_a):
    application = complete_application(call=call, library=library_a)
    late = time_machine.travel(CLOSES + timedelta(minutes=1), tick=False)
    with late, pytest.raises(Refusal) as refused:
        services.submit_application(application, actor=librarian_a)
    assert "2015-04-01 00:00" in refused.value.message
    application.refresh_from_db()
    assert application.status == S.DRAFT and application.reference is None


def test_submission_at_the_closing_instant_is_refused(call, librarian_a, library_a):
    application = complete_application(call=call, library=library_a)
    with time_machine.travel(CLOSES, tick=False), pytest.raises(Refusal) as refused:
        services.submit_application(application, actor=librarian_a)
    assert refused.value.code == "grants.deadline_passed"


def test_submission_in_the_last_minute_is_accepted(call, librarian_a, library_a):
    application = complete_application(call=call, library=library_a)
    with time_machine.travel(CLOSES - timedelta(seconds=1), tick=False):
        services.submit_application(application, actor=librarian_a)
    assert application.status == S.SUBMITTED


@pytest.mark.parametrize(
    ("change", "expected"),
    sorted(
        [
            ("above_maximum", "must be between 1000.00 and 10000.00 EUR"),
            ("lines_do_not_add_up", "add up to 5000.00 EUR, but the amount requested is 4000.00"),
            ("no_business_partner", "requires a partner of this kind: business"),
            ("too_little_co_financing", "Co-financing is 1.0% of the project cost"),
        ]
    ),
)
def test_an_application_breaking_the_rules_cannot_be_submitted(
    change, expected, call, librarian_a, library_a, during_call, settings
):
    settings.LANGUAGE_CODE = "en"
    application = ApplicationFactory(call=call, library=library_a)
    if change != "no_business_partner":
        PartnerFactory(application=application)
    else:
        PartnerFactory(application=application, organisation__kind=OrganisationKind.NGO)
    line = BudgetLineFactory(application=application)
    if change == "above_maximum":
        line.requested = application.requested_total = Decimal("12000")
    if change == "lines_do_not_add_up":
        application.requested_total = Decimal("4000")
    if change == "too_little_co_financing":
        line.co_financing = Decimal("50.50")
    line.save()
    application.save()
    from django.utils import translation

    with translation.override("en"), pytest.raises(Refusal) as refused:
        services.submit_application(application, actor=librarian_a)
    assert refused.value.code == "grants.submission_invalid"
    with translation.override("en"):
        assert refused.value.message.startswith("The application cannot be submitted yet: ")
        assert any(expected in detail for detail in refused.value.details), refused.value.details
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_amounts_in_a_refusal_are_written_as_the_reader_writes_numbers(
    call, librarian_a, library_a, during_call
):
    application = ApplicationFactory(call=call, library=library_a, requested_total=Decimal(12000))
    PartnerFactory(application=application)
    BudgetLineFactory(application=application, requested=Decimal(12000), co_financing=Decimal(55))
    from django.utils import translation

    with pytest.raises(Refusal) as refused:
        services.submit_application(application, actor=librarian_a)
    with translation.override("lt"):
        details = [str(d) for d in refused.value.details]
    with translation.override("en"):
        english = [str(d) for d in refused.value.details]
    assert details == [
        "Prašoma suma (12000,00 EUR) turi būti nuo 1000,00 iki 10000,00 EUR.",
        "Bendrasis finansavimas sudaro 0,5 % projekto išlaidų; kvietimas reikalauja "
        "ne mažiau kaip 10 %.",
    ]
    assert english[1] == (
        "Co-financing is 0.5% of the project cost; the call requires at least 10%."
    )


def test_a_library_applies_once_per_call(call, librarian_a, library_a, during_call):
    librarian_a.preferred_language = "en"
    librarian_a.save()
    first = services.start_application(call, library_a, actor=librarian_a, title="Pirmas")
    assert (first.status, first.title, first.created_by, first.language) == (
        S.DRAFT,
        "Pirmas",
        librarian_a,
        "en",
    )
    assert [(e.action, e.actor) for e in timeline(first)] == [
        ("grants.application.created", librarian_a)
    ]
    with pytest.raises(Refusal) as refused:
        services.start_application(call, library_a, actor=librarian_a, title="Antras")
    assert refused.value.code == "grants.already_applied"
    assert refused.value.message == (
        "Alytaus rajono savivaldybės viešoji biblioteka jau pateikė paraišką šiam kvietimui; "
        "atverkite ją."
    )
    assert Application.objects.filter(library=library_a).count() == 1


def test_a_kind_of_library_the_call_does_not_admit_cannot_apply(call, librarian_a, during_call):
    from pazanga.directory.tests.factories import OrganisationFactory

    county = OrganisationFactory(kind=OrganisationKind.COUNTY_LIBRARY)
    with pytest.raises(Refusal) as refused:
        services.start_application(call, county, actor=librarian_a, title="Apskritis")
    assert refused.value.code == "grants.kind_not_admitted"
    assert refused.value.message == "Teikti paraiškos šiam kvietimui negali: apskrities biblioteka."
    assert not Application.objects.exists()


def test_after_withdrawing_a_library_may_apply_again(call, librarian_a, library_a, during_call):
    first = services.start_application(call, library_a, actor=librarian_a, title="Pirmas")
    services.withdraw_application(first, actor=librarian_a)
    second = services.start_application(call, library_a, actor=librarian_a, title="Antras")
    assert second.status == S.DRAFT


def test_a_closed_call_refuses_new_applications(call, librarian_a, library_a):
    with time_machine.travel(CLOSES, tick=False), pytest.raises(Refusal) as refused:
        services.start_application(call, library_a, actor=librarian_a, title="Vėlai")
    assert refused.value.code == "grants.call_closed"
    assert refused.value.message == "Šis kvietimas paraiškų nepriima."


def test_a_submitted_application_cannot_be_edited(call, librarian_a, library_a, during_call):
    application = submitted(call, librarian_a, library=library_a)
    with pytest.raises(Refusal), services.editing(application):
        pass


def test_overriding_eligibility_needs_a_reason_and_is_recorded(
    call, librarian_a, library_a, staff_member, during_call
):
    application = submitted(call, librarian_a, library=library_a)
    with pytest.raises(Refusal):
        services.decide_eligibility(application, eligible=False, actor=staff_member)
    services.decide_eligibility(
        application, eligible=False, actor=staff_member, reason="Partneris nepasirašė sutarties."
    )
    assert application.status == S.INELIGIBLE
    assert application.eligibility_note == "Partneris nepasirašė sutarties."
    actions = [e.action for e in timeline(application)]
    assert actions[:2] == [
        "grants.application.eligibility_overridden",
        "grants.application.ineligible",
    ]


def test_an_ineligible_applicant_is_told_why_in_their_language(
    call, librarian_a, library_a, staff_member, during_call, django_capture_on_commit_callbacks
):
    librarian_a.preferred_language = "en"
    librarian_a.save()
    application = submitted(call, librarian_a, library=library_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_eligibility(
            application, eligible=False, actor=staff_member, reason="The partner did not sign."
        )
    assert mail.outbox[0].subject == "Application BP2-2015-001 is not eligible"
    assert "Reason: The partner did not sign." in mail.outbox[0].body


def test_conflicts_are_computed_from_organisation_municipality_and_partners(
    call, librarian_a, library_a, panel, during_call
):
    application = submitted(call, librarian_a, library=library_a)
    same_place, partner_org = panel[1].reviewer, panel[2].reviewer
    same_place.organisation = OrganisationFactory(municipality=library_a.municipality)
    same_place.save()
    PartnerFactory(application=application, organisation=partner_org.organisation)
    colleague = panel[0].reviewer
    colleague.organisation = library_a
    colleague.save()
    services.refresh_conflicts(call)
    found = set(Conflict.objects.values_list("reviewer__first_name", "source"))
    assert found == {
        ("Vida", ConflictSource.SAME_ORGANISATION),
        ("Vida", ConflictSource.SAME_MUNICIPALITY),
        ("Petras", ConflictSource.SAME_MUNICIPALITY),
        ("Jurga", ConflictSource.PARTNER),
    }


def eligible_applications(call, librarian, staff, count):  # type: ignore[no-untyped-def]
    apps = []
    for _ in range(count):
        application = submitted(call, librarian, library=LibraryFactory())
        services.decide_eligibility(application, eligible=True, actor=staff)
        apps.append(application)
    return apps


def test_reviewers_are_assigned_optimally_and_never_to_a_conflicted_pair(
    call, librarian_a, staff_member, panel, during_call
):
    apps = eligible_applications(call, librarian_a, staff_member, 3)
    services.declare_conflict(apps[0], reviewer=panel[0].reviewer, note="Pažįstu vadovę.")
    panel[1].themes = ["digital_skills", "seniors"]
    panel[1].save()
    report = services.assign_reviewers(call, actor=staff_member)
    pairs = set(ReviewAssignment.objects.values_list("application_id", "reviewer_id"))
    assert (apps[0].pk, panel[0].reviewer_id) not in pairs
    assert all(sum(1 for a, _r in pairs if a == app.pk) == 2 for app in apps)
    # Petras knows both themes: he reviews all three.
    assert {a for a, r in pairs if r == panel[1].reviewer_id} == {a.pk for a in apps}
    assert report.total_affinity == pytest.approx(3 * 1.0 + 3 * 0.5)
    assert set(Application.objects.values_list("status", flat=True)) == {S.IN_REVIEW}


def test_infeasible_assignment_settings_are_explained(
    call, librarian_a, staff_member, panel, during_call
):
    eligible_applications(call, librarian_a, staff_member, 4)
    call.max_reviewer_load = 2
    call.save()
    with pytest.raises(Refusal) as refused:
        services.assign_reviewers(call, actor=staff_member)
    assert refused.value.details == [
        "Reikia atlikti 8 vertinimus, o komisija gali atlikti daugiausia 6. "
        "Pridėkite vertintojų arba padidinkite didžiausią paraiškų skaičių vienam vertintojui."
    ]
    assert not ReviewAssignment.objects.exists()


def review_all(call, scores_by_reviewer):  # type: ignore[no-untyped-def]
    criteria = list(call.criteria.all())
    for assignment in ReviewAssignment.objects.select_related("application__call", "reviewer"):
        values = scores_by_reviewer[assignment.reviewer.first_name]
        services.save_review(
            assignment,
            scores={c.pk: (Decimal(v), "") for c, v in zip(criteria, values, strict=True)},
            recommendation="fund",
            comment="",
            submit=True,
            actor=assignment.reviewer,
        )


def test_an_incomplete_review_cannot_be_submitted(
    call, librarian_a, staff_member, panel, during_call
):
    eligible_applications(call, librarian_a, staff_member, 1)
    services.assign_reviewers(call, actor=staff_member)
    assignment = ReviewAssignment.objects.first()
    first = call.criteria.first()
    with pytest.raises(Refusal) as refused:
        services.save_review(
            assignment,
            scores={first.pk: (Decimal(11), "")},
            recommendation="",
            comment="",
            submit=True,
            actor=assignment.reviewer,
        )
    assert refused.value.message == "Vertinimas neužbaigtas: trūksta 3 dalykų:"
    assert refused.value.details == [
        "„Poveikis“ vertinamas nuo 0 iki 10.",
        "Įvertinkite „Partnerystė“.",
        "Pasirinkite rekomendaciją.",
    ]
    assert not Review.objects.filter(status="submitted").exists()


def test_last_review_moves_the_application_to_reviewed_and_decision_respects_budget(
    call,
    librarian_a,
    staff_member,
    committee_member,
    panel,
    during_call,
    django_capture_on_commit_callbacks,
):
    apps = eligible_applications(call, librarian_a, staff_member, 3)
    call.max_reviewer_load = 3
    call.budget = Decimal("10000")
    call.save()
    services.assign_reviewers(call, actor=staff_member)
    review_all(call, {"Vida": (10, 5), "Petras": (8, 4), "Jurga": (6, 3)})
    assert set(Application.objects.values_list("status", flat=True)) == {S.REVIEWED}
    from pazanga.grants import queries

    rows = queries.ranking(call)
    proposal = queries.proposal(call, rows)
    assert len(proposal.funded) == 2 and len(proposal.reserve) == 1
    over = [services.Outcome(a.pk, S.AWARDED, Decimal(5000), "x") for a in apps]
    with pytest.raises(Refusal) as refused:
        services.record_decision(call, over, note="", actor=committee_member)
    assert refused.value.details == [
        "Skiriamų dotacijų suma – 15000 EUR, daugiau nei kvietimo biudžetas (10000,00 EUR)."
    ]
    outcomes = [
        services.Outcome(
            pk,
            S.AWARDED if pk in proposal.funded else S.RESERVE,
            Decimal(5000) if pk in proposal.funded else None,
            "",
        )
        for pk in proposal.funded + proposal.reserve
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.record_decision(call, outcomes, note="Posėdis", actor=committee_member)
    assert decision.total_awarded == Decimal(10000)
    assert sorted(Application.objects.values_list("status", flat=True)) == [
        S.AWARDED,
        S.AWARDED,
        S.RESERVE,
    ]
    assert len(mail.outbox) == 3
    assert all(m.attachments[0][2] == "application/pdf" for m in mail.outbox)
    assert {m.subject for m in mail.outbox} == {
        f"Sprendimas dėl paraiškos {a.reference}" for a in apps
    }


def reviewed(call, number, **fields):  # type: ignore[no-untyped-def]
    return ApplicationFactory(
        call=call,
        library=LibraryFactory(),
        status=S.REVIEWED,
        number=number,
        reference=f"{call.code}-{number:03d}",
        **fields,
    )


def test_a_decision_naming_no_application_is_refused_and_records_nothing(call, committee_member):
    from pazanga.grants.models import Decision

    reviewed(call, 1)
    with pytest.raises(Refusal) as refused:
        services.record_decision(call, [], note="", actor=committee_member)
    assert "nenurodyta nė viena paraiška" in refused.value.message
    assert not Decision.objects.exists()
    assert not timeline(call).exists()


@pytest.mark.parametrize(
    ("status", "expected"),
    sorted(
        [
            (S.AWARDED, "BP2-2015-001: dėl jos jau priimtas sprendimas (skirta dotacija)."),
            (S.IN_REVIEW, "BP2-2015-001 būsena – „vertinama“"),
            (S.WITHDRAWN, "BP2-2015-001 būsena – „atsiimta“"),
        ]
    ),
)
def test_only_reviewed_applications_are_decided(status, expected, call, committee_member):
    from pazanga.grants.models import Decision

    application = ApplicationFactory(call=call, status=status, number=1, reference="BP2-2015-001")
    outcome = services.Outcome(application.pk, S.RESERVE, None, "")
    with pytest.raises(Refusal) as refused:
        services.record_decision(call, [outcome], note="", actor=committee_member)
    assert refused.value.details[0].startswith(expected), refused.value.details
    application.refresh_from_db()
    assert application.status == status
    assert not Decision.objects.exists()


def test_a_decision_names_each_application_once_and_only_of_its_call(call, committee_member):
    from pazanga.grants.tests.factories import CallFactory

    application = reviewed(call, 1)
    stranger = reviewed(CallFactory(programme=call.programme, code="KITAS"), 1)
    outcomes = [
        services.Outcome(application.pk, S.RESERVE, None, "a"),
        services.Outcome(application.pk, S.REJECTED, None, "b"),
        services.Outcome(stranger.pk, S.RESERVE, None, "c"),
    ]
    with pytest.raises(Refusal) as refused:
        services.record_decision(call, outcomes, note="", actor=committee_member)
    assert refused.value.message == "Sprendimo užregistruoti negalima: 2 kliūtys."
    assert refused.value.details == [
        "BP2-2015-001 nurodyta du kartus.",
        "Čia negalima priimti sprendimo dėl kito kvietimo paraiškos.",
    ]
    assert set(Application.objects.values_list("status", flat=True)) == {S.REVIEWED}


def test_a_departure_from_the_proposal_without_a_reason_is_named(call, committee_member):
    application = reviewed(call, 1, requested_total=Decimal(5000))
    cut = services.Outcome(application.pk, S.AWARDED, Decimal(4000), "")
    with pytest.raises(Refusal) as refused:
        services.record_decision(call, [cut], note="", actor=committee_member)
    assert refused.value.message == "Sprendimo užregistruoti negalima: 1 kliūtis."
    assert [str(d) for d in refused.value.details] == [
        "BP2-2015-001: sprendimas skiriasi nuo reitingo pasiūlymo – nurodykite priežastį."
    ]


def test_a_draft_review_keeps_exactly_the_scores_last_saved(call, reviewer, committee_member):
    from pazanga.grants.models import CriterionScore

    application = reviewed(call, 1)
    Application.objects.filter(pk=application.pk).update(status=S.IN_REVIEW)
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=reviewer, source="manual"
    )
    impact, partnership = call.criteria.all()

    def save(scores, submit=False):  # type: ignore[no-untyped-def]
        return services.save_review(
            assignment,
            scores=scores,
            recommendation="fund",
            comment="Bendra pastaba",
            submit=submit,
            actor=reviewer,
        )

    save({impact.pk: (Decimal(7), "Aiškus poveikis"), partnership.pk: (None, "")})
    assert list(CriterionScore.objects.values_list("criterion", "score", "comment")) == [
        (impact.pk, Decimal(7), "Aiškus poveikis")
    ]
    review = save({partnership.pk: (Decimal(3), "Vienas partneris")})
    assert list(CriterionScore.objects.values_list("criterion", "score", "comment")) == [
        (partnership.pk, Decimal(3), "Vienas partneris")
    ]
    assert (review.status, review.total, review.comment) == ("draft", None, "Bendra pastaba")
    review = save({impact.pk: (Decimal(10), ""), partnership.pk: (Decimal(5), "")}, submit=True)
    assert (review.status, review.total) == ("submitted", Decimal("100.00"))
    application.refresh_from_db()
    assert application.status == S.REVIEWED
    assert [(e.action, e.actor) for e in timeline(application)] == [
        ("grants.application.reviewed", reviewer),
        ("grants.review.submitted", reviewer),
    ]


def test_a_library_without_a_municipality_is_snapshotted_without_one(
    call, librarian_a, during_call
):
    library = LibraryFactory(municipality=None)
    application = services.submit_application(
        complete_application(call=call, library=library), actor=librarian_a
    )
    assert application.snapshot["municipality"] == ""
    assert application.snapshot["library"] == library.name
