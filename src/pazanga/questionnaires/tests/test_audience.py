"""Who may answer: each questionnaire declares its audience and the engine enforces it.

A training pre-test is answered by the session's participants through training (a
reviewer answering it on the generic page used to raise the session's counts); a survey
for library staff is answered only by them; a link survey by anyone with the link.
"""

import pytest
from django.urls import reverse

from pazanga.programme.enums import Role
from pazanga.questionnaires import services
from pazanga.questionnaires.enums import Audience, QuestionnaireStatus
from pazanga.questionnaires.examples.forms import example_bytes
from pazanga.questionnaires.models import Response
from pazanga.questionnaires.services import import_questionnaire
from pazanga.questionnaires.workflow import transition

pytestmark = pytest.mark.django_db


def published(programme, staff_member, file_name, **fields):  # type: ignore[no-untyped-def]
    questionnaire = import_questionnaire(
        example_bytes(file_name), programme=programme, actor=staff_member
    )
    for name, value in fields.items():
        setattr(questionnaire, name, value)
    questionnaire.save()
    return transition(questionnaire, QuestionnaireStatus.PUBLISHED, actor=staff_member)


@pytest.fixture
def participants_test(programme, staff_member):
    return published(programme, staff_member, "pm_pretest.xlsx")


@pytest.fixture
def staff_survey(programme, staff_member):
    return published(
        programme,
        staff_member,
        "library_use.xlsx",
        audience=Audience.INVITEES,
        invited_roles=[Role.LIBRARY_STAFF],
    )


def test_a_test_or_feedback_form_is_for_participants_and_a_survey_for_invitees(
    participants_test, staff_survey, programme, staff_member
):
    assert participants_test.audience == Audience.PARTICIPANTS
    plain = import_questionnaire(
        example_bytes("library_use.xlsx"), programme=programme, actor=staff_member, code="plain"
    )
    assert plain.audience == Audience.INVITEES and plain.invited_roles == []


@pytest.mark.parametrize("persona", ["reviewer", "librarian_a", "staff_member", "outsider"])
def test_nobody_answers_a_participants_test_outside_its_session(
    persona, request, client_of, participants_test
):
    person = request.getfixturevalue(persona)
    address = reverse("questionnaires:answer", args=[participants_test.pk])
    assert client_of(person).get(address).status_code in (403, 404)
    answer = client_of(person).post(address + "?page=0", {"action": "next", "shown": ""})
    assert answer.status_code in (403, 404)
    with pytest.raises(services.NotInvitedError):
        services.start_response(participants_test, respondent=person)
    assert not Response.objects.filter(questionnaire=participants_test).exists()


def test_a_participant_answers_through_the_subject_the_app_checked(
    participants_test, librarian_a, library_a
):
    # Any subject (an enrolment, a registration...): the app holding it checked the person.
    response = services.start_response(participants_test, respondent=librarian_a, subject=library_a)
    assert response.pk and response.subject == library_a


def test_only_the_invited_roles_answer_a_survey(client_of, staff_survey, librarian_a, reviewer):
    address = reverse("questionnaires:answer", args=[staff_survey.pk])
    assert client_of(reviewer).get(address).status_code == 403
    with pytest.raises(services.NotInvitedError):
        services.start_response(staff_survey, respondent=reviewer)
    assert client_of(librarian_a).get(address).status_code == 200
    assert services.start_response(staff_survey, respondent=librarian_a).pk


def test_a_survey_inviting_no_role_in_particular_takes_every_role_but_not_outsiders(
    staff_survey, reviewer, outsider
):
    staff_survey.invited_roles = []
    staff_survey.save()
    assert services.may_answer(staff_survey, reviewer)
    assert not services.may_answer(staff_survey, outsider)
    assert not services.may_answer(staff_survey, None)


def test_only_a_link_survey_has_a_working_link(client, staff_survey, programme, staff_member):
    assert (
        client.get(
            reverse("questionnaires:anonymous_answer", args=[staff_survey.public_token])
        ).status_code
        == 404
    )
    linked = published(
        programme, staff_member, "library_use.xlsx", code="linked", audience=Audience.LINK
    )
    address = reverse("questionnaires:anonymous_answer", args=[linked.public_token])
    assert client.get(address).status_code == 200
    assert services.may_answer(linked, None)
