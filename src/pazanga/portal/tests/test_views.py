from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from pazanga.portal.models import NewsItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_data(db):
    call_command("load_reference", verbosity=0)


def news(**fields):
    defaults = {"title_lt": "Naujiena", "title_en": "News item", "body_lt": "Tekstas"}
    return NewsItem.objects.create(**{**defaults, **fields})


def test_the_root_goes_to_the_lithuanian_portal(client):
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/lt/")


def test_the_root_remembers_a_chosen_language(client):
    client.cookies["django_language"] = "en"
    assert client.get("/")["Location"] == "/en/"


def test_the_home_page_names_the_programme_in_each_language(client, real_data):
    assert "Bibliotekos pažangai 2" in client.get("/lt/").content.decode()
    assert "Libraries for Innovation 2" in client.get("/en/").content.decode()


def test_the_home_page_groups_thousands_as_each_language_does(client, programme):
    from pazanga.directory.enums import OrganisationKind, Settlement
    from pazanga.directory.models import Organisation
    from pazanga.directory.tests.factories import LibraryFactory

    central = LibraryFactory()
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Filialas {n}",
            kind=OrganisationKind.BRANCH,
            parent=central,
            settlement=Settlement.RURAL,
        )
        for n in range(1000)
    )
    assert '<span class="stat">1\xa0001</span>' in client.get("/lt/").content.decode()
    assert '<span class="stat">1,001</span>' in client.get("/en/").content.decode()


def test_the_programme_page_carries_the_announcement_in_both_languages(client, real_data):
    lithuanian = client.get("/lt/programme/").content.decode()
    assert "Apie projektą" in lithuanian
    assert "vartotojų analizė, inovacijų kūrimas, atstovavimas" in lithuanian
    assert "2013 m. gruodžio 1 d." in lithuanian
    english = client.get("/en/programme/").content.decode()
    assert "user analysis, innovation, advocacy, publicity, impact assessment" in english
    assert "Bill &amp; Melinda Gates Foundation" in english
    # Values in their own currency, with the euro equivalent at the fixed litas rate.
    assert "12,500,000.00\u00a0LTL" in english
    assert "3,620,250.23\u00a0EUR" in english
    assert "12\u00a0500\u00a0000,00\u00a0LTL" in lithuanian


def test_the_predecessor_is_a_past_programme(client, real_data):
    page = client.get("/en/programme/bp1/").content.decode()
    assert "Libraries for Innovation" in page
    assert "112,000,000.00\u00a0LTL" in page


def test_visitors_see_only_published_news(client):
    news(title_lt="Paskelbta")
    news(title_lt="Juodraštis", is_published=False)
    news(title_lt="Rytojaus", published_at=timezone.now() + timedelta(days=1))
    page = client.get("/lt/news/").content.decode()
    assert "Paskelbta" in page
    assert "Juodraštis" not in page
    assert "Rytojaus" not in page
    draft = NewsItem.objects.get(title_lt="Juodraštis")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_write_edit_and_delete_news_after_confirming(client_of, staff_member):
    client = client_of(staff_member)
    form = {
        "title_lt": "Mokymai prasideda",
        "title_en": "Training begins",
        "body_lt": "Pirmieji mokymai.",
        "published_at": "2014-03-10T09:00",
        "is_published": "on",
    }
    response = client.post("/lt/news/new/", form)
    item = NewsItem.objects.get(title_lt="Mokymai prasideda")
    assert response["Location"] == item.get_absolute_url()
    assert item.author == staff_member
    assert "Training begins" in client.get(f"/en/news/{item.pk}/").content.decode()

    client.post(f"/lt/news/{item.pk}/edit/", {**form, "title_lt": "Mokymai prasidėjo"})
    item.refresh_from_db()
    assert item.title_lt == "Mokymai prasidėjo"

    confirm = client.get(f"/lt/news/{item.pk}/delete/")
    assert "Šio veiksmo atšaukti negalėsite" in confirm.content.decode()
    assert NewsItem.objects.filter(pk=item.pk).exists()
    client.post(f"/lt/news/{item.pk}/delete/")
    assert not NewsItem.objects.filter(pk=item.pk).exists()


def test_a_news_form_with_errors_keeps_what_was_typed(client_of, staff_member):
    response = client_of(staff_member).post(
        "/lt/news/new/", {"title_lt": "", "body_lt": "Ilgas tekstas, kurio nepraradome."}
    )
    assert response.status_code == 200
    assert "title_lt" in response.context["form"].errors
    assert "Ilgas tekstas, kurio nepraradome." in response.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "librarian_a", "reviewer"])
def test_only_programme_staff_manage_news(client_of, request, persona):
    item = news()
    client = client_of(request.getfixturevalue(persona))
    for url in ("/lt/news/new/", f"/lt/news/{item.pk}/edit/", f"/lt/news/{item.pk}/delete/"):
        assert client.get(url).status_code == 403
        assert client.post(url, {"title_lt": "x", "body_lt": "y"}).status_code == 403
    assert NewsItem.objects.get().title_lt == "Naujiena"


