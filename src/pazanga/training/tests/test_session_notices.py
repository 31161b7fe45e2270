"""Who is told, and what, when a session moves or is cancelled."""

import pytest
from django.core import mail

from pazanga.events.enums import RegistrationStatus
from pazanga.training import services, workflow
from pazanga.training.tests.test_session_editing import edit_url, form_data

S = RegistrationStatus
MOVED = {
    "starts_at": "2014-05-27T09:00",
    "ends_at": "2014-05-28T15:00",
    "venue_name": "Druskininkų biblioteka",
    "venue_address": "Vilniaus al. 24",
    "venue_city": "Druskininkai",
}


@pytest.fixture
def applicants(session, staff_member, librarian_a, third_of_a, librarian_b):
    """Pending (Lithuanian), confirmed (English) and one who cancelled."""
    pending = services.enrol(session, librarian_a)
    confirmed = services.enrol(session, third_of_a)
    workflow.transition(confirmed, S.CONFIRMED, actor=staff_member)
    gone = services.enrol(session, librarian_b)
    workflow.transition(gone, S.CANCELLED, actor=staff_member)
    return {"pending": pending, "confirmed": confirmed, "gone": gone}


def edit(client_of, staff_member, session, capture, **changes):
    mail.outbox.clear()
    with capture(execute=True):
        response = client_of(staff_member).post(edit_url(session), form_data(session, **changes))
    assert response.status_code == 302
    return {message.to[0]: message for message in mail.outbox}


def test_registrants_are_told_of_new_dates_and_venue_in_their_language(
    client_of,
    session,
    staff_member,
    applicants,
    librarian_a,
    third_of_a,
    django_capture_on_commit_callbacks,
):
    sent = edit(client_of, staff_member, session, django_capture_on_commit_callbacks, **MOVED)
    assert set(sent) == {librarian_a.email, third_of_a.email}  # not the one who cancelled

    english = sent[third_of_a.email]
    assert english.subject == "Project management in Alytus: new date or venue"
    assert "Dear Kazys Kazlauskas," in english.body
    assert (
        "Date and time: 20 May 2014 10:00 – 21 May 2014 16:00 → "
        "27 May 2014 9:00 – 28 May 2014 15:00"
    ) in english.body  # Vilnius time, not UTC
    assert (
        "Venue: Alytaus viešoji biblioteka, Pulko g. 1, Alytus → "
        "Druskininkų biblioteka, Vilniaus al. 24, Druskininkai"
    ) in english.body
    assert "Your place is kept. The updated calendar entry is attached." in english.body
    [(name, ics, mimetype)] = english.attachments
    assert (name, mimetype) == (f"{session.event.slug}.ics", "text/calendar")
    ics = ics.replace("\r\n ", "")
    assert "DTSTART;TZID=Europe/Vilnius:20140527T090000" in ics
    assert "LOCATION:Druskininkų biblioteka\\, Vilniaus al. 24\\, Druskininkai" in ics

    lithuanian = sent[librarian_a.email]
    assert lithuanian.subject == "Projektų valdymas Alytuje: nauja data arba vieta"
    assert (
        "Data ir laikas: 2014 m. gegužės 20 d. 10 val. – 2014 m. gegužės 21 d. 16 val. → "
        "2014 m. gegužės 27 d. 9 val. – 2014 m. gegužės 28 d. 15 val."
    ) in lithuanian.body
    assert "Vieta: Alytaus viešoji biblioteka, Pulko g. 1, Alytus → Druskininkų" in lithuanian.body
    assert "Jūsų paraiška lieka galioti." in lithuanian.body
    assert lithuanian.attachments == []  # a pending application has no calendar entry yet


def test_a_new_venue_alone_is_told_with_the_unchanged_dates(
    client_of, session, staff_member, applicants, third_of_a, django_capture_on_commit_callbacks
):
    venue = {k: v for k, v in MOVED.items() if k.startswith("venue")}
    sent = edit(client_of, staff_member, session, django_capture_on_commit_callbacks, **venue)
    body = sent[third_of_a.email].body
    assert "When: 20 May 2014 10:00 – 21 May 2014 16:00" in body
    assert "Date and time:" not in body
    assert "Venue: Alytaus viešoji biblioteka, Pulko g. 1, Alytus → Druskininkų" in body


