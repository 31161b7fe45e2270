"""Error pages are the platform's own, in the page's language, under production settings."""

import pytest
from django.test import Client, override_settings

from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.tests.factories import RoleAssignmentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/lt/no-such-page/", "Puslapis nerastas"),
        ("/en/no-such-page/", "Page not found"),
        ("/lt/events/no-such-event/", "Puslapis nerastas"),
    ],
)
def test_a_missing_page_is_branded_and_in_the_pages_language(client, programme, path, heading):
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert 'class="site-header"' in page


def test_a_forbidden_page_tells_a_pending_person_their_role_awaits_confirmation(
    client_of, programme, library_a
):
    pending = RoleAssignmentFactory(
        status=AssignmentStatus.PENDING, role=Role.LIBRARY_STAFF, organisation=library_a
    ).user
    response = client_of(pending).get("/lt/events/manage/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Jūsų vaidmuo programoje laukia programos komandos patvirtinimo" in page


def test_a_forbidden_page_tells_others_whom_to_ask(client_of, outsider, programme):
    response = client_of(outsider).get("/en/events/manage/")
    assert response.status_code == 403
    assert "write to the programme team" in response.content.decode()


def test_a_form_sent_without_its_token_explains_what_to_do(outsider, programme):
    client = Client(enforce_csrf_checks=True)
    client.force_login(outsider)
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 403
    assert "The form has expired" in response.content.decode()


def boom(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("a fault")


@pytest.mark.parametrize(
    ("language", "heading"), [("lt", "Kažkas nepavyko"), ("en", "Something went wrong")]
)
def test_a_server_fault_shows_a_branded_page_without_the_database(language, heading, programme):
    from django.urls import path

    from config import urls

    patterns = [path(f"{language}/boom/", boom), *urls.urlpatterns]
    module = type("Urls", (), {"urlpatterns": patterns, "handler500": urls.handler500})
    with override_settings(ROOT_URLCONF=module):
        client = Client(raise_request_exception=False)
        response = client.get(f"/{language}/boom/")
    assert response.status_code == 500
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_a_bad_request_is_branded(client, programme):
    from django.core.exceptions import SuspiciousOperation  # noqa: F401 (documented cause)

    response = client.get("/lt/", HTTP_HOST="bad host name")
    assert response.status_code == 400
    assert "Užklausa nesuprasta" in response.content.decode()
