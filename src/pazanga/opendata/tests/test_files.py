"""The open-data page and the CSV of each public table."""

import pytest

from pazanga.opendata.tables import TABLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(TABLES))
def test_each_public_table_is_a_csv_with_the_apis_fields(client, paid_grant, name):
    response = client.get(f"/open-data/{name}.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header = response.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[0] == "id"
    if name == "grants":
        assert "reference" in header and "awarded" in header


def test_an_unknown_table_is_not_found(client, programme):
    assert client.get("/open-data/people.csv").status_code == 404


def test_the_page_lists_every_file_with_its_licence_and_says_nothing_personal(client, programme):
    page = client.get("/en/open-data/").content.decode()
    for url in (
        "/open-data/360giving.json",
        "/open-data/iati-activities.xml",
        "/api/v1/schema/",
        *(f"/open-data/{name}.csv" for name in TABLES),
    ):
        assert f'href="{url}"' in page, url
    assert "creativecommons.org/licenses/by/4.0/" in page
    assert "Nothing personal is published here" in page
    lithuanian = client.get("/lt/open-data/").content.decode()
    assert "Čia neskelbiami jokie asmens duomenys" in lithuanian
