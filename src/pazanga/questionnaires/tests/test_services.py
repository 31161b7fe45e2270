from decimal import Decimal

import pytest
from django.utils import translation

from pazanga.common.models import AuditEntry
from pazanga.directory.tests.factories import OrganisationFactory
from pazanga.questionnaires import services
from pazanga.questionnaires.engine import load_definition
from pazanga.questionnaires.enums import QuestionnaireStatus, ResponseStatus
from pazanga.questionnaires.examples.forms import example_bytes
from pazanga.questionnaires.models import Question, Response
from pazanga.questionnaires.queries import current_version, responses_about, responses_for
from pazanga.questionnaires.tests.conftest import FULL_SURVEY_ANSWERS
from pazanga.questionnaires.workflow import transition
from pazanga.questionnaires.xlsform.convert import spec_from_questionnaire
from pazanga.questionnaires.xlsform.reader import read_xlsform
from pazanga.questionnaires.xlsform.writer import write_xlsform


def test_it_imports_a_form_into_the_database_and_exports_it_back_equal(survey_draft):
    original = read_xlsform(example_bytes("library_use.xlsx"))
    assert spec_from_questionnaire(survey_draft) == original
    assert read_xlsform(write_xlsform(spec_from_questionnaire(survey_draft))) == original
    assert survey_draft.code == "library_use"
    assert survey_draft.title_en == "Library use survey"
    assert survey_draft.status == QuestionnaireStatus.DRAFT
    assert AuditEntry.objects.filter(action="questionnaires.questionnaire.imported").count() == 1


def test_it_pages_by_section_and_applies_skip_logic(survey):
    definition = load_definition(survey)
    assert [p.key for p in definition.pages] == ["about_you", "library_use", "opinion"]
    shown = definition.relevant_names({"uses_library": "no"})
    assert "why_not" in shown
    assert "visits" not in shown
    assert "internet_helps" not in shown
    shown = definition.relevant_names({"uses_library": "yes", "services": ["other"]})
    assert {"visits", "services", "services_other"} <= shown
    assert "why_not" not in shown
    assert "internet_helps" not in shown  # neither internet nor more than 5 visits
    assert "internet_helps" in definition.relevant_names({"uses_library": "yes", "visits": 6})


def test_it_submits_a_response_and_drops_hidden_answers(survey, librarian_a):
    response = services.start_response(survey, respondent=librarian_a, language="en")
    services.save_answers(
        response, {**FULL_SURVEY_ANSWERS, "uses_library": "no", "why_not": "too_far"}
    )
    services.submit_response(response, actor=librarian_a)
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.language == "en"
    assert "visits" not in response.answers  # hidden once uses_library is "no"
    assert response.answers["why_not"] == "too_far"
    assert response.submitted_at is not None


def test_it_refuses_to_submit_missing_or_out_of_range_answers(survey, librarian_a):
    response = services.start_response(survey, respondent=librarian_a)
    services.save_answers(response, {**FULL_SURVEY_ANSWERS, "age": 200, "gender": None})
    with pytest.raises(services.ResponseInvalidError) as caught:
        services.submit_response(response)
    assert caught.value.errors["gender"] == "This question needs an answer."
    assert caught.value.errors["age"] == "Age must be between 14 and 110."
    with translation.override("lt"), pytest.raises(services.ResponseInvalidError) as caught:
        services.submit_response(response)
    assert caught.value.errors == {
        "gender": "Į šį klausimą reikia atsakyti.",
        "age": "Amžius turi būti nuo 14 iki 110 metų.",
    }
    response.refresh_from_db()
    assert response.status == ResponseStatus.DRAFT
    assert response.answers["age"] == 200  # nothing typed is lost


def test_it_gives_one_response_per_person(survey, librarian_a):
    first = services.start_response(survey, respondent=librarian_a)
    again = services.start_response(survey, respondent=librarian_a)
    assert first.pk == again.pk
    services.save_answers(first, FULL_SURVEY_ANSWERS)
    services.submit_response(first)
    services.submit_response(first)  # a double click
    assert Response.objects.filter(questionnaire=survey).count() == 1
    assert AuditEntry.objects.filter(action="questionnaires.response.submitted").count() == 1
    assert services.start_response(survey, respondent=librarian_a).pk == first.pk


