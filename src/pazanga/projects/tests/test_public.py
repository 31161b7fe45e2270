"""The public pages: the list with filters and the map, each project's page, its results."""

import re
from decimal import Decimal

import pytest

from pazanga.directory.models import County, Municipality
from pazanga.directory.tests.factories import LibraryFactory
from pazanga.grants.tests.factories import PartnerFactory
from pazanga.projects.tests.factories import approved, awarded_grant, call_for, signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(db):
    """Two real municipalities (their names are the map's) in two counties."""
    alytus = County.objects.create(
        code="LT-AL", name_lt="Alytaus apskritis", name_en="Alytus County"
    )
    kaunas = County.objects.create(code="LT-KU", name_lt="Kauno apskritis", name_en="Kaunas County")
    return {
        "alytus": Municipality.objects.create(
            code="LT-03",
            name_lt="Alytaus rajono savivaldybė",
            short_name_lt="Alytaus r. sav.",
            name_en="Alytus District Municipality",
            county=alytus,
            kind="district",
        ),
        "birstonas": Municipality.objects.create(
            code="LT-05",
            name_lt="Birštono savivaldybė",
            short_name_lt="Birštono sav.",
            name_en="Birštonas Municipality",
            county=kaunas,
            kind="municipality",
        ),
    }


@pytest.fixture
def projects(programme, places, catalogue, clock):
    call = call_for(programme)
    first = awarded_grant(
        call,
        LibraryFactory(municipality=places["alytus"], name="Alytaus r. biblioteka"),
        number=1,
        title="Senjorų skaitmeninės dirbtuvės",
    )
    second = awarded_grant(
        call,
        LibraryFactory(municipality=places["alytus"], name="Daugų filialas"),
        number=2,
        title="Jaunimo medijų laboratorija",
    )
    second.application.themes = ["creative", "youth"]
    second.application.save()
    second.themes = ["creative", "youth"]
    second.save()
    third = awarded_grant(
        call,
        LibraryFactory(municipality=places["birstonas"], name="Birštono biblioteka"),
        number=3,
        title="Kurorto istorijos skaitmeninimas",
    )
    return first, second, third


def page_text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_names_every_project_and_the_map_counts_them(client, projects):
    page = page_text(client.get("/lt/projects/"))
    for grant in projects:
        assert grant.title in page
    assert "3 projektai" in page
    assert "<title>Alytaus r. sav.: 2 projektai</title>" in page
    assert "<title>Birštono sav.: 1 projektas</title>" in page
    assert "<title>Vilniaus m. sav.: 0 projektų</title>" in page
    assert page.count("<path ") == 60
    assert "© OpenStreetMap contributors" in page


def test_the_english_list_speaks_english(client, projects):
    page = page_text(client.get("/en/projects/"))
    assert "Funded projects" in page and "3 projects" in page
    assert "<title>Alytaus r. sav.: 2 projects</title>" in page


def test_the_list_filters_by_county_theme_and_call(client, projects, places, programme):
    first, second, third = projects
    kaunas = places["birstonas"].county
    page = page_text(client.get(f"/lt/projects/?county={kaunas.pk}"))
    assert third.title in page and first.title not in page
    assert "<title>Alytaus r. sav.: 0 projektų</title>" in page
    page = page_text(client.get("/lt/projects/?theme=youth"))
    assert second.title in page and first.title not in page
    other = call_for(programme, code="BP2-2016")
    page = page_text(client.get(f"/lt/projects/?call={other.pk}"))
    assert "Atitinkančių projektų nėra." in page


def test_a_wrong_filter_is_ignored_not_an_error(client, projects):
    page = page_text(client.get("/lt/projects/?county=abc&theme=%3Cscript%3E&page=999"))
    assert projects[0].title in page
    assert "<script>" not in page


def test_results_appear_once_the_final_report_is_approved(
    client, projects, staff_member, librarian_a, library_a
):
    grant = projects[0]
    grant.library = library_a
    grant.save()
    signed(grant, staff_member)
    interim, final = grant.reports.order_by("due_on")
    approved(interim, librarian_a, staff_member)
    page = page_text(client.get(f"/lt/projects/{grant.pk}/"))
    assert 'id="results-title"' not in page
    approved(final, librarian_a, staff_member, spent=(Decimal(500), Decimal(500)), trained=35)
    page = page_text(client.get(f"/lt/projects/{grant.pk}/"))
    assert '<h2 id="results-title">Rezultatai</h2>' in page
    assert "Senjorai išmoko naudotis e. paslaugomis." in page
    assert re.search(r"Apmokyti žmonės \(žmonės\)</td><td>100</td><td>75</td>", page)
    english = page_text(client.get(f"/en/projects/{grant.pk}/"))
    assert '<h2 id="results-title">Results</h2>' in english
    assert re.search(r"Events organised \(events\)</td><td>10</td><td>12</td>", english)


def test_nothing_personal_is_public(client, projects, staff_member, librarian_a, library_a):
    grant = projects[0]
    grant.library = library_a
    grant.save()
    PartnerFactory(application=grant.application, organisation__name="UAB Gaminu")
    signed(grant, staff_member)
    interim, final = grant.reports.order_by("due_on")
    approved(interim, librarian_a, staff_member)
    approved(final, librarian_a, staff_member, spent=(Decimal(500), Decimal(500)))
    for url in ("/lt/projects/", f"/lt/projects/{grant.pk}/", f"/en/projects/{grant.pk}/"):
        page = page_text(client.get(url))
        people = (librarian_a.email, staff_member.email, "Ona", "Onaitė", "Rasa", "Rasaitė")
        for personal in (*people, "Surengėme 12 užsiėmimų"):
            assert personal not in page, (url, personal)
    page = page_text(client.get(f"/lt/projects/{grant.pk}/"))
    assert "UAB Gaminu" in page
    assert "10\u00a0000,00\u00a0EUR" in page
    assert "2015 m. birželio 1 d. – 2016 m. gegužės 31 d." in page
