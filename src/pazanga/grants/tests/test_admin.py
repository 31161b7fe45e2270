"""The grants models in the admin: staff only, filters and search work, statuses are
read-only (they change through the workflow)."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse

from pazanga.directory.tests.factories import UserFactory
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.models import (
    Application,
    Call,
    Conflict,
    Decision,
    Review,
    ReviewAssignment,
)
from pazanga.grants.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
MODELS = {
    "application": Application,
    "call": Call,
    "conflict": Conflict,
    "decision": Decision,
    "review": Review,
    "reviewassignment": ReviewAssignment,
}


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@lnb.example", is_staff=True, is_superuser=True)


@pytest.fixture
def submitted(call, library_a, reviewer):
    application = ApplicationFactory(
        call=call,
        library=library_a,
        status=ApplicationStatus.SUBMITTED,
        reference="BP2-2015-001",
        number=1,
        title="Kino klubas",
    )
    assignment = ReviewAssignment.objects.create(
        application=application, reviewer=reviewer, source="manual"
    )
    Review.objects.create(assignment=assignment, total=Decimal(70))
    Conflict.objects.create(application=application, reviewer=reviewer, source="declared")
    Decision.objects.create(call=call, total_awarded=Decimal(0))
    return application


def changelist(name):  # type: ignore[no-untyped-def]
    return reverse(f"admin:grants_{name}_changelist")


def test_every_grants_model_is_registered():
    for model in MODELS.values():
        assert admin.site.is_registered(model)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_staff_list_search_and_filter_every_model(name, client_of, admin_user, submitted):
    client = client_of(admin_user)
    listing = client.get(changelist(name))
    assert listing.status_code == 200
    assert "BP2-2015" in listing.content.decode()
    assert listing.context["cl"].model_admin.list_filter, "every list has filters"
    searched = client.get(changelist(name), {"q": "BP2-2015"})
    assert searched.status_code == 200 and len(searched.context["cl"].result_list) == 1


def test_search_finds_an_application_by_reference_or_title(client_of, admin_user, submitted):
    client = client_of(admin_user)
    ApplicationFactory(call=submitted.call, title="Skaitymo iššūkis")
    found = client.get(changelist("application"), {"q": "Kino"}).context["cl"].result_list
    assert [a.reference for a in found] == ["BP2-2015-001"]


def test_the_status_cannot_be_changed_in_the_admin(client_of, admin_user, submitted):
    client = client_of(admin_user)
    url = reverse("admin:grants_application_change", args=[submitted.pk])
    page = client.get(url).content.decode()
    assert 'name="status"' not in page and 'name="reference"' not in page
    assert 'name="title"' in page


def test_a_recorded_decision_is_read_only(client_of, admin_user, submitted):
    decision = Decision.objects.get()
    client = client_of(admin_user)
    assert client.get(reverse("admin:grants_decision_add")).status_code == 403
    page = client.get(reverse("admin:grants_decision_change", args=[decision.pk])).content
    assert b'name="note"' not in page


@pytest.mark.parametrize("persona", sorted(["outsider", "staff_member", "librarian_a"]))
def test_people_without_admin_access_are_sent_to_the_admin_login(persona, request, client_of):
    response = client_of(request.getfixturevalue(persona)).get(changelist("application"))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_the_status_filter_narrows_the_application_list(client_of, admin_user, submitted):
    client = client_of(admin_user)
    ApplicationFactory(call=submitted.call, title="Skaitymo iššūkis")
    listed = client.get(changelist("application"), {"status__exact": "submitted"})
    assert [a.title for a in listed.context["cl"].result_list] == ["Kino klubas"]


def test_a_reviewer_or_library_with_history_is_never_deleted(
    client_of, admin_user, submitted, reviewer, library_a, staff_member, call
):
    """Conflicts, assignments, applications and recorded decisions are evidence: they
    protect the people and libraries they name, and the admin offers no delete for them."""
    from django.db.models import ProtectedError

    Decision.objects.filter(call=call).update(recorded_by=staff_member)
    for person in (reviewer, staff_member, library_a):
        with pytest.raises(ProtectedError):
            person.delete()
    assert Conflict.objects.filter(reviewer=reviewer).exists()
    client = client_of(admin_user)
    for name, obj in (("conflict", Conflict.objects.get()), ("application", submitted)):
        page = reverse(f"admin:grants_{name}_delete", args=[obj.pk])
        assert client.get(page).status_code == 403
