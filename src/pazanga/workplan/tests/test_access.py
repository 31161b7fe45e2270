"""Every workplan page, opened by every persona: the public pages for anyone, the team's
pages for programme staff only; an activity of another programme does not exist here."""

import pytest
from django.urls import reverse

from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.workplan.models import Activity, ActivityLink, Baseline
from pazanga.workplan.tests.factories import ActivityFactory, link

pytestmark = pytest.mark.django_db
PUBLIC, STAFF = "public", "staff"
PAGES = [
    ("workplan:plan", None, PUBLIC),
    ("workplan:gantt", None, PUBLIC),
    ("workplan:milestones", None, PUBLIC),
    ("workplan:activity", "activity", PUBLIC),
    ("workplan:budget", None, PUBLIC),
    ("workplan:framework", None, PUBLIC),
    ("workplan:framework_xlsx", None, PUBLIC),
    ("workplan:results", None, PUBLIC),
    ("workplan:manage", None, STAFF),
    ("workplan:export", "xlsx", STAFF),
    ("workplan:links", "activity", STAFF),
]
ACTIONS = [
    ("workplan:manage", None),
    ("workplan:baseline", None),
    ("workplan:links", "activity"),
    ("workplan:unlink", "link"),
]
PERSONAS = ["visitor", "outsider", "partner", "reviewer", "librarian_a", "staff_member"]


@pytest.fixture
def world(plan, programme):
    from pazanga.events.tests.factories import EventFactory

    found = link(plan["activity"], EventFactory(programme=programme))
    return {"activity": plan["activity"].pk, "xlsx": "xlsx", "link": found.pk}


def url_of(name: str, key: str | None, world: dict) -> str:  # type: ignore[type-arg]
    if key is None:
        return reverse(name)
    if name == "workplan:unlink":
        return reverse(name, args=[world["activity"], world["link"]])
    return reverse(name, args=[world[key]])


@pytest.fixture
def as_persona(client, request):
    def log_in(persona: str):  # type: ignore[no-untyped-def]
        if persona == "visitor":
            return client
        if persona == "partner":
            user = person_with_role(Role.PARTNER, email="paulius@fondas.example")
        else:
            user = request.getfixturevalue(persona)
        client.force_login(user)
        return client

    return log_in


def expected(kind: str, persona: str) -> set[int]:
    if kind == PUBLIC or persona == "staff_member":
        return {200}
    return {302} if persona == "visitor" else {403}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "key", "kind"), PAGES)
def test_every_page_answers_each_persona_as_its_rule_says(
    world, as_persona, persona, name, key, kind
):
    response = as_persona(persona).get(url_of(name, key, world))
    assert response.status_code in expected(kind, persona)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["visitor", "outsider", "partner", "librarian_a"])
@pytest.mark.parametrize(("name", "key"), ACTIONS)
def test_no_change_is_made_by_someone_it_is_not_for(world, as_persona, persona, name, key):
    response = as_persona(persona).post(url_of(name, key, world), {"name": "x", "record": "x"})
    assert response.status_code in {302, 403}
    assert not Baseline.objects.exists()
    assert ActivityLink.objects.count() == 1
    assert Activity.objects.count() == 3


def test_an_activity_of_another_programme_is_not_found(client_of, staff_member, other_programme):
    other = ActivityFactory(programme=other_programme, number="1")
    for name in ("workplan:activity", "workplan:links"):
        assert client_of(staff_member).get(reverse(name, args=[other.pk])).status_code == 404


def test_a_malformed_or_unknown_number_is_not_found(client_of, staff_member, plan):
    assert client_of(staff_member).get("/lt/workplan/activities/999999/").status_code == 404
    response = client_of(staff_member).post(
        reverse("workplan:unlink", args=[plan["activity"].pk, 999999])
    )
    assert response.status_code == 404
