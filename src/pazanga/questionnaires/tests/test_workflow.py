import pytest
from django.core import mail

from pazanga.common.models import AuditEntry
from pazanga.common.refusals import Refusal
from pazanga.questionnaires.enums import QuestionnaireStatus
from pazanga.questionnaires.models import Questionnaire
from pazanga.questionnaires.workflow import (
    TRANSITIONS,
    TransitionNotAllowed,
    transition,
)

S = QuestionnaireStatus
ALL_PAIRS = [(a, b) for a in S.values for b in S.values]


@pytest.mark.parametrize(("start", "to"), ALL_PAIRS)
def test_it_follows_the_transition_table(start, to, survey_draft, staff_member):
    Questionnaire.objects.filter(pk=survey_draft.pk).update(status=start)
    survey_draft.refresh_from_db()
    if to in TRANSITIONS[start]:
        transition(survey_draft, to, actor=staff_member)
        assert survey_draft.status == to
        entry = AuditEntry.objects.get(action=f"questionnaires.questionnaire.{to}")
        assert entry.data["from"] == start and entry.actor == staff_member
    else:
        with pytest.raises(TransitionNotAllowed):
            transition(survey_draft, to, actor=staff_member)
        survey_draft.refresh_from_db()
        assert survey_draft.status == start


def test_it_refuses_to_publish_an_incomplete_questionnaire(survey_draft, staff_member):
    question = survey_draft.questions.get(name="visits")
    question.relevant = "${nosuch} = 1"
    question.label_lt = question.label_en = ""
    question.save()
    with pytest.raises(Refusal) as caught:
        transition(survey_draft, S.PUBLISHED, actor=staff_member)
    assert caught.value.code == "questionnaires.not_ready"
    assert caught.value.details == [
        "visits: ${nosuch} refers to an unknown field.",
        "visits: the question text in “lt” is missing.",
    ]


def test_a_text_missing_in_another_language_does_not_stop_publication(survey_draft, staff_member):
    # The default language's text is shown instead (decision 0024).
    survey_draft.questions.filter(name="visits").update(label_en="")
    transition(survey_draft, S.PUBLISHED, actor=staff_member)
    assert survey_draft.status == S.PUBLISHED


@pytest.mark.parametrize(
    ("language", "subject", "sentence"),
    [
        ("en", "Questionnaire library_use v1 is published", "is now published and accepts answers"),
        ("lt", "Klausimynas library_use v1 paskelbtas", "dabar paskelbtas ir priima atsakymus"),
    ],
)
def test_it_tells_the_author_in_their_language(
    survey_draft,
    researcher,
    staff_member,
    language,
    subject,
    sentence,
    django_capture_on_commit_callbacks,
):
    staff_member.preferred_language = language
    staff_member.save()
    with django_capture_on_commit_callbacks(execute=True):
        transition(survey_draft, S.PUBLISHED, actor=researcher)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rasa@lnb.example"]
    assert subject in mail.outbox[0].subject
    assert sentence in mail.outbox[0].body


def test_it_does_not_mail_authors_about_their_own_changes(
    survey_draft, staff_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        transition(survey_draft, S.PUBLISHED, actor=staff_member)
    assert mail.outbox == []
