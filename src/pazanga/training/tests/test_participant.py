"""A participant's path on the web: pre-test, post-test, feedback, certificate, record."""

from django.urls import reverse

from pazanga.events.enums import RegistrationStatus
from pazanga.questionnaires.enums import ResponseStatus
from pazanga.questionnaires.models import Response
from pazanga.training import queries, services, workflow
from pazanga.training.enums import Instrument
from pazanga.training.tests.conftest import AFTER, LAST_DAY

S = RegistrationStatus


def submit(client, enrolment, instrument, answers):  # type: ignore[no-untyped-def]
    """Answer a one-page questionnaire through the questionnaire engine's pages."""
    url = reverse("training:answer", args=[enrolment.pk, instrument])
    page = client.get(url)
    assert page.status_code == 200
    data = {f"q-{name}": value for name, value in answers.items()}
    shown = page.context["shown"]
    return client.post(url, {**data, "shown": shown, "action": "next"}, follow=True)


def test_a_participant_takes_the_tests_and_gets_a_verifiable_certificate(
    client_of, session, librarian_a, staff_member, clock
):
    enrolment = workflow.transition(
        services.enrol(session, librarian_a), S.CONFIRMED, actor=staff_member
    )
    client = client_of(librarian_a)
    done = submit(client, enrolment, "pre_test", {"first_phase": "o0", "gantt": "o1", "risk": "o1"})
    assert "Jūsų rezultatas: 1,00 iš 3,00." in done.content.decode()
    pre = queries.submitted_response(enrolment, Instrument.PRE_TEST)
    assert (pre.score, pre.max_score, pre.status) == (1, 3, ResponseStatus.SUBMITTED)
    # The test cannot be taken a second time.
    again = client.get(reverse("training:answer", args=[enrolment.pk, "pre_test"]), follow=True)
    assert "tik kartą" in again.content.decode() or "only once" in again.content.decode()
    assert Response.objects.filter(questionnaire=pre.questionnaire).count() == 1

    for day in session.event.days:
        services.record_attendance(
            session, enrolment, day=day, status="present", actor=staff_member
        )
    clock.move_to(LAST_DAY)
    client = client_of(librarian_a)
    submit(client, enrolment, "post_test", {"first_phase": "o0", "gantt": "o0", "risk": "o0"})
    submit(
        client,
        enrolment,
        "feedback",
        {"useful": "5", "trainer": "5", "materials": "4", "organisation": "4"},
    )

    clock.move_to(AFTER)
    staff = client_of(staff_member)
    staff.post(reverse("training:complete_session", args=[session.pk]))
    client = client_of(librarian_a)
    page = client.get(enrolment.get_absolute_url()).content.decode()
    completion = enrolment.completions.get()
    assert completion.certificate.serial in page
    verify = client.get(completion.certificate.get_absolute_url())
    assert verify.status_code == 200
    assert "Ona Onaitė" in verify.content.decode()
    record = client.get(reverse("training:my_record")).content.decode()
    assert "Projektų valdymas Alytuje" in record and completion.certificate.serial in record
    hours = record.split('<span class="stat">')[2].split("</span>")[0]
    assert hours == "16,0"  # the module's hours


def test_a_questionnaire_of_someone_else_is_not_found(client_of, session, librarian_a, librarian_b):
    enrolment = services.enrol(session, librarian_a)
    url = reverse("training:answer", args=[enrolment.pk, "pre_test"])
    assert client_of(librarian_b).get(url).status_code == 404


def test_an_unknown_instrument_is_not_found(client_of, session, librarian_a):
    enrolment = services.enrol(session, librarian_a)
    url = reverse("training:answer", args=[enrolment.pk, "exam"])
    assert client_of(librarian_a).get(url).status_code == 404


def test_the_feedback_is_not_open_before_the_last_day(
    client_of, session, librarian_a, staff_member
):
    enrolment = workflow.transition(
        services.enrol(session, librarian_a), S.CONFIRMED, actor=staff_member
    )
    page = client_of(librarian_a).get(
        reverse("training:answer", args=[enrolment.pk, "feedback"]), follow=True
    )
    assert "2014 m. gegužės 21 d." in page.content.decode()