def test_the_dashboard_needs_a_login_and_shows_the_persons_library(
    client, client_of, librarian_a, library_a
):
    assert client.get("/lt/my/").status_code == 302
    page = client_of(librarian_a).get("/lt/my/").content.decode()
    assert library_a.name in page


def test_the_news_list_has_pinned_queries(query_guard, client):
    titles = iter(f"Naujiena Nr. {n}" for n in range(1, 9))

    def add() -> str:
        return str(news(title_lt=next(titles)).title_lt)

    query_guard(lambda: client.get("/lt/news/"), add, pinned=3)


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        ("outsider", ["Mano puslapis"], ["Laukia patvirtinimo", "Mano paraiškos", "Klausimynai"]),
        (
            "librarian_a",
            ["Mano paraiškos", "Mano mokymai"],
            ["Laukia patvirtinimo", "Mano vertinimai"],
        ),
        ("reviewer", ["Mano vertinimai"], ["Mano paraiškos", "Renginių valdymas"]),
        (
            "staff_member",
            ["Laukia patvirtinimo", "Renginių valdymas", "Klausimynai"],
            ["Mano vertinimai"],
        ),
    ],
)
def test_the_workspace_menu_shows_what_each_role_may_use(
    client_of, request, persona, shown, hidden
):
    page = client_of(request.getfixturevalue(persona)).get("/lt/news/").content.decode()
    menu = page.split('class="workspace"')[1].split("</nav>")[0]
    for label in shown:
        assert label in menu
    for label in hidden:
        assert label not in menu


def test_visitors_see_no_workspace_menu(client):
    assert 'class="workspace"' not in client.get("/lt/news/").content.decode()


def test_the_home_page_lists_what_is_coming_up(client, programme):
    from datetime import timedelta

    from pazanga.events.tests.factories import EventFactory
    from pazanga.grants.tests.factories import CallFactory

    soon = timezone.now() + timedelta(days=10)
    EventFactory(
        title_lt="Regioninis seminaras Utenoje", starts_at=soon, ends_at=soon + timedelta(hours=6)
    )
    EventFactory(title_lt="Praėjęs seminaras")
    CallFactory(
        title_lt="Bendruomenių projektų kvietimas",
        is_published=True,
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=30),
    )
    page = client.get("/lt/").content.decode()
    assert "Regioninis seminaras Utenoje" in page
    assert "Praėjęs seminaras" not in page
    assert "Bendruomenių projektų kvietimas" in page
    assert "Artimiausių mokymų nėra." in page


def test_training_sessions_are_listed_as_training_not_as_events(client, programme):
    from datetime import timedelta

    from pazanga.directory.tests.factories import MunicipalityFactory
    from pazanga.events.tests.factories import EventFactory
    from pazanga.training.models import Course, Session

    soon = timezone.now() + timedelta(days=10)
    event = EventFactory(
        title_lt="Mokymų renginys", starts_at=soon, ends_at=soon + timedelta(hours=6)
    )
    course = Course.objects.create(code="pm", title_lt="Projektų valdymas", title_en="PM")
    Session.objects.create(event=event, course=course, municipality=MunicipalityFactory())
    page = client.get("/lt/").content.decode()
    events_card = page.split('id="events-title"')[1].split("</section>")[0]
    training_card = page.split('id="training-title"')[1].split("</section>")[0]
    assert "Mokymų renginys" not in events_card
    assert "Projektų valdymas" in training_card


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("lt", ["Lietuvos nacionalinė Martyno Mažvydo biblioteka", "Privatumo pranešimas"]),
        ("en", ["Martynas Mažvydas National Library of Lithuania", "Accessibility statement"]),
    ],
)
def test_every_page_carries_the_operator_its_contacts_and_the_logo(
    client, programme, language, texts
):
    page = client.get(f"/{language}/news/").content.decode()
    for text in texts:
        assert text in page
    assert 'href="mailto:info@lnb.lt"' in page
    assert "pazanga/logo.svg" in page and 'rel="icon"' in page


@pytest.mark.parametrize(
    ("path", "heading", "sentence"),
    [
        ("/lt/privacy/", "Privatumo pranešimas", "praėjus 730 dienų po renginio"),
        ("/en/privacy/", "Privacy notice", "removed 730 days after their event ended"),
        ("/lt/accessibility/", "Prieinamumo pareiškimas", "WCAG) 2.1 AA"),
        ("/en/accessibility/", "Accessibility statement", "WCAG) 2.1, level AA"),
    ],
)
def test_the_privacy_notice_and_accessibility_statement_exist_in_both_languages(
    client, programme, path, heading, sentence
):
    page = client.get(path).content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert sentence in page
