"""`load_demo --scale N`: each copy of the network is deterministic, loaded once, and of the
size the copies add up to (about 13,000 libraries, 25,000 staff, 6,000 applications at 10).

The test loads copy 2 of the apps that do not need the base training year or the grants'
history (directory, programme, questionnaires, grants), on the base they build on."""

import random

import pytest
from django.apps import apps
from django.db import transaction

from pazanga.common.management.commands.load_demo import DEMO_SEED
from pazanga.directory.demo import copy_domain
from pazanga.directory.enums import OrganisationKind
from pazanga.directory.models import Organisation, User
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.models import Application, Review
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.models import RoleAssignment
from pazanga.questionnaires.models import Response

pytestmark = pytest.mark.django_db

COPIED = ("directory", "programme", "questionnaires", "grants")


def load_copy_two() -> None:
    for label in COPIED:
        config = apps.get_app_config(label)
        with transaction.atomic():
            config.load_demo_copy(random.Random(f"{DEMO_SEED}-{label}-2"), 2)  # noqa: S311


def fingerprint() -> list[tuple[object, ...]]:
    branches = list(
        Organisation.objects.filter(name__contains=" 2-asis filialas")
        .order_by("pk")
        .values_list("name", "parent__name", "staff_headcount")
    )
    applications = list(
        Application.objects.filter(call__code="DEMO-S2")
        .order_by("number")
        .values_list("library__name", "requested_total", "status", "rank", "awarded_amount")
    )
    return branches + applications


def test_a_copy_of_the_network_is_the_same_everywhere_and_loaded_once():
    from django.core.management import call_command

    call_command("load_reference", verbosity=0)
    for label in ("directory", "questionnaires"):  # the base the copies build on
        apps.get_app_config(label).load_demo(random.Random(label))  # noqa: S311
    with transaction.atomic():
        load_copy_two()
        earlier_machine = fingerprint()
        transaction.set_rollback(True)
    assert fingerprint() == []
    load_copy_two()
    assert fingerprint() == earlier_machine
    before = (Organisation.objects.count(), User.objects.count(), Application.objects.count())
    load_copy_two()
    assert (Organisation.objects.count(), User.objects.count(), Application.objects.count()) == (
        before
    )

    branches = Organisation.objects.filter(name__contains=" 2-asis filialas")
    assert 1150 <= branches.count() <= 1400
    assert not branches.exclude(kind=OrganisationKind.BRANCH).exists()
    staff = User.objects.filter(email__endswith=f"@{copy_domain(2)}")
    assert 2300 <= staff.count() <= 2800
    assert (
        RoleAssignment.objects.filter(
            user__in=staff, role=Role.LIBRARY_STAFF, status=AssignmentStatus.CONFIRMED
        ).count()
        == staff.count()
    )
    applications = Application.objects.filter(call__code="DEMO-S2")
    assert 550 <= applications.count() <= 700
    assert set(applications.values_list("status", flat=True)) == {
        ApplicationStatus.AWARDED,
        ApplicationStatus.RESERVE,
    }
    awarded = applications.filter(status=ApplicationStatus.AWARDED).count()
    assert 0.35 <= awarded / applications.count() <= 0.5
    assert sorted(applications.values_list("rank", flat=True)) == list(
        range(1, applications.count() + 1)
    )
    assert Review.objects.filter(assignment__application__in=applications).count() == (
        3 * applications.count()
    )
    survey = Response.objects.filter(instance_id__startswith="demo-copy-2-")
    assert survey.count() == 1500
    assert survey.filter(questionnaire__code="demo-library-use", is_demo=True).count() == 1500
