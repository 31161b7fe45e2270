"""Programme staff create and edit events on the platform."""

from datetime import datetime

import pytest
from django.test import Client
from django.urls import reverse

from pazanga.common.models import AuditEntry
from pazanga.events import workflow
from pazanga.events.enums import EventStatus
from pazanga.events.models import AgendaItem, AudienceCategory, Event, Venue
from pazanga.events.tests.factories import (
    VILNIUS,
    CategoryFactory,
    EventFactory,
    RegistrationFactory,
    VenueFactory,
)
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role

CREATE = "/lt/events/manage/new/"


def management(prefix: str, total: int, initial: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def new_event_data(**changes: str) -> dict[str, str]:
    """What a person types to create the launch conference: one category, one agenda item."""
    data = {
        "version": "1",
        "title_lt": "Programos „Bibliotekos pažangai 2“ pristatymo konferencija",
        "title_en": "Launch conference",
        "slug": "",
        "summary_lt": "Pristatomi programos tikslai.",
        "starts_at": "2014-02-25T09:00",
        "ends_at": "2014-02-25T16:00",
        "visibility": "public",
        "capacity": "250",
        "registration_closes_at": "2014-02-20T17:00",
        "has_waiting_list": "on",
        "offer_hours": "48",
        "consent_text_lt": "Sutinku, kad mano duomenys būtų tvarkomi.",
        "venue-name_lt": "Lietuvos Respublikos Vyriausybė",
        "venue-address": "Gedimino pr. 11",
        "venue-city": "Vilnius",
        **management("categories", 1, 0),
        "categories-0-position": "1",
        "categories-0-code": "libraries",
        "categories-0-name_lt": "Bibliotekos",
        "categories-0-name_en": "Libraries",
        "categories-0-quota": "150",
        **management("agenda", 1, 0),
        "agenda-0-position": "1",
        "agenda-0-starts_at": "2014-02-25T09:00",
        "agenda-0-ends_at": "2014-02-25T09:30",
        "agenda-0-title_lt": "Registracija",
        "agenda-0-speakers": "",
    }
    data.update(changes)
    return data


def edit_data(event: Event, **changes: str) -> dict[str, str]:
    """The edit form of `event` as it opens, with `changes` typed in."""
    data = {
        "version": str(event.version),
        "title_lt": event.title_lt,
        "title_en": event.title_en,
        "slug": event.slug,
        "summary_lt": event.summary_lt,
        "summary_en": event.summary_en,
        "starts_at": event.starts_at.astimezone(VILNIUS).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": event.ends_at.astimezone(VILNIUS).strftime("%Y-%m-%dT%H:%M"),
        "venue": str(event.venue_id or ""),
        "visibility": event.visibility,
        "capacity": str(event.capacity or ""),
        "offer_hours": str(event.offer_hours),
        "has_waiting_list": "on" if event.has_waiting_list else "",
        **management("agenda", 0, 0),
    }
    categories = list(event.categories.all())
    data.update(management("categories", len(categories), len(categories)))
    for n, category in enumerate(categories):
        data.update(
            {
                f"categories-{n}-id": str(category.pk),
                f"categories-{n}-position": str(category.position),
                f"categories-{n}-code": category.code,
                f"categories-{n}-name_lt": category.name_lt,
                f"categories-{n}-name_en": category.name_en,
                f"categories-{n}-quota": str(category.quota or ""),
            }
        )
    data.update(changes)
    return data


def edit_url(event: Event) -> str:
    return reverse("events:edit", args=[event.slug])


@pytest.fixture
def second_staff_member(programme):
    return person_with_role(Role.PROGRAMME_STAFF, email="jonas@lnb.example", first_name="Jonas")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_create_a_draft_event_with_a_new_venue_categories_and_agenda(client_of, staff_member):
    response = client_of(staff_member).post(CREATE, new_event_data())
    event = Event.objects.get()
    assert response["Location"] == reverse("events:dashboard", args=[event.slug])
    assert event.slug == "programos-bibliotekos-pazangai-2-pristatymo-konferencija"
    assert event.status == EventStatus.DRAFT
    assert event.starts_at == datetime(2014, 2, 25, 9, 0, tzinfo=VILNIUS)
    assert event.capacity == 250
    assert str(event.venue) == "Lietuvos Respublikos Vyriausybė, Gedimino pr. 11, Vilnius"
    category = event.categories.get()
    assert (category.code, category.name_en, category.quota) == ("libraries", "Libraries", 150)
    assert event.agenda.get().title_lt == "Registracija"
    entry = AuditEntry.objects.get(action="events.event.saved")
    assert entry.actor == staff_member
    assert entry.data["created"] is True
    assert {"title_lt", "venue", "categories", "agenda"} <= set(entry.data["changed"])


def test_an_existing_venue_with_the_same_name_and_address_is_reused(client_of, staff_member):
    venue = VenueFactory(name_lt="Lietuvos Respublikos Vyriausybė", address="Gedimino pr. 11")
    client_of(staff_member).post(CREATE, new_event_data())
    assert Event.objects.get().venue == venue
    assert Venue.objects.count() == 1


def test_a_venue_is_chosen_or_described_not_both(client_of, staff_member):
    venue = VenueFactory()
    response = client_of(staff_member).post(CREATE, new_event_data(venue=str(venue.pk)))
    assert "Pasirinkite vietą arba aprašykite naują, ne abu." in response.content.decode()
    assert not Event.objects.exists()


def test_a_new_venue_needs_its_address_and_city(client_of, staff_member):
    data = new_event_data(**{"venue-address": "", "venue-city": ""})
    page = client_of(staff_member).post(CREATE, data).content.decode()
    assert page.count("Naujai vietai reikia pavadinimo, adreso ir miesto.") == 2
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The event must end after it starts."), ("lt", "Renginys turi baigtis vėliau")],
)
def test_an_event_ending_before_it_starts_is_refused_keeping_what_was_typed(
    client_of, staff_member, language, message
):
    data = new_event_data(ends_at="2014-02-25T08:00")
    response = client_of(staff_member).post(f"/{language}/events/manage/new/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Programos „Bibliotekos pažangai 2“ pristatymo konferencija" in page
    assert 'value="2014-02-25T08:00"' in page
    assert not Event.objects.exists()


def test_registration_must_close_after_it_opens_and_by_the_end(client_of, staff_member):
    data = new_event_data(
        registration_opens_at="2014-02-21T09:00", registration_closes_at="2014-02-20T09:00"
    )
    page = client_of(staff_member).post(CREATE, data).content.decode()
    assert "Registracija turi baigtis vėliau, nei prasideda." in page
    late = new_event_data(registration_closes_at="2014-02-26T09:00")
    page = client_of(staff_member).post(CREATE, late).content.decode()
    assert "Registracija turi baigtis ne vėliau nei renginys." in page
    assert not Event.objects.exists()


def test_an_agenda_item_must_end_after_it_starts_and_fall_within_the_event(client_of, staff_member):
    backwards = new_event_data(**{"agenda-0-ends_at": "2014-02-25T08:59"})
    page = client_of(staff_member).post(CREATE, backwards).content.decode()
    assert "Darbotvarkės punktas turi baigtis vėliau, nei prasideda." in page
    outside = new_event_data(**{"agenda-0-ends_at": "2014-02-25T17:00"})
    page = client_of(staff_member).post(CREATE, outside).content.decode()
    assert "Darbotvarkės punktas turi būti renginio laiko ribose." in page
    assert not Event.objects.exists()


def test_an_event_needs_a_category_with_a_unique_code(client_of, staff_member):
    none = new_event_data(**management("categories", 0, 0))
    page = client_of(staff_member).post(CREATE, none).content.decode()
    assert "Renginiui reikia bent vienos dalyvių kategorijos." in page
    twice = new_event_data(
        **management("categories", 2, 0),
        **{"categories-1-code": "libraries", "categories-1-name_lt": "Dar kartą"},
    )
    response = client_of(staff_member).post(CREATE, twice)
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_a_taken_slug_gets_a_number(client_of, staff_member, programme):
    EventFactory(programme=programme, slug="seminaras")
    data = new_event_data(title_lt="Seminaras", slug="")
    client_of(staff_member).post(CREATE, data)
    assert Event.objects.filter(slug="seminaras-2").exists()


def test_staff_edit_an_event_adding_and_removing_categories(
    client_of, staff_member, librarians, officials
):
    event = librarians.event
    data = edit_data(
        event,
        title_en="Regional seminar in Kaunas",
        **management("categories", 3, 2),
        **{
            "categories-1-DELETE": "on",
            "categories-2-code": "partners",
            "categories-2-name_lt": "Partneriai",
            "categories-2-quota": "5",
        },
    )
    response = client_of(staff_member).post(edit_url(event), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_en == "Regional seminar in Kaunas"
    assert event.version == 2
    assert event.status == EventStatus.PUBLISHED
    assert sorted(event.categories.values_list("code", flat=True)) == ["libraries", "partners"]
    entry = AuditEntry.objects.get(action="events.event.saved")
    assert entry.data == {"created": False, "version": 2, "changed": ["categories", "title_en"]}


def test_a_category_with_registrations_cannot_be_removed(client_of, staff_member, librarians):
    RegistrationFactory(category=librarians)
    CategoryFactory(event=librarians.event, code="spare")
    data = edit_data(librarians.event, **{"categories-0-DELETE": "on"})
    page = client_of(staff_member).post(edit_url(librarians.event), data).content.decode()
    assert "„Bibliotekos“ turi registracijų arba kvietimų, todėl jos pašalinti negalima." in page
    assert AudienceCategory.objects.filter(pk=librarians.pk).exists()


def test_a_second_save_from_an_older_form_is_refused_keeping_what_was_typed(
    staff_member, second_staff_member, librarians
):
    event = librarians.event
    rasa, jonas = logged_in(staff_member), logged_in(second_staff_member)
    opened = edit_data(event)  # both open the form at version 1
    rasa.post(edit_url(event), {**opened, "title_lt": "Seminaras Kaune"})
    response = jonas.post(edit_url(event), {**opened, "title_lt": "Seminaras Alytuje"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Neišsaugota: kol redagavote, šį renginį išsaugojo kitas asmuo." in page
    assert "Rasa Rasaitė" in page
    assert "Pavadinimas (lietuviškai)" in page  # where the saved event differs
    assert 'value="Seminaras Alytuje"' in page
    assert '<input type="hidden" name="version" value="2"' in page
    event.refresh_from_db()
    assert (event.title_lt, event.version) == ("Seminaras Kaune", 2)
    # Having seen the other save, Jonas saves again on purpose: that replaces it.
    again = {**opened, "title_lt": "Seminaras Alytuje", "version": "2"}
    assert jonas.post(edit_url(event), again).status_code == 302
    event.refresh_from_db()
    assert (event.title_lt, event.version) == ("Seminaras Alytuje", 3)
    assert AuditEntry.objects.filter(action="events.event.saved").count() == 2


def test_an_edit_keeps_a_status_changed_meanwhile(client_of, staff_member, programme, clock):
    event = EventFactory(programme=programme, status=EventStatus.DRAFT)
    CategoryFactory(event=event)
    opened = edit_data(event)
    workflow.change_event_status(event, EventStatus.PUBLISHED, actor=staff_member)
    client_of(staff_member).post(edit_url(event), {**opened, "title_en": "Renamed"})
    event.refresh_from_db()
    assert (event.status, event.title_en) == (EventStatus.PUBLISHED, "Renamed")


def test_the_agenda_is_edited_in_the_same_form(client_of, staff_member, librarians):
    event = librarians.event
    data = edit_data(
        event,
        **management("agenda", 1, 0),
        **{
            "agenda-0-position": "1",
            "agenda-0-starts_at": "2014-05-20T10:00",
            "agenda-0-ends_at": "2014-05-20T11:00",
            "agenda-0-title_lt": "Projektų rengimas",
            "agenda-0-title_en": "Preparing projects",
            "agenda-0-speakers": "Dr. Ramunė Žilinskienė",
        },
    )
    client_of(staff_member).post(edit_url(event), data)
    item = AgendaItem.objects.get(event=event)
    assert (item.title_en, item.speakers) == ("Preparing projects", "Dr. Ramunė Žilinskienė")
    assert item.starts_at == datetime(2014, 5, 20, 10, 0, tzinfo=VILNIUS)


def test_the_edit_form_opens_with_the_saved_values(client_of, staff_member, librarians):
    page = client_of(staff_member).get(edit_url(librarians.event)).content.decode()
    assert 'value="2014-05-20T10:00"' in page
    assert f'value="{librarians.event.title_lt}"' in page
    assert 'name="version" value="1"' in page


@pytest.mark.parametrize("who", ["outsider", "librarian_a"])
def test_outsiders_and_librarians_cannot_create_or_edit_events(request, client_of, who, librarians):
    client = client_of(request.getfixturevalue(who))
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, new_event_data()).status_code == 403
    assert client.get(edit_url(librarians.event)).status_code == 403
    data = edit_data(librarians.event, title_lt="Užgrobtas")
    assert client.post(edit_url(librarians.event), data).status_code == 403
    assert Event.objects.get().title_lt != "Užgrobtas"


def test_anonymous_visitors_are_sent_to_log_in_to_create(client, programme):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_staff_list_filters_by_text_and_status(client_of, staff_member, programme, clock):
    EventFactory(programme=programme, title_lt="Konferencija Vilniuje")
    EventFactory(programme=programme, title_lt="Seminaras Kaune", status=EventStatus.DRAFT)
    client = client_of(staff_member)
    page = client.get("/lt/events/manage/?q=kaun").content.decode()
    assert "Seminaras Kaune" in page
    assert "Konferencija Vilniuje" not in page
    page = client.get("/lt/events/manage/?status=published").content.decode()
    assert "Konferencija Vilniuje" in page
    assert "Seminaras Kaune" not in page
    page = client.get("/lt/events/manage/?q=nieko").content.decode()
    assert "Filtrą atitinkančių renginių nėra." in page
