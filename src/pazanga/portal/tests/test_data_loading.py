"""The real reference data and the demo data: complete, marked, deterministic, idempotent."""

import pytest
from django.core.management import call_command
from django.db import transaction

from pazanga.directory.enums import LIBRARY_KINDS, OrganisationKind, Settlement
from pazanga.directory.models import County, Municipality, Organisation, User
from pazanga.portal.models import NewsItem
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.models import Programme, RoleAssignment

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "counties": County.objects.count(),
        "municipalities": Municipality.objects.count(),
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "assignments": RoleAssignment.objects.count(),
        "news": NewsItem.objects.count(),
        "programmes": Programme.objects.count(),
    }


def demo_fingerprint() -> list[tuple[str, ...]]:
    libraries = list(
        Organisation.objects.filter(is_demo=True)
        .order_by("name")
        .values_list("name", "settlement", "staff_headcount")
    )
    people = list(
        User.objects.filter(is_demo=True)
        .order_by("first_name", "last_name", "organisation__name")
        .values_list("first_name", "last_name", "organisation__name")
    )
    return libraries + people


def test_the_data_loads_the_same_on_every_machine_and_only_once():
    call_command("load_reference", verbosity=0)
    with transaction.atomic():
        call_command("load_demo", verbosity=0)
        earlier_machine = demo_fingerprint()
        transaction.set_rollback(True)
    assert demo_fingerprint() == []
    call_command("load_demo", verbosity=0)
    assert demo_fingerprint() == earlier_machine
    first = counts()
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert counts() == first

    assert (first["counties"], first["municipalities"]) == (10, 60)
    libraries = Organisation.objects.filter(kind__in=LIBRARY_KINDS)
    assert 1250 <= libraries.count() <= 1350
    rural_share = libraries.filter(settlement=Settlement.RURAL).count() / libraries.count()
    assert 0.80 <= rural_share <= 0.88
    # Every municipality has exactly one central library, with branches under it.
    centrals = Organisation.objects.filter(kind=OrganisationKind.MUNICIPAL_LIBRARY)
    assert sorted(centrals.values_list("municipality__code", flat=True)) == sorted(
        Municipality.objects.values_list("code", flat=True)
    )
    assert not Organisation.objects.filter(kind=OrganisationKind.BRANCH, parent=None).exists()
    # The names sources give are used, and are not marked as demo.
    telsiai = centrals.get(municipality__code="LT-51")
    assert telsiai.name == "Telšių rajono savivaldybės Karolinos Praniauskaitės viešoji biblioteka"
    assert not telsiai.is_demo
    staff = User.objects.filter(is_demo=True, email__endswith="@bibliotekos.example")
    assert 2300 <= staff.count() <= 2700
    assert (
        RoleAssignment.objects.filter(
            role=Role.LIBRARY_STAFF, status=AssignmentStatus.CONFIRMED
        ).count()
        >= staff.count()
    )


@pytest.mark.parametrize("email", ["admin@pazanga.example", "biblioteka@pazanga.example"])
def test_the_printed_demo_logins_work(client, email):
    from pazanga.programme.demo import DEMO_PASSWORD

    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0)
    response = client.post("/lt/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/lt/my/"
    assert "Sveiki" in client.get("/lt/my/").content.decode()
