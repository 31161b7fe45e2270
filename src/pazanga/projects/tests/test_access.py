"""Every project page, opened by every persona: who may, who is refused, and how.

The world: library A's grant under way, with a due payment approved, its interim report
being written with a receipt, an extension waiting for approval and a monitoring visit with a
follow-up action and a photo. Library B's librarian must not learn any of it exists (404).
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.projects import services
from pazanga.projects.enums import GrantStatus, ReportKind, TrancheStatus
from pazanga.projects.tests.factories import awarded_grant, call_for, signed

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%%EOF\n"

PUBLIC = "public"  # anyone
STAFF = "staff"  # programme staff only
WORKERS = "workers"  # programme staff and the grant's own library
LIBRARY = "library"  # the grant's own library only
OWN_LIST = "own list"  # any library staff, showing their own grants
READERS = "readers"  # programme staff, partners, researchers


@pytest.fixture
def world(grant, staff_member, librarian_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    signed(grant, staff_member)
    tranche = services.approve_tranche(grant.tranches.get(position=1), actor=staff_member)
    report = grant.reports.get(kind=ReportKind.INTERIM)
    receipt = services.add_receipt(
        report, SimpleUploadedFile("saskaita.png", PNG), actor=librarian_a
    )
    amendment = services.request_extension(
        grant,
        new_end=date(2016, 8, 31),
        reason="Vėlavo įranga",
        actor=librarian_a,
        by_staff=False,
    )
    visit = services.record_visit(
        grant,
        visited_on=date(2015, 11, 5),
        officer=staff_member,
        checklist={"activities": True},
        findings="Viskas gerai.",
        follow_ups=[("Atsiųsti nuotraukas", date(2015, 12, 1))],
        actor=staff_member,
    )
    photo = services.add_photo(
        visit, SimpleUploadedFile("a.png", PNG), caption="", actor=staff_member
    )
    grant.signed_copy.save("signed.pdf", SimpleUploadedFile("s.pdf", PDF))
    return {
        "grant": grant.pk,
        "call": grant.call_id,
        "report": report.pk,
        "receipt": receipt.pk,
        "tranche": tranche.pk,
        "amendment": amendment.pk,
        "visit": visit.pk,
        "photo": photo.pk,
        "follow_up": visit.follow_ups.get().pk,
    }


GET_PAGES = [
    ("projects:public_list", None, PUBLIC),
    ("projects:public_detail", "grant", PUBLIC),
    ("projects:mine", None, OWN_LIST),
    ("projects:portfolio", None, STAFF),
    ("projects:rollup", None, READERS),
    ("projects:payments", None, STAFF),
    ("projects:indicators", None, STAFF),
    ("projects:call_terms", "call", STAFF),
    ("projects:grant", "grant", WORKERS),
    ("projects:agreement", "grant", WORKERS),
    ("projects:signed_copy", "grant", WORKERS),
    ("projects:targets", "grant", WORKERS),
    ("projects:reallocation", "grant", WORKERS),
    ("projects:extension", "grant", WORKERS),
    ("projects:visit_new", "grant", STAFF),
    ("projects:report", "report", WORKERS),
    ("projects:report_edit", "report", LIBRARY),
    ("projects:receipt", "receipt", WORKERS),
    ("projects:visit", "visit", WORKERS),
    ("projects:photo", "photo", WORKERS),
]
POST_ACTIONS = [
    ("projects:sign", "grant", WORKERS),
    ("projects:grant_status", "grant", STAFF),
    ("projects:tranche", "tranche", STAFF),
    ("projects:report_submit", "report", LIBRARY),
    ("projects:report_review", "report", STAFF),
    ("projects:receipt_add", "report", LIBRARY),
    ("projects:receipt_delete", "receipt", LIBRARY),
    ("projects:amendment_decide", "amendment", STAFF),
    ("projects:photo_add", "visit", STAFF),
    ("projects:follow_up_done", "follow_up", STAFF),
]
PERSONAS = ["visitor", "outsider", "partner", "librarian_b", "librarian_a", "staff_member"]


def url_of(name: str, key: str | None, world: dict) -> str:  # type: ignore[type-arg]
    if key is None:
        return reverse(name)
    args = [world[key], "pay"] if name == "projects:tranche" else [world[key]]
    return reverse(name, args=args)


def expected(kind: str, persona: str) -> set[int]:  # noqa: PLR0911 (one answer per rule)
    """The status codes a persona may get for a kind of page."""
    if kind == PUBLIC:
        return {200}
    if persona == "visitor":
        return {302}  # to the log-in page
    if kind == STAFF:
        return {200, 302} if persona == "staff_member" else {403}
    if kind == READERS:
        return {200} if persona in ("staff_member", "partner") else {403}
    if kind == OWN_LIST:
        return {200} if persona in ("librarian_a", "librarian_b") else {403}
    if kind == LIBRARY:
        return {"librarian_a": {200, 302}, "librarian_b": {404}}.get(persona, {403})
    # WORKERS: staff and the grant's own library; another library does not see it at all.
    return {"librarian_a": {200, 302}, "staff_member": {200, 302}, "librarian_b": {404}}.get(
        persona, {403}
    )


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


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "key", "kind"), GET_PAGES)
def test_every_page_answers_each_persona_as_its_rule_says(
    world, as_persona, outsider, librarian_a, librarian_b, staff_member, persona, name, key, kind
):
    response = as_persona(persona).get(url_of(name, key, world))
    assert response.status_code in expected(kind, persona), response.status_code
    if response.status_code == 302 and persona == "visitor":
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["visitor", "outsider", "partner", "librarian_b"])
@pytest.mark.parametrize(("name", "key", "kind"), POST_ACTIONS)
def test_no_action_is_taken_by_someone_it_is_not_for(
    world, as_persona, outsider, librarian_b, persona, name, key, kind
):
    response = as_persona(persona).post(
        url_of(name, key, world),
        {
            "action": "terminate",
            "reason": "x",
            "decision": "approve",
            "signed_on": "2015-06-10",
            "paid_on": "2015-07-01",
            "payment_reference": "X",
        },
    )
    assert response.status_code in expected(kind, persona) - {200}
    from pazanga.projects.models import Grant

    grant = Grant.objects.get(pk=world["grant"])
    assert grant.status == GrantStatus.ACTIVE
    assert grant.tranches.get(position=1).status == TrancheStatus.APPROVED
    assert grant.amendments.get().status == "requested"


@pytest.mark.parametrize(
    "name",
    [
        "projects:grant_status",
        "projects:tranche",
        "projects:report_review",
        "projects:amendment_decide",
        "projects:photo_add",
        "projects:follow_up_done",
    ],
)
def test_the_grants_own_library_cannot_take_staff_actions(world, client_of, librarian_a, name):
    key = {n: k for n, k, _kind in POST_ACTIONS}[name]
    response = client_of(librarian_a).post(
        url_of(name, key, world), {"action": "terminate", "reason": "x", "decision": "approve"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name", ["projects:report_submit", "projects:receipt_add", "projects:receipt_delete"]
)
def test_staff_do_not_write_the_librarys_report(world, client_of, staff_member, name):
    key = {n: k for n, k, _kind in POST_ACTIONS}[name]
    assert client_of(staff_member).post(url_of(name, key, world)).status_code == 403


def test_a_grant_of_another_programme_is_out_of_reach(
    other_programme, library_a, catalogue, clock, client_of, staff_member
):
    call = call_for(other_programme, code="BP1-2011")
    grant = awarded_grant(call, library_a)
    for name in ("projects:grant", "projects:public_detail"):
        assert client_of(staff_member).get(reverse(name, args=[grant.pk])).status_code == 404


def test_a_malformed_or_unknown_number_is_not_found(client_of, staff_member, grant):
    client = client_of(staff_member)
    assert client.get(f"/lt/projects/grants/{grant.pk + 999}/").status_code == 404
    assert client.post(f"/lt/projects/tranches/{grant.pk}/explode/").status_code == 404
