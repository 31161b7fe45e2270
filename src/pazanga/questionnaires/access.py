"""Who may open which questionnaire page: the one module the questionnaire views ask.

Programme staff and researchers manage the questionnaires of the current programme (a
questionnaire of another programme does not exist for them: 404); a published
questionnaire of the current programme is answered on the site by the roles it invites
(its `audience`, enforced again by the engine, `services.may_answer`); a participants'
questionnaire only through the app that holds the session, event or application;
anonymous links reach only questionnaires whose audience is anyone with the link.
"""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from pazanga.programme.enums import Role
from pazanga.programme.permissions import current_programme, role_required, roles_of
from pazanga.questionnaires.enums import Audience, QuestionnaireStatus
from pazanga.questionnaires.models import (
    ChoiceList,
    Question,
    Questionnaire,
    Response,
    Section,
    UploadedAnswerFile,
)

manager_required = role_required(Role.PROGRAMME_STAFF, Role.RESEARCHER)


def programme_questionnaires() -> Any:
    programme = current_programme()
    if programme is None:
        raise Http404
    return Questionnaire.objects.filter(programme=programme)


def questionnaire_for(pk: int) -> Questionnaire:
    """A questionnaire of the current programme, for those who manage them (else 404)."""
    return get_object_or_404(programme_questionnaires().select_related("programme"), pk=pk)


def editable_for(pk: int) -> Questionnaire:
    """A draft to edit; a published or closed version is frozen (editing is a new version)."""
    questionnaire = questionnaire_for(pk)
    if not questionnaire.is_editable:
        raise Http404
    return questionnaire


def question_of(questionnaire: Questionnaire, pk: int) -> Question:
    return get_object_or_404(Question, pk=pk, questionnaire=questionnaire)


def section_of(questionnaire: Questionnaire, pk: int) -> Section:
    return get_object_or_404(Section, pk=pk, questionnaire=questionnaire)


def choice_list_of(questionnaire: Questionnaire, pk: int) -> ChoiceList:
    return get_object_or_404(ChoiceList, pk=pk, questionnaire=questionnaire)


def response_of(questionnaire: Questionnaire, pk: int) -> Response:
    return get_object_or_404(
        Response.objects.select_related("respondent"), pk=pk, questionnaire=questionnaire
    )


def answer_file_of(questionnaire: Questionnaire, response_pk: int, pk: int) -> UploadedAnswerFile:
    return get_object_or_404(
        UploadedAnswerFile, pk=pk, response_id=response_pk, response__questionnaire=questionnaire
    )


def may_answer(user: Any) -> bool:
    """People with a confirmed role in the current programme answer its questionnaires."""
    return bool(roles_of(user))


def answerable_for(pk: int) -> Questionnaire:
    """A published questionnaire of the current programme answered by invitees or anyone
    with the link (else 404: participants answer through their session, event or
    application)."""
    return get_object_or_404(
        programme_questionnaires().exclude(status=QuestionnaireStatus.DRAFT),
        pk=pk,
        audience__in=(Audience.INVITEES, Audience.LINK),
    )


def public_questionnaire_for(token: str) -> Questionnaire:
    """A questionnaire that anyone with its link may answer (drafts do not exist)."""
    return get_object_or_404(
        Questionnaire.objects.exclude(status=QuestionnaireStatus.DRAFT),
        public_token=token,
        audience=Audience.LINK,
    )
