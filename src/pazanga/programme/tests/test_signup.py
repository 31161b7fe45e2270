"""A library's staff member signs up, verifies the e-mail, is confirmed and sees the library."""

import re

import pytest
from django.core import mail

from pazanga.directory.models import User
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.models import RoleAssignment

pytestmark = pytest.mark.django_db
SIGNUP = "/lt/accounts/signup/"
PASSWORD = "Skaitykla-2014-vasaris"


def signup_data(chosen_library, **changes):
    data = {
        "email": "egle@alytus.example",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "first_name": "Eglė",
        "last_name": "Žemaitė",
        "library": str(chosen_library.pk),
        "position": "bibliotekininkė",
        "phone": "+370 600 00000",
        "preferred_language": "lt",
    }
    data.update(changes)
    return data


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_a_librarian_signs_up_is_confirmed_and_sees_the_library(
    client, library_a, staff_member, django_capture_on_commit_callbacks
):
    response = client.post(SIGNUP, signup_data(library_a))
    assert response.status_code == 302
    person = User.objects.get(email="egle@alytus.example")
    assert (person.first_name, person.organisation) == ("Eglė", library_a)
    request = RoleAssignment.objects.get(user=person)
    assert (request.role, request.status) == (Role.LIBRARY_STAFF, AssignmentStatus.PENDING)

    (verification,) = mail.outbox
    assert "egle@alytus.example" in verification.to
    confirm_url = link_in(verification).replace("http://testserver", "")
    assert client.post(confirm_url).status_code == 302
    assert person.emailaddress_set.get().verified

    staff = client.__class__()
    staff.force_login(staff_member)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/lt/manage/people/{request.pk}/confirm/")
    request.refresh_from_db()
    assert request.status == AssignmentStatus.CONFIRMED
    assert mail.outbox[-1].to == ["egle@alytus.example"]

    client.post("/lt/accounts/logout/")
    login = client.post(
        "/lt/accounts/login/", {"login": "egle@alytus.example", "password": PASSWORD}
    )
    assert login.status_code == 302
    page = client.get("/lt/my/").content.decode()
    assert library_a.name in page
    assert "patvirtinta" in page


@pytest.mark.parametrize(
    ("language", "subject", "greeting", "signature"),
    [
        ("lt", "[Pažanga] ", "Sveiki,", "Pažangos komanda"),
        ("en", "[Pažanga] ", "Hello,", "The Pažanga team"),
    ],
)
def test_the_verification_email_speaks_as_the_platform_in_the_pages_language(
    client, programme, library_a, language, subject, greeting, signature
):
    client.post(f"/{language}/accounts/signup/", signup_data(library_a))
    (verification,) = mail.outbox
    assert verification.subject.startswith(subject)
    assert verification.body.startswith(greeting)
    assert signature in verification.body
    assert "testserver!" not in verification.body and "Ačiū nuo" not in verification.body


def test_an_existing_email_makes_no_second_account_and_warns_its_owner(
    client, library_a, librarian_a
):
    # The page does not reveal whether the address has an account (no enumeration);
    # the address's owner is told instead.
    response = client.post(SIGNUP, signup_data(library_a, email=librarian_a.email))
    assert response.status_code == 302
    assert User.objects.filter(email=librarian_a.email).count() == 1
    assert not RoleAssignment.objects.filter(user=librarian_a, status="pending").exists()
    (notice,) = mail.outbox
    assert notice.to == [librarian_a.email]
    assert "/lt/accounts/password/reset/" in notice.body


def test_a_library_that_is_not_in_the_list_is_refused(client, programme, library_a):
    response = client.post(SIGNUP, signup_data(library_a, library="999999"))
    assert response.status_code == 200
    assert response.context["form"].errors["library"] == ["Pasirinkite biblioteką iš sąrašo."]
    assert not User.objects.filter(email="egle@alytus.example").exists()


def test_a_weak_password_is_refused_and_the_rest_is_kept(client, programme, library_a):
    response = client.post(SIGNUP, signup_data(library_a, password1="12345", password2="12345"))
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    page = response.content.decode()
    assert 'value="Žemaitė"' in page
    assert 'value="egle@alytus.example"' in page


def test_a_bad_password_reset_token_says_so(client, librarian_a):
    response = client.get("/lt/accounts/password/reset/key/xx-not-a-real-key/")
    assert response.status_code == 200
    assert response.context["token_fail"] is True


def test_a_password_reset_is_emailed(client, librarian_a):
    client.post("/lt/accounts/password/reset/", {"email": librarian_a.email})
    (message,) = mail.outbox
    assert message.to == [librarian_a.email]
    assert "/lt/accounts/password/reset/key/" in message.body


def test_the_language_of_the_page_is_the_proposed_language(client, programme, library_a):
    english = client.get("/en/accounts/signup/").context["form"]
    lithuanian = client.get("/lt/accounts/signup/").context["form"]
    assert english["preferred_language"].value() == "en"
    assert lithuanian["preferred_language"].value() == "lt"
