from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from pazanga.events import services
from pazanga.events.enums import RegistrationStatus
from pazanga.events.models import Attendance, DoorStaff, Registration
from pazanga.events.reference import load as load_reference_events
from pazanga.events.tests.factories import RegistrationFactory
from pazanga.events.tokens import checkin_code, registration_link_token

S = RegistrationStatus


@pytest.fixture
def launch(programme):
    load_reference_events()
    from pazanga.events.models import Event

    return Event.objects.get(slug="bp2-2014")


def test_the_launch_conference_page_states_the_announcement_facts(client, launch):
    page = client.get("/lt/events/bp2-2014/").content.decode()
    assert "Projekto „Bibliotekos pažangai 2“ pradžios konferencija" in page
    assert "2014 m. vasario 25 d., nuo 9 val. iki 16 val." in page
    assert "Lietuvos Respublikos Vyriausybė, Gedimino pr. 11, Vilnius" in page
    assert "Savivaldybių ir centrinės valdžios atstovai" in page
    english = client.get("/en/events/bp2-2014/").content.decode()
    assert "Launch conference of the project" in english
    assert "Government of the Republic of Lithuania, Gedimino pr. 11, Vilnius" in english
    assert "from 9:00 to 16:00" in english


def test_the_calendar_file_is_in_vilnius_time(client, launch):
    ics = client.get("/lt/events/bp2-2014/event.ics").content.decode()
    assert "DTSTART;TZID=Europe/Vilnius:20140225T090000" in ics
    assert "DTEND;TZID=Europe/Vilnius:20140225T160000" in ics
    assert "BEGIN:VTIMEZONE" in ics
    feed = client.get("/events/feed.ics?lang=en").content.decode()
    assert "SUMMARY:Launch conference of the project" in feed.replace("\r\n ", "")


def test_reference_loading_is_idempotent(launch):
    load_reference_events()
    assert launch.categories.count() == 3
    assert launch.agenda.count() == 3