def test_it_keeps_responses_apart_per_subject(survey, librarian_a):
    library_x, library_y = OrganisationFactory(), OrganisationFactory()
    x = services.submit_answers(
        survey, FULL_SURVEY_ANSWERS, respondent=librarian_a, subject=library_x
    )
    y = services.submit_answers(
        survey, FULL_SURVEY_ANSWERS, respondent=librarian_a, subject=library_y
    )
    assert x.pk != y.pk
    assert list(responses_about(library_x)) == [x]


def test_it_refuses_answers_to_a_closed_questionnaire(survey, staff_member, librarian_a):
    response = services.start_response(survey, respondent=librarian_a)
    transition(survey, QuestionnaireStatus.CLOSED, actor=staff_member)
    with pytest.raises(services.QuestionnaireClosedError):
        services.start_response(survey, respondent=librarian_a)
    response.refresh_from_db()
    with pytest.raises(services.QuestionnaireClosedError):
        services.save_answers(response, {"age": 30})


def test_it_scores_a_test(pretest, librarian_a):
    response = services.submit_answers(
        pretest,
        {
            "first_phase": "initiation",
            "gantt": "yes",
            "smart": ["specific", "measurable", "timed"],
            "risk": "budget_line",
        },
        respondent=librarian_a,
    )
    assert (response.score, response.max_score, response.passed) == (Decimal(4), Decimal(5), True)
    score = services.score_response(response)
    assert score.earned == {"first_phase": 1, "gantt": 1, "smart": 2, "risk": 0}
    assert score.percent == Decimal("80.0")


def test_it_gives_no_partial_credit_for_select_multiple(pretest, librarian_a):
    response = services.submit_answers(
        pretest,
        {
            "first_phase": "closure",
            "gantt": "no",
            "smart": ["specific", "measurable", "timed", "expensive"],
            "risk": "uncertain_event",
        },
        respondent=librarian_a,
    )
    assert (response.score, response.passed) == (Decimal(1), False)


def test_it_makes_a_new_version_when_a_published_questionnaire_is_edited(
    survey, staff_member, librarian_a
):
    old_response = services.submit_answers(survey, FULL_SURVEY_ANSWERS, respondent=librarian_a)
    new = services.create_new_version(survey, actor=staff_member)
    assert (new.version, new.status, new.code) == (2, QuestionnaireStatus.DRAFT, survey.code)
    assert new.previous_version == survey
    assert (
        services.create_new_version(survey, actor=staff_member).pk == new.pk
    )  # one draft at a time
    assert spec_from_questionnaire(new) == spec_from_questionnaire(survey)
    age = Question.objects.get(questionnaire=new, name="age")
    age.label_en = "Age in full years"
    age.save()
    transition(new, QuestionnaireStatus.PUBLISHED, actor=staff_member)
    survey.refresh_from_db()
    assert survey.status == QuestionnaireStatus.CLOSED  # the older version stops taking answers
    assert current_version(survey) == new
    old_response.refresh_from_db()
    assert old_response.questionnaire == survey
    assert Question.objects.get(questionnaire=survey, name="age").label_en == "Your age"


def test_it_filters_responses_by_answer(survey, librarian_a, librarian_b):
    services.submit_answers(survey, FULL_SURVEY_ANSWERS, respondent=librarian_a)
    services.submit_answers(
        survey, {**FULL_SURVEY_ANSWERS, "age": 70, "services": ["events"]}, respondent=librarian_b
    )
    assert responses_for(survey, answer=("age", "70")).get().respondent == librarian_b
    assert responses_for(survey, answer=("services", "internet")).get().respondent == librarian_a
    assert responses_for(survey, answer=("gender", "female")).count() == 2
    assert responses_for(survey, answer=("gender", "male")).count() == 0
