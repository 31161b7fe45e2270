"""The admin: the catalogue and the call terms are edited there; grants are only shown."""

import pytest

from pazanga.directory.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, grant):
    client.force_login(UserFactory(email="admin@lnb.example", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("path", ["indicator/", "callterms/", "grant/", "report/", "amendment/"])
def test_every_list_opens(admin_client, path):
    response = admin_client.get(f"/lt/admin/projects/{path}")
    assert response.status_code == 200


def test_a_grant_is_shown_not_edited(admin_client, grant):
    page = admin_client.get(f"/lt/admin/projects/grant/{grant.pk}/change/").content.decode()
    assert "BP2-2015-001" in page
    assert 'name="status"' not in page
    response = admin_client.post(
        f"/lt/admin/projects/grant/{grant.pk}/change/", {"status": "closed"}
    )
    assert response.status_code == 403
    grant.refresh_from_db()
    assert grant.status == "agreement"
