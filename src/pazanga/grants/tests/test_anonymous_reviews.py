"""Reviews are anonymous to applicants: the application's history names no reviewer."""

from decimal import Decimal

import pytest

from pazanga.grants.enums import ApplicationStatus, ReviewStatus
from pazanga.grants.models import Review, ReviewAssignment
from pazanga.grants.tests.factories import ApplicationFactory
from pazanga.grants.workflow import submit_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(call, library_a, reviewer):  # type: ignore[no-untyped-def]
    application = ApplicationFactory(
        call=call, library=library_a, status=ApplicationStatus.IN_REVIEW, title="Skaitykla"
    )
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=reviewer, source="manual"
    )
    review = Review.objects.create(assignment=assignment, total=Decimal("70"))
    submit_review(review, ReviewStatus.SUBMITTED, actor=reviewer)
    return application


def test_the_applicant_sees_what_happened_but_not_who_reviewed(
    client_of, librarian_a, reviewed, reviewer
):
    page = client_of(librarian_a).get(f"/en/grants/applications/{reviewed.pk}/")
    history = page.content.decode().split('id="timeline-title"')[1]
    assert reviewer.get_full_name() not in history
    assert "Review submitted" not in history
    # The step the reviewer's submission caused is told, without their name.
    assert "Reviews completed" in history


def test_programme_staff_see_who_reviewed(client_of, staff_member, reviewed, reviewer):
    page = client_of(staff_member).get(f"/en/grants/applications/{reviewed.pk}/")
    history = page.content.decode().split('id="timeline-title"')[1]
    assert "Review submitted" in history
    assert str(reviewer) in history
