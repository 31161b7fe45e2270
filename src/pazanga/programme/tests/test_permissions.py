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
