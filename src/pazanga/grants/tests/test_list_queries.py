"""Every grants list view reads its rows in a fixed number of queries: each is fetched
with one item and with three (the shared `query_guard`), every item must be on the page,
and the count is pinned so that a new query per page shows up here too."""

import itertools
from decimal import Decimal

import pytest
from django.urls import reverse

from pazanga.directory.tests.factories import LibraryFactory, OrganisationFactory
from pazanga.grants.enums import ApplicationStatus, ConflictSource
from pazanga.grants.models import Conflict, CriterionScore, Review, ReviewAssignment
from pazanga.grants.tests.factories import ApplicationFactory, CallFactory, CallReviewerFactory
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role

pytestmark = pytest.mark.django_db
S = ApplicationStatus
numbers = itertools.count(1)


def url(name, *args):  # type: ignore[no-untyped-def]
    return reverse(f"grants:{name}", args=args)


def application_in(call, status, **fields):  # type: ignore[no-untyped-def]
    number = next(numbers)
    fields.setdefault("library", LibraryFactory())
    return ApplicationFactory(
        call=call,
        status=status,
        number=number,
        reference=f"{call.code}-{number:03d}",
        title=f"Projektas Nr. {number}",
        **fields,
    )


def scored(call, application, reviewers):  # type: ignore[no-untyped-def]
    for reviewer in reviewers:
        assignment = ReviewAssignment.objects.create(
            application=application, reviewer=reviewer, source="solver"
        )
        review = Review.objects.create(assignment=assignment, status="submitted", total=50)
        for criterion in call.criteria.all():
            CriterionScore.objects.create(review=review, criterion=criterion, score=5)


def test_the_public_call_list(client, query_guard, programme):
    def add():  # type: ignore[no-untyped-def]
        n = next(numbers)
        CallFactory(programme=programme, code=f"K-{n}", title_lt=f"Kvietimas Nr. {n}")
        return f"Kvietimas Nr. {n}"

    query_guard(lambda: client.get(url("calls")), add, pinned=3)


def test_the_staff_call_list(client_of, staff_member, query_guard, programme):
    client = client_of(staff_member)

    def add():  # type: ignore[no-untyped-def]
        n = next(numbers)
        CallFactory(
            programme=programme, code=f"K-{n}", title_lt=f"Juodraštis Nr. {n}", is_published=False
        )
        return f"Juodraštis Nr. {n}"

    query_guard(lambda: client.get(url("calls")), add, pinned=6)


def test_the_awarded_grants(client, query_guard, call):
    def add():  # type: ignore[no-untyped-def]
        return application_in(call, S.AWARDED, awarded_amount=Decimal(4000)).title

    query_guard(lambda: client.get(url("awarded")), add, pinned=2)


def test_a_librarians_applications(client_of, librarian_a, library_a, query_guard, programme):
    client = client_of(librarian_a)

    def add():  # type: ignore[no-untyped-def]
        call = CallFactory(programme=programme, code=f"K-{next(numbers)}")
        return application_in(call, S.DRAFT, library=library_a).title

    query_guard(lambda: client.get(url("mine")), add, pinned=6)


@pytest.mark.parametrize(("name", "pinned"), sorted([("applications", 8), ("eligibility", 7)]))
def test_the_submitted_applications(name, pinned, client_of, staff_member, query_guard, call):
    client = client_of(staff_member)

    def add():  # type: ignore[no-untyped-def]
        return application_in(call, S.SUBMITTED).reference

    query_guard(lambda: client.get(url(name, call.pk)), add, pinned=pinned)


def test_the_conflicts_of_interest(client_of, staff_member, query_guard, call, panel):
    client = client_of(staff_member)

    def add():  # type: ignore[no-untyped-def]
        application = application_in(call, S.ELIGIBLE)
        Conflict.objects.create(
            application=application, reviewer=panel[0].reviewer, source=ConflictSource.DECLARED
        )
        return application.reference

    query_guard(lambda: client.get(url("conflicts", call.pk)), add, pinned=7)


def test_the_assignment(client_of, staff_member, query_guard, call, panel):
    client = client_of(staff_member)
    reviewers = [seat.reviewer for seat in panel]

    def add():  # type: ignore[no-untyped-def]
        application = application_in(call, S.IN_REVIEW)
        scored(call, application, reviewers[:2])
        return application.reference

    query_guard(lambda: client.get(url("assignment", call.pk)), add, pinned=10)


@pytest.mark.parametrize(("name", "pinned"), sorted([("decision", 10), ("ranking", 10)]))
def test_the_ranking_and_the_decision(
    name, pinned, client_of, committee_member, query_guard, call, panel
):
    client = client_of(committee_member)
    reviewers = [seat.reviewer for seat in panel]

    def add():  # type: ignore[no-untyped-def]
        application = application_in(call, S.REVIEWED)
        scored(call, application, reviewers)
        return application.reference

    query_guard(lambda: client.get(url(name, call.pk)), add, pinned=pinned)


def test_the_panel(client_of, staff_member, query_guard, call):
    client = client_of(staff_member)

    def add():  # type: ignore[no-untyped-def]
        n = next(numbers)
        expert = person_with_role(
            Role.REVIEWER,
            email=f"ekspertas{n}@example.org",
            first_name=f"Ekspertas{n}",
            last_name="Vertintojas",
            organisation=OrganisationFactory(),
        )
        CallReviewerFactory(call=call, reviewer=expert)
        return f"Ekspertas{n}"

    query_guard(lambda: client.get(url("panel", call.pk)), add, pinned=8)


def test_a_reviewers_assignments(client_of, reviewer, query_guard, call):
    client = client_of(reviewer)

    def add():  # type: ignore[no-untyped-def]
        application = application_in(call, S.IN_REVIEW)
        ReviewAssignment.objects.create(application=application, reviewer=reviewer, source="solver")
        return application.reference

    query_guard(lambda: client.get(url("my_reviews")), add, pinned=6)
