from datetime import date

import factory
from factory.django import DjangoModelFactory

from pazanga.directory.tests.factories import UserFactory
from pazanga.programme.enums import AssignmentStatus, ProgrammeStatus, Role
from pazanga.programme.models import Programme, RoleAssignment


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("code",)

    code = "bp2"
    name_lt = "Bibliotekos pažangai 2"
    name_en = "Libraries for Innovation 2"
    start_date = date(2013, 12, 1)
    end_date = date(2016, 12, 31)
    status = ProgrammeStatus.CURRENT


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    role = Role.LIBRARY_STAFF
    status = AssignmentStatus.CONFIRMED


def person_with_role(role: str, *, email: str, organisation=None, **fields):  # type: ignore[no-untyped-def]
    """A user holding a confirmed `role` in the current programme."""
    user = UserFactory(email=email, organisation=organisation, **fields)
    RoleAssignmentFactory(
        user=user,
        role=role,
        organisation=organisation if role == Role.LIBRARY_STAFF else None,
    )
    return user
