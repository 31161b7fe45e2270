import pytest

from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.questionnaires.enums import Audience, QuestionnaireStatus
from pazanga.questionnaires.examples.forms import example_bytes
from pazanga.questionnaires.services import import_questionnaire
from pazanga.questionnaires.tests.test_fieldwork import households  # noqa: F401 (a fixture)
from pazanga.questionnaires.tests.test_file_questions import (  # noqa: F401 (fixtures)
    media,
    reports,
)
from pazanga.questionnaires.workflow import transition


@pytest.fixture
def researcher(programme):
    return person_with_role(Role.RESEARCHER, email="jurga@tyrimai.example", first_name="Jurga")


@pytest.fixture
def survey_draft(programme, staff_member):
    return import_questionnaire(
        example_bytes("library_use.xlsx"), programme=programme, actor=staff_member
    )


@pytest.fixture
def survey(survey_draft, staff_member):
    survey_draft.allow_anonymous = True
    survey_draft.save()
    return transition(survey_draft, QuestionnaireStatus.PUBLISHED, actor=staff_member)


@pytest.fixture
def pretest(programme, staff_member):
    """A knowledge test anyone with a role in the programme may take on its own."""
    questionnaire = import_questionnaire(
        example_bytes("pm_pretest.xlsx"), programme=programme, actor=staff_member
    )
    questionnaire.audience = Audience.INVITEES
    questionnaire.save()
    return transition(questionnaire, QuestionnaireStatus.PUBLISHED, actor=staff_member)


FULL_SURVEY_ANSWERS = {
    "gender": "female",
    "age": 34,
    "settlement": "rural",
    "uses_library": "yes",
    "visits": 12,
    "services": ["books", "internet"],
    "internet_helps": "4",
    "comments": "Ačiū!",
}


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages are checked in English; tests of Lithuanian texts override this."""
    from django.utils import translation

    with translation.override("en"):
        yield