def test_a_librarian_registers_with_details_filled_in(
    client_of, librarian_a, librarians, django_capture_on_commit_callbacks
):
    client = client_of(librarian_a)
    form = client.get("/lt/events/seminaras/register/").content.decode()
    assert 'value="Onaitė"' in form
    assert 'value="ona@alytus.example"' in form
    data = {
        "category": librarians.pk,
        "first_name": "Ona",
        "last_name": "Onaitė",
        "email": "ona@alytus.example",
        "organisation_name": librarian_a.organisation.name,
        "language": "lt",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/lt/events/seminaras/register/", data, follow=True)
    registration = Registration.objects.get()
    assert registration.status == S.CONFIRMED
    assert registration.organisation == librarian_a.organisation
    assert "Jūs užsiregistravote" in response.content.decode()
    message = mail.outbox[0]
    assert message.subject == f"Registracija patvirtinta: {librarians.event.title_lt}"
    assert "2014 m. gegužės 20 d., nuo 10 val. iki 16 val." in message.body
    _name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    assert "TZID=Europe/Vilnius" in str(content)


def test_a_guest_confirms_the_address_then_gets_the_confirmation_in_english(
    client, librarians, django_capture_on_commit_callbacks
):
    data = {
        "category": librarians.pk,
        "first_name": "Deborah",
        "last_name": "Guest",
        "email": "guest@example.org",
        "organisation_name": "Foundation",
        "language": "en",
    }
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post("/en/events/seminaras/register/", data).content.decode()
    assert "We sent a link to guest@example.org" in page
    (message,) = mail.outbox
    assert message.subject == f"Confirm your registration: {librarians.event.title_en}"
    link = next(line for line in message.body.splitlines() if "/en/events/r/" in line)
    path = link[link.index("/en/events/r/") :]
    assert "Confirm my registration" in client.get(path).content.decode()
    assert client.get(path + "ics/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path, {"action": "confirm_address"})
    message = mail.outbox[1]
    assert message.subject == f"Registration confirmed: {librarians.event.title_en}"
    assert "20 May 2014, from 10:00 to 16:00" in message.body
    assert Registration.objects.get().status == S.CONFIRMED


def test_an_unconfirmed_registration_cannot_be_cancelled_or_accepted(client, librarians):
    made = services.register(
        librarians.event,
        category=librarians,
        registrant=services.Registrant("Jonas", "Jonaitis", "jonas@example.org"),
    )
    path = f"/lt/events/r/{registration_link_token(made)}/"
    assert client.post(path, {"action": "cancel", "confirm": "yes"}).status_code == 404
    made.refresh_from_db()
    assert made.status == S.UNVERIFIED


def test_bad_registration_input_keeps_what_was_typed(client, librarians):
    data = {
        "category": librarians.pk,
        "first_name": "Jonas",
        "last_name": "",
        "email": "not-an-address",
        "organisation_name": "LNB",
        "language": "lt",
    }
    page = client.post("/lt/events/seminaras/register/", data).content.decode()
    assert 'value="Jonas"' in page
    assert "Įveskite teisingą el. pašto adresą." in page
    assert not Registration.objects.exists()


def test_a_double_click_makes_one_registration_and_sends_one_email(
    client, librarians, django_capture_on_commit_callbacks
):
    data = {
        "category": librarians.pk,
        "first_name": "Jonas",
        "last_name": "Jonaitis",
        "email": "jonas@example.org",
        "organisation_name": "LNB",
        "language": "lt",
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post("/lt/events/seminaras/register/", data)
        second = client.post("/lt/events/seminaras/register/", data)
    assert first.status_code == second.status_code == 200
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_double_click_by_a_signed_in_person_shows_the_first_registration(
    client_of, librarian_a, librarians
):
    client = client_of(librarian_a)
    data = {
        "category": librarians.pk,
        "first_name": "Ona",
        "last_name": "Onaitė",
        "email": librarian_a.email,
        "organisation_name": "LNB",
        "language": "lt",
    }
    first = client.post("/lt/events/seminaras/register/", data)
    second = client.post("/lt/events/seminaras/register/", data)
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Registration.objects.get().status == S.CONFIRMED


def test_someone_else_with_the_same_email_is_told_it_is_taken(client, librarians):
    RegistrationFactory(category=librarians, email="jonas@example.org")
    data = {
        "category": librarians.pk,
        "first_name": "Jonas",
        "last_name": "Jonaitis",
        "email": "jonas@example.org",
        "organisation_name": "LNB",
        "language": "en",
    }
    page = client.post("/en/events/seminaras/register/", data).content.decode()
    assert "This e-mail address is already registered for this event." in page


def test_a_registrant_cancels_through_the_signed_link_after_confirming(
    client, librarians, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(category=librarians)
    url = f"/lt/events/r/{registration_link_token(registration)}/"
    asked = client.post(url, {"action": "cancel"}).content.decode()
    assert "Atšaukti registraciją?" in asked
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "cancel", "confirm": "yes"})
    registration.refresh_from_db()
    assert registration.status == S.CANCELLED
    assert mail.outbox[0].subject.startswith("Registracija atšaukta")


def test_a_forged_personal_link_gets_a_clear_page(client, librarians):
    registration = RegistrationFactory(category=librarians)
    token = registration_link_token(registration)
    response = client.get(f"/lt/events/r/{token[:-3]}abc/")
    assert response.status_code == 404
    assert "Ši nuoroda negalioja" in response.content.decode()


def test_an_offer_is_accepted_on_the_personal_page(client, librarians):
    registration = RegistrationFactory(category=librarians, status=S.WAITLISTED)
    from pazanga.events import workflow

    workflow.transition(registration, S.OFFERED, actor=None)
    url = reverse("events:my_registration", args=[registration_link_token(registration)])
    client.post(url, {"action": "accept"})
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED


MANAGE_PAGES = sorted(
    [
        "dashboard",
        "registrations",
        "waiting_list",
        "approvals",
        "invitations",
        "certificates",
        "door_staff",
    ]
)


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_outsiders_and_librarians_cannot_manage_events(
    client_of, outsider, librarian_a, librarians, name
):
    url = reverse(f"events:{name}", args=["seminaras"])
    assert client_of(outsider).get(url).status_code == 403
    assert client_of(librarian_a).get(url).status_code == 403


@pytest.mark.parametrize("name", [*MANAGE_PAGES, "edit", "check_in", "attendance", "walk_in"])
def test_staff_pages_refuse_another_programmes_event(
    client_of, staff_member, other_programme, name
):
    from pazanga.events.tests.factories import EventFactory

    EventFactory(programme=other_programme, slug="senas-seminaras")
    url = reverse(f"events:{name}", args=["senas-seminaras"])
    assert client_of(staff_member).get(url).status_code == 404


@pytest.mark.parametrize("name", ["check_in", "attendance", "walk_in"])
def test_check_in_pages_do_not_exist_for_others(client_of, outsider, librarians, name):
    url = reverse(f"events:{name}", args=["seminaras"])
    assert client_of(outsider).get(url).status_code == 404
    DoorStaff.objects.create(event=librarians.event, user=outsider)
    assert client_of(outsider).get(url).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client, librarians):
    response = client.get(reverse("events:dashboard", args=["seminaras"]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_approve_from_the_queue(
    client_of, staff_member, officials, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(category=officials, status=S.PENDING, language="en")
    client = client_of(staff_member)
    assert (
        registration.full_name
        in client.get("/lt/events/seminaras/manage/approvals/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/lt/events/seminaras/manage/registrations/{registration.pk}/confirmed/")
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED
    assert mail.outbox[0].subject.startswith("Registration confirmed")


def test_the_dashboard_counts_by_category_and_status(
    client_of, staff_member, librarians, officials
):
    RegistrationFactory(category=librarians)
    RegistrationFactory(category=officials, status=S.PENDING)
    RegistrationFactory(category=librarians, status=S.WAITLISTED)
    page = client_of(staff_member).get("/lt/events/seminaras/manage/").content.decode()
    assert "<strong>2 / 2</strong> užimtos vietos (100%)" in page


def test_door_staff_check_in_by_qr_and_a_second_scan_says_so(client_of, outsider, librarians):
    DoorStaff.objects.create(event=librarians.event, user=outsider)
    registration = RegistrationFactory(category=librarians, first_name="Rūta")
    client = client_of(outsider)
    url = "/lt/events/seminaras/check-in/?day=2014-05-20"
    first = client.post(url, {"code": checkin_code(registration), "day": "2014-05-20"})
    assert "atvykimas pažymėtas" in first.content.decode()
    second = client.post(url, {"code": checkin_code(registration), "day": "2014-05-20"})
    assert "atvykimas jau pažymėtas 12:00" in second.content.decode()
    assert Attendance.objects.get().day == date(2014, 5, 20)


def test_a_forged_or_foreign_code_is_refused_at_the_door(
    client_of, staff_member, librarians, programme
):
    from pazanga.events.tests.factories import CategoryFactory, EventFactory

    foreign = RegistrationFactory(category=CategoryFactory(event=EventFactory(programme=programme)))
    client = client_of(staff_member)
    page = client.post("/en/events/seminaras/check-in/", {"code": checkin_code(foreign)})
    assert "This code is for another event." in page.content.decode()
    page = client.post("/en/events/seminaras/check-in/", {"code": "PZE.1.forged:abc"})
    assert "it was not issued by this platform" in page.content.decode()
    assert not Attendance.objects.exists()


def test_the_qr_link_checks_in_for_staff_and_explains_to_others(
    client, client_of, staff_member, librarians
):
    registration = RegistrationFactory(category=librarians)
    url = reverse("events_plain:scan", args=[checkin_code(registration)])
    note = client.get(url).content.decode()
    assert "asmeninis atvykimo kodas" in note or "personal check-in code" in note
    assert not Attendance.objects.exists()
    client_of(staff_member).get(url)
    assert Attendance.objects.get().registration == registration


def test_walk_ins_are_registered_and_checked_in(client_of, staff_member, librarians):
    data = {
        "category": librarians.pk,
        "first_name": "Petras",
        "last_name": "Petraitis",
        "email": "petras@example.org",
        "organisation_name": "",
    }
    client_of(staff_member).post("/lt/events/seminaras/check-in/walk-in/?day=2014-05-20", data)
    registration = Registration.objects.get()
    assert registration.status == S.CONFIRMED
    assert registration.attendances.get().status == "present"


def test_a_walk_in_refused_at_a_full_event_is_not_saved_and_not_emailed(
    client_of, staff_member, librarians, django_capture_on_commit_callbacks
):
    RegistrationFactory.create_batch(2, category=librarians, status=S.CONFIRMED)
    data = {
        "category": librarians.pk,
        "first_name": "Petras",
        "last_name": "Petraitis",
        "email": "petras@example.org",
        "organisation_name": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(staff_member).post(
            "/lt/events/seminaras/check-in/walk-in/?day=2014-05-20", data
        )
    assert response.status_code == 200
    assert (
        "Šiame renginyje arba pasirinktoje kategorijoje laisvų vietų nebeliko."
        in response.content.decode()
    )
    assert response.context["form"]["first_name"].value() == "Petras"
    assert not Registration.objects.filter(email="petras@example.org").exists()
    assert mail.outbox == []


def test_the_export_has_the_filtered_rows(client_of, staff_member, librarians):
    RegistrationFactory(category=librarians, last_name="Ąžuolaitė", email="a@example.org")
    RegistrationFactory(category=librarians, last_name="Beržaitė", status=S.WAITLISTED)
    client = client_of(staff_member)
    csv_text = client.get(
        "/lt/events/seminaras/manage/registrations/export.csv?status=confirmed"
    ).content.decode("utf-8-sig")
    assert "Ąžuolaitė" in csv_text
    assert "Beržaitė" not in csv_text
    response = client.get("/lt/events/seminaras/manage/registrations/export.xlsx")
    from io import BytesIO

    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Vardas", "Pavardė")
    assert len(rows) == 3


def test_badges_and_certificates_are_pdfs(client_of, staff_member, librarians):
    registration = RegistrationFactory(category=librarians, first_name="Žydrūnė")
    services.check_in(registration, day=date(2014, 5, 20), actor=staff_member)
    client = client_of(staff_member)
    badges = client.get("/lt/events/seminaras/manage/badges.pdf")
    assert badges.content.startswith(b"%PDF-")
    client.post("/lt/events/seminaras/manage/certificates/")
    certificate = registration.certificates.get()
    pdf = client.get(f"/lt/events/seminaras/manage/certificates/{certificate.pk}.pdf")
    assert pdf.content.startswith(b"%PDF-")
    assert b"DejaVuSans" in pdf.content


def test_a_certificate_verifies_publicly_with_holder_event_and_date_only(
    client, librarians, staff_member
):
    registration = RegistrationFactory(
        category=librarians, first_name="Rūta", last_name="Rūtaitė", email="ruta@private.example"
    )
    services.check_in(registration, day=date(2014, 5, 20), actor=staff_member)
    certificate = services.issue_certificate(registration, actor=staff_member)
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "Rūta Rūtaitė" in page
    assert librarians.event.title_lt in page
    assert "2014 m. gegužės 20 d." in page
    assert "ruta@private.example" not in page
    assert "Alytaus biblioteka" not in page
    assert client.get("/lt/events/certificates/unknown/").status_code == 404


def test_an_invitation_file_with_bad_rows_imports_good_rows_after_confirmation(
    client_of, staff_member, guests, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = "email,first_name,category\nona@example.lt,Ona,guests\nblogas,Jonas,guests\n"
    upload = SimpleUploadedFile("kviestieji.csv", content.encode(), content_type="text/csv")
    client = client_of(staff_member)
    page = client.post("/lt/events/seminaras/manage/invitations/", {"file": upload})
    text = page.content.decode()
    assert "Netinkamas el. pašto adresas." in text
    assert "Teisinga 1 eilutė." in text
    assert not guests.event.invitations.exists()
    signed = page.context["signed"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/lt/events/seminaras/manage/invitations/", {"signed": signed, "confirm": "yes"}
        )
    assert list(guests.event.invitations.values_list("email", flat=True)) == ["ona@example.lt"]
    assert len(mail.outbox) == 1
    tampered = client.post(
        "/lt/events/seminaras/manage/invitations/",
        {"signed": signed + "x", "confirm": "yes"},
        follow=True,
    )
    assert "Sąrašas buvo pakeistas" in tampered.content.decode()


def test_an_invited_guest_registers_without_approval(client, guests):
    invitation = guests.event.invitations.create(category=guests, email="svecias@example.org")
    url = f"/lt/events/seminaras/register/?invitation={invitation.token}"
    data = {
        "category": guests.pk,
        "first_name": "Svečias",
        "last_name": "Svečiauskas",
        "email": "kitas@example.org",
        "organisation_name": "Ministerija",
        "language": "lt",
        "invitation": invitation.token,
    }
    client.post(url, data)
    registration = Registration.objects.get()
    assert (registration.email, registration.status) == ("svecias@example.org", S.CONFIRMED)
    assert client.get("/lt/events/seminaras/register/?invitation=forged").status_code == 404


def test_upcoming_public_events_for_the_home_page(programme, clock):
    from pazanga.events.enums import EventStatus, Visibility
    from pazanga.events.queries import upcoming_public_events
    from pazanga.events.tests.factories import EventFactory

    shown = EventFactory(programme=programme)
    EventFactory(programme=programme, status=EventStatus.DRAFT)
    EventFactory(programme=programme, visibility=Visibility.INVITATION)
    assert upcoming_public_events(3) == [shown]


def test_the_staff_event_list_shows_only_the_current_programmes_events(
    client_of, staff_member, programme, other_programme
):
    from pazanga.events.tests.factories import EventFactory

    EventFactory(programme=programme, title_lt="Dabartinis seminaras")
    EventFactory(programme=other_programme, title_lt="Senas seminaras")
    page = client_of(staff_member).get("/lt/events/manage/").content.decode()
    assert "Dabartinis seminaras" in page
    assert "Senas seminaras" not in page
