import pytest

from pazanga.directory.tests.factories import UserFactory
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.permissions import is_programme_staff, libraries_of, roles_of
from pazanga.programme.tests.factories import ProgrammeFactory, RoleAssignmentFactory

pytestmark = pytest.mark.django_db


def test_only_confirmed_roles_count(programme, library_a):
    person = UserFactory()
    RoleAssignmentFactory(user=person, organisation=library_a, status=AssignmentStatus.PENDING)
    assert roles_of(person) == set()
    assert libraries_of(person) == []


def test_library_staff_act_for_their_own_library_only(librarian_a, library_a, library_b):
    assert roles_of(librarian_a) == {Role.LIBRARY_STAFF}
    assert libraries_of(librarian_a) == [library_a]


def test_roles_belong_to_one_programme(programme, library_a):
    other = ProgrammeFactory(code="other", status="past")
    person = UserFactory()
    RoleAssignmentFactory(user=person, programme=other, role=Role.REVIEWER)
    assert roles_of(person) == set()
    assert roles_of(person, other) == {Role.REVIEWER}


def test_superusers_are_programme_staff_and_outsiders_nothing(programme, outsider):
    admin = UserFactory(is_superuser=True)
    assert is_programme_staff(admin)
    assert roles_of(outsider) == set()
    assert not is_programme_staff(outsider)


def test_a_link_is_given_by_the_rule_its_view_applies(client, staff_member, librarian_a, outsider):
    from django.contrib.auth.models import AnonymousUser

    from pazanga.programme.permissions import link_for, may_open

    assert link_for(staff_member, "programme:pending_assignments") == "/lt/manage/people/pending/"
    for person in (librarian_a, outsider, AnonymousUser()):
        assert not may_open(person, "programme:pending_assignments")
    # What the link promises, the view keeps.
    client.force_login(librarian_a)
    assert client.get("/lt/manage/people/pending/").status_code == 403
    client.force_login(staff_member)
    assert client.get("/lt/manage/people/pending/").status_code == 200
    # A page without a role check is open to everyone; a name that is no page, to no one.
    assert may_open(AnonymousUser(), "portal:programme")
    assert link_for(staff_member, "programme:no_such_page") == ""
