"""The pages through the real views: who may see what, and what they show."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from pazanga.common.models import AuditEntry
from pazanga.events.enums import RegistrationStatus
from pazanga.training import services, workflow
from pazanga.training.models import Enrolment
from pazanga.training.tests.conftest import plan

S = RegistrationStatus


def test_the_calendar_is_public_and_filters_by_module_county_and_month(
    client, session, modules, alytus
):
    page = client.get(reverse("training:calendar"))
    assert "Projektų valdymas Alytuje" in page.content.decode()
    other = modules["leadership"]
    filtered = client.get(reverse("training:calendar"), {"module": other.pk})
    assert "Projektų valdymas Alytuje" not in filtered.content.decode()
    by_county = client.get(reverse("training:calendar"), {"county": alytus.county.pk})
    assert "Projektų valdymas Alytuje" in by_county.content.decode()
    june = client.get(reverse("training:calendar"), {"month": "2014-06"})
    assert "Projektų valdymas Alytuje" not in june.content.decode()
    may = client.get(reverse("training:calendar"), {"month": "2014-05"})
    assert "Projektų valdymas Alytuje" in may.content.decode()


def test_a_bad_month_gives_a_message_not_an_error(client, session):
    page = client.get(reverse("training:calendar"), {"month": "gegužė"})
    assert page.status_code == 200
    assert "YYYY-MM" in page.content.decode()


def test_the_curriculum_lists_the_real_modules(client, modules):
    page = client.get(reverse("training:curriculum")).content.decode()
    for name in ("Projektų rengimas ir jų įgyvendinimas", "Lyderystė", "Pokyčių valdymas"):
        assert name in page


def test_library_staff_apply_through_a_confirmation_page(client_of, session, librarian_a):
    client = client_of(librarian_a)
    url = reverse("training:enrol", args=[session.pk])
    assert "Alytaus rajono savivaldybės viešoji biblioteka" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    enrolment = Enrolment.objects.get(person=librarian_a)
    assert response.redirect_chain[-1][0] == enrolment.get_absolute_url()
    assert enrolment.registration.status == S.PENDING


def test_a_refused_application_shows_the_reason(client_of, session, librarian_a):
    client = client_of(librarian_a)
    client.post(reverse("training:enrol", args=[session.pk]))
    page = client.post(reverse("training:enrol", args=[session.pk]), follow=True)
    assert "Jūs jau užsiregistravote į šią sesiją." in page.content.decode()
    assert Enrolment.objects.count() == 1


@pytest.mark.parametrize("name", ["outsider", "reviewer", "trainer_user"])
def test_people_who_are_not_library_staff_cannot_apply(client_of, session, name, request):
    client = client_of(request.getfixturevalue(name))
    assert client.get(reverse("training:enrol", args=[session.pk])).status_code == 403
    assert client.post(reverse("training:enrol", args=[session.pk])).status_code == 403
    assert not Enrolment.objects.exists()


def test_enrolment_pages_are_only_for_the_person_and_programme_staff(
    client_of, session, librarian_a, librarian_b, outsider, staff_member
):
    enrolment = services.enrol(session, librarian_a)
    url = enrolment.get_absolute_url()
    assert "Projektų valdymas Alytuje" in client_of(librarian_a).get(url).content.decode()
    assert client_of(librarian_b).get(url).status_code == 404
    assert client_of(outsider).get(url).status_code == 404
    staff_page = client_of(staff_member).get(url).content.decode()
    assert "Projektų valdymas Alytuje" in staff_page and "Ona Onaitė" in staff_page


@pytest.mark.parametrize("url_name", ["manage", "plan", "approvals", "reports", "report_libraries"])
def test_staff_pages_are_forbidden_to_others(client_of, client, outsider, librarian_a, url_name):
    url = reverse(f"training:{url_name}")
    assert client_of(outsider).get(url).status_code == 403
    assert client_of(librarian_a).get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_programme_staff_plan_a_session(client_of, staff_member, course, alytus, trainer, clock):
    data = {
        "course": course.pk,
        "municipality": alytus.pk,
        "title_lt": "Projektų valdymas Varėnoje",
        "title_en": "Project management in Varėna",
        "starts_at": "2014-06-10T10:00",
        "ends_at": "2014-06-10T16:00",
        "venue_name": "Varėnos biblioteka",
        "venue_address": "Vytauto g. 6",
        "venue_city": "Varėna",
        "capacity": 20,
        "library_quota": 2,
        "trainers": [trainer.pk],
        "publish": "on",
    }
    response = client_of(staff_member).post(reverse("training:plan"), data, follow=True)
    assert "Projektų valdymas Varėnoje" in response.content.decode()
    session = course.sessions.get()
    assert session.event.categories.get().needs_approval
    assert session.event.door_staff.filter(user=trainer.user).exists()
    assert list(session.trainers.all()) == [trainer]


def test_planning_refuses_a_session_that_ends_before_it_starts(
    client_of, staff_member, course, alytus, clock
):
    data = {
        "course": course.pk,
        "municipality": alytus.pk,
        "title_lt": "Klaida",
        "starts_at": "2014-06-10T16:00",
        "ends_at": "2014-06-10T10:00",
        "venue_name": "X",
        "venue_address": "Y",
        "venue_city": "Z",
        "capacity": 20,
        "library_quota": 2,
    }
    page = client_of(staff_member).post(reverse("training:plan"), data)
    assert page.status_code == 200
    assert not course.sessions.exists()
    assert 'value="Klaida"' in page.content.decode()


def test_the_approval_queue_puts_libraries_without_trained_staff_first(
    client_of, session, librarian_a, librarian_b, staff_member, modules
):
    from pazanga.training.models import Completion

    first = services.enrol(session, librarian_a)
    second = services.enrol(session, librarian_b)
    # library_a already has a trained person.
    Completion.objects.create(
        person=librarian_a,
        module=modules["leadership"],
        enrolment=first,
        completed_at=first.created_at,
    )
    page = client_of(staff_member).get(reverse("training:approvals")).content.decode()
    assert page.index("Bronius Bronaitis") < page.index("Ona Onaitė")
    assert second.pk


def test_approving_from_the_queue_confirms_the_enrolment(
    client_of, session, librarian_a, staff_member
):
    enrolment = services.enrol(session, librarian_a)
    client_of(staff_member).post(reverse("training:decide", args=[enrolment.pk, "confirmed"]))
    enrolment.registration.refresh_from_db()
    assert enrolment.registration.status == S.CONFIRMED


def test_a_second_click_on_approve_is_a_conflict_message_not_a_refusal_of_access(
    client_of, session, librarian_a, staff_member
):
    enrolment = services.enrol(session, librarian_a)
    client = client_of(staff_member)
    with translation.override("en"):
        url = reverse("training:decide", args=[enrolment.pk, "confirmed"])
    assert client.post(url).status_code == 302
    again = client.post(url, follow=True)
    assert again.status_code == 200
    assert "it is “confirmed” and cannot become “confirmed”" in again.content.decode()
    enrolment.registration.refresh_from_db()
    assert enrolment.registration.status == S.CONFIRMED
    assert AuditEntry.objects.filter(action="training.enrolment.confirmed").count() == 1


@pytest.mark.parametrize(
    "next_url",
    [
        "https://attacker.example/training/manage/approvals/",
        "//attacker.example/",
        "http://testserver.attacker.example/",
        "javascript:alert(1)",
        "https:/\\attacker.example/",
    ],
)
def test_a_decision_never_sends_staff_to_another_site(
    client_of, session, librarian_a, staff_member, next_url
):
    enrolment = services.enrol(session, librarian_a)
    url = reverse("training:decide", args=[enrolment.pk, "confirmed"])
    response = client_of(staff_member).post(url, {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("training:approvals")
    enrolment.registration.refresh_from_db()
    assert enrolment.registration.status == S.CONFIRMED


def test_a_decision_returns_to_the_filtered_queue_it_was_taken_from(
    client_of, session, librarian_a, staff_member
):
    enrolment = services.enrol(session, librarian_a)
    here = f"{reverse('training:approvals')}?session={session.pk}&page=1"
    url = reverse("training:decide", args=[enrolment.pk, "confirmed"])
    response = client_of(staff_member).post(url, {"next": here})
    assert response["Location"] == here


def test_rejecting_asks_for_confirmation_first(client_of, session, librarian_a, staff_member):
    enrolment = services.enrol(session, librarian_a)
    client = client_of(staff_member)
    url = reverse("training:decide", args=[enrolment.pk, "rejected"])
    page = client.post(url)
    assert "Ona Onaitė" in page.content.decode()
    enrolment.registration.refresh_from_db()
    assert enrolment.registration.status == S.PENDING
    client.post(url, {"confirmed": "1", "note": "Vietų nebėra"})
    enrolment.registration.refresh_from_db()
    assert enrolment.registration.status == S.REJECTED


def confirmed(session, person, staff_member):  # type: ignore[no-untyped-def]
    return workflow.transition(services.enrol(session, person), S.CONFIRMED, actor=staff_member)


def test_the_trainer_records_attendance_per_day(
    client_of, session, librarian_a, staff_member, trainer_user
):
    enrolment = confirmed(session, librarian_a, staff_member)
    client = client_of(trainer_user)
    url = reverse("training:attendance", args=[session.pk])
    page = client.get(url, {"day": "2014-05-21"})
    assert "Ona Onaitė" in page.content.decode()
    response = client.post(
        url,
        {"enrolment": enrolment.pk, "day": "2014-05-21", "status": "late"},
        HTTP_HX_REQUEST="true",
    )
    assert 'aria-pressed="true">' in response.content.decode()
    assert "37.5" in response.content.decode() or "37,5" in response.content.decode()
    attendance = enrolment.registration.attendances.get()
    assert (attendance.day, attendance.status) == (date(2014, 5, 21), "late")


def test_attendance_for_someone_not_enrolled_is_refused_on_the_page(
    client_of, session, course, alytus, staff_member, librarian_a, trainer_user
):
    other = plan(course, alytus, staff_member, title_lt="Kita")
    stranger = confirmed(other, librarian_a, staff_member)
    page = client_of(trainer_user).post(
        reverse("training:attendance", args=[session.pk]),
        {"enrolment": stranger.pk, "day": "2014-05-20", "status": "present"},
    )
    assert page.status_code == 400
    assert "neužsiregistravęs" in page.content.decode() or "not enrolled" in page.content.decode()
    assert not stranger.registration.attendances.exists()


def test_other_trainers_and_outsiders_do_not_see_the_attendance_page(
    client_of, session, other_trainer, outsider, librarian_a
):
    url = reverse("training:attendance", args=[session.pk])
    for person in (other_trainer.user, outsider, librarian_a):
        assert client_of(person).get(url).status_code == 404


def test_the_training_record_lists_completed_modules(client_of, librarian_a, staff_member):
    page = client_of(librarian_a).get(reverse("training:my_record")).content.decode()
    assert "Ona Onaitė" in page
    assert (
        client_of(librarian_a).get(reverse("training:record", args=[staff_member.pk])).status_code
        == 404
    )
