import pytest
from django.core.management import call_command

from pazanga.directory.enums import OrganisationKind, Settlement
from pazanga.directory.forms import SEARCH_MAX_LENGTH
from pazanga.directory.tests.factories import (
    BranchFactory,
    CountyFactory,
    LibraryFactory,
    MunicipalityFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db
LIST = "/lt/libraries/"


def names(response):
    return [org.name for org in response.context["page"].object_list]


def test_it_finds_libraries_by_name_without_caring_about_case_or_diacritics(client):
    LibraryFactory(name="Šiaulių rajono savivaldybės viešoji biblioteka")
    LibraryFactory(name="Kauno apskrities viešoji biblioteka")
    for query in ("šiaulių", "SIAULIU", "Šiaulių rajono"):
        assert names(client.get(LIST, {"q": query})) == [
            "Šiaulių rajono savivaldybės viešoji biblioteka"
        ]


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("lt", "Vilnius", "Vilniaus apskrities Adomo Mickevičiaus viešoji biblioteka"),
        ("lt", "Kaunas", "Kauno apskrities viešoji biblioteka"),
        ("lt", "Mažvydas", "Lietuvos nacionalinė Martyno Mažvydo biblioteka"),
        ("lt", "mazvydo", "Lietuvos nacionalinė Martyno Mažvydo biblioteka"),
        ("lt", "Šiauliai apskrities", "Šiaulių apskrities Povilo Višinskio viešoji biblioteka"),
        ("lt", "nacionaline", "Lietuvos nacionalinė Martyno Mažvydo biblioteka"),
        ("en", "national library", "Lietuvos nacionalinė Martyno Mažvydo biblioteka"),
        ("lt", "klaip", "Klaipėdos apskrities Ievos Simonaitytės viešoji biblioteka"),
    ],
)
def test_it_finds_the_forms_people_type(client, language, query, expected):
    call_command("load_reference", verbosity=0)
    response = client.get(f"/{language}/libraries/", {"q": query})
    assert expected in names(response)


def test_every_word_typed_must_match(client):
    city = MunicipalityFactory(name_lt="Kauno miesto savivaldybė", name_en="Kaunas City")
    LibraryFactory(name="Kauno apskrities viešoji biblioteka", municipality=city)
    LibraryFactory(name="Kauno rajono savivaldybės viešoji biblioteka", municipality=city)
    assert names(client.get(LIST, {"q": "kaunas rajonas"})) == [
        "Kauno rajono savivaldybės viešoji biblioteka"
    ]


@pytest.mark.parametrize("query", ["!!!", "—", "...,;"])
def test_a_search_of_punctuation_only_asks_for_letters(client, query):
    LibraryFactory()
    response = client.get(LIST, {"q": query})
    assert names(response) == []
    assert "Įveskite bent vieną raidę arba skaitmenį." in response.content.decode()


def test_it_filters_by_county_municipality_kind_and_settlement(client):
    north, south = CountyFactory(), CountyFactory()
    town = MunicipalityFactory(county=north)
    central = LibraryFactory(name="Centrinė", municipality=town)
    BranchFactory(name="Kaimo filialas", parent=central, settlement=Settlement.RURAL)
    BranchFactory(name="Miesto filialas", parent=central, settlement=Settlement.URBAN)
    LibraryFactory(name="Pietų biblioteka", municipality=MunicipalityFactory(county=south))

    assert sorted(names(client.get(LIST, {"county": north.pk}))) == [
        "Centrinė",
        "Kaimo filialas",
        "Miesto filialas",
    ]
    assert names(client.get(LIST, {"municipality": town.pk, "settlement": "rural"})) == [
        "Kaimo filialas"
    ]
    assert names(client.get(LIST, {"kind": OrganisationKind.MUNICIPAL_LIBRARY})) == [
        "Centrinė",
        "Pietų biblioteka",
    ]


@pytest.mark.parametrize("query", ['"; DROP TABLE x; --', "O'Brien", "%_\\", "<script>"])
def test_odd_characters_are_searched_literally_and_escaped(client, query):
    LibraryFactory(name="Biržų viešoji biblioteka")
    response = client.get(LIST, {"q": query})
    assert response.status_code == 200
    assert names(response) == []
    assert b"<script>" not in response.content


def test_a_very_long_search_is_refused_with_a_message(client):
    LibraryFactory()
    response = client.get(LIST, {"q": "a" * (SEARCH_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert names(response) == []
    assert "Paieškos tekstas gali būti ne ilgesnis kaip 100 simbolių." in response.content.decode()


def test_an_unknown_filter_value_is_reported_not_a_crash(client):
    response = client.get(LIST, {"county": "999999", "kind": "castle"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"county", "kind"}


def test_it_paginates_and_keeps_the_filters(client):
    library = LibraryFactory(name="Centrinė")
    BranchFactory.create_batch(60, parent=library)
    response = client.get(LIST, {"kind": "branch"})
    assert len(response.context["page"].object_list) == 50
    assert "?kind=branch&amp;page=2" in response.content.decode()
    assert len(client.get(LIST, {"kind": "branch", "page": 2}).context["page"].object_list) == 10
    # A page number past the end shows the last page instead of an error.
    assert client.get(LIST, {"kind": "branch", "page": 99}).context["page"].number == 2


def test_the_directory_has_pinned_queries(query_guard, client):
    def add() -> str:
        return LibraryFactory().name

    query_guard(lambda: client.get(LIST), add, pinned=4)


def test_the_municipality_list_has_pinned_queries(query_guard, client):
    def add() -> str:
        return LibraryFactory().municipality.name

    query_guard(lambda: client.get("/lt/municipalities/"), add, pinned=1)


def test_a_library_page_lists_its_branches(client):
    central = LibraryFactory(name="Zarasų rajono savivaldybės viešoji biblioteka")
    BranchFactory(name="Antazavės filialas", parent=central)
    BranchFactory(name="Dusetų filialas", parent=central)
    page = client.get(central.get_absolute_url()).content.decode()
    assert "Antazavės filialas" in page
    assert "Dusetų filialas" in page
    assert "2 filialai" in page


def test_a_partner_page_shows_no_branch_section(client):
    partner = OrganisationFactory(name="UAB Bitė Lietuva", kind=OrganisationKind.BUSINESS)
    page = client.get(partner.get_absolute_url()).content.decode()
    assert "UAB Bitė Lietuva" in page
    assert "Filialai" not in page


def test_an_unknown_organisation_is_404(client):
    assert client.get("/lt/libraries/999999/").status_code == 404


def test_the_profile_needs_a_login_and_saves(client, client_of, outsider):
    assert client.get("/lt/account/profile/").status_code == 302
    response = client_of(outsider).post(
        "/lt/account/profile/",
        {"first_name": "Čarlis", "last_name": "Čaplinas", "preferred_language": "en"},
    )
    assert response.status_code == 302
    outsider.refresh_from_db()
    assert (outsider.last_name, outsider.preferred_language) == ("Čaplinas", "en")