def test_an_edit_that_keeps_dates_and_venue_sends_nothing(
    client_of, session, staff_member, applicants, django_capture_on_commit_callbacks
):
    sent = edit(
        client_of,
        staff_member,
        session,
        django_capture_on_commit_callbacks,
        title_lt="Projektų valdymas bibliotekoms",
        capacity=30,
        venue_city="Alytaus m.",  # the same venue (name and address) is kept
    )
    assert sent == {}
    session.event.refresh_from_db()
    saved = (session.event.title_lt, session.event.capacity)
    assert saved == ("Projektų valdymas bibliotekoms", 30)


@pytest.fixture
def director_b(programme, library_b):
    from pazanga.programme.enums import Role
    from pazanga.programme.tests.factories import person_with_role

    director = person_with_role(
        Role.LIBRARY_STAFF,
        email="director@birstonas.example",
        organisation=library_b,
        first_name="Birutė",
        last_name="Vadovė",
        preferred_language="en",
    )
    library_b.name_en = "Birštonas Public Library"
    library_b.director = director
    library_b.save(update_fields=["director", "name_en"])
    return director


def test_each_director_is_told_once_of_a_cancelled_session_listing_their_staff(
    session,
    staff_member,
    director_a,
    director_b,
    librarian_a,
    colleague_a,
    third_of_a,
    librarian_b,
    django_capture_on_commit_callbacks,
):
    rejected = services.enrol(session, third_of_a)
    workflow.transition(rejected, S.REJECTED, actor=staff_member)
    services.enrol(session, librarian_a)
    confirmed = services.enrol(session, colleague_a)
    workflow.transition(confirmed, S.CONFIRMED, actor=staff_member)
    services.enrol(session, librarian_b)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(session, actor=staff_member, note="Lektorė susirgo.")
    to_directors = [m for m in mail.outbox if m.to[0] in {director_a.email, director_b.email}]
    assert sorted(m.to[0] for m in to_directors) == [director_b.email, director_a.email]
    by_address = {message.to[0]: message for message in to_directors}

    lithuanian = by_address[director_a.email]
    assert lithuanian.subject == "Projektų valdymas Alytuje: mokymai atšaukti"
    assert "Gerb. Dalia Direktorė," in lithuanian.body
    assert (
        "Mokymai „Projektų valdymas Alytuje“ atšaukti. Šie jūsų bibliotekos darbuotojai "
        "turėjo juose vietą arba jos laukė; jiems taip pat pranešta:"
    ) in lithuanian.body
    library_a = librarian_a.organisation.display_name
    assert f"– Jūratė Jurgaitė, {library_a}" in lithuanian.body
    assert f"– {librarian_a.get_full_name()}, {library_a}" in lithuanian.body
    assert "Kazys" not in lithuanian.body  # rejected before: no place held or awaited
    assert "Lektorė susirgo." in lithuanian.body

    english = by_address[director_b.email]
    assert english.subject == "Project management in Alytus: the session is cancelled"
    assert "Dear Birutė Vadovė," in english.body
    assert (
        'The training session "Project management in Alytus" has been cancelled. This member '
        "of your library's staff held or awaited a place in it and has been told too:"
    ) in english.body
    assert f"– {librarian_b.get_full_name()}, Birštonas Public Library" in english.body
    assert "When: 20 May 2014 10:00 – 21 May 2014 16:00" in english.body


def test_no_director_is_told_when_nobody_held_or_awaited_a_place(
    session, staff_member, director_a, third_of_a, django_capture_on_commit_callbacks
):
    rejected = services.enrol(session, third_of_a)
    workflow.transition(rejected, S.REJECTED, actor=staff_member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(session, actor=staff_member)
    assert [m for m in mail.outbox if director_a.email in m.to] == []
