"""A call's own questions, through a real published questionnaire: the draft keeps the
answers, a required question left empty blocks submission, and reviewers read the answers
frozen at submission."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from pazanga.grants.models import Application, ReviewAssignment
from pazanga.grants.tests.factories import complete_application
from pazanga.questionnaires.enums import QuestionnaireStatus
from pazanga.questionnaires.examples.forms import workbook_bytes
from pazanga.questionnaires.services import import_questionnaire
from pazanga.questionnaires.workflow import transition

pytestmark = pytest.mark.django_db
LT, EN = "label::Lietuvių (lt)", "label::English (en)"
SURVEY = [
    [
        "type",
        "name",
        LT,
        EN,
        "required",
        "constraint",
        "constraint_message::Lietuvių (lt)",
        "constraint_message::English (en)",
    ],
    [
        "text",
        "community_need",
        "Kokį bendruomenės poreikį projektas tenkina?",
        "Which community need does the project meet?",
        "yes",
    ],
    [
        "integer",
        "volunteers",
        "Kiek savanorių dalyvaus?",
        "How many volunteers will take part?",
        "",
        ". >= 0",
        "Savanorių negali būti mažiau nei nulis.",
        "Volunteers cannot be fewer than zero.",
    ],
    ["select_one yes_no", "has_premises", "Ar turite patalpas?", "Do you have premises?", "yes"],
]
CHOICES = [
    ["list_name", "name", LT, EN],
    ["yes_no", "yes", "Taip", "Yes"],
    ["yes_no", "no", "Ne", "No"],
]
SETTINGS = [
    ["form_title", "form_title::English (en)", "form_id", "default_language"],
    ["BP2 klausimai", "BP2 questions", "bp2_questions", "Lietuvių (lt)"],
]


@pytest.fixture
def questions(call, programme, staff_member):
    draft = import_questionnaire(
        workbook_bytes(SURVEY, CHOICES, SETTINGS), programme=programme, actor=staff_member
    )
    questionnaire = transition(draft, QuestionnaireStatus.PUBLISHED, actor=staff_member)
    call.questionnaire = questionnaire
    call.save()
    return questionnaire


@pytest.fixture
def draft(call, questions, library_a, during_call):
    return complete_application(call=call, library=library_a, title="Senjorai internete")


def draft_post(application, **answers):  # type: ignore[no-untyped-def]
    """The draft's own fields as they stand, plus the answers (`q-<name>`)."""
    partner = application.partners.get()
    line = application.budget_lines.get()
    data = {
        "title": application.title,
        "summary": application.summary,
        "requested_total": str(application.requested_total),
        "themes": application.themes,
        "partners-TOTAL_FORMS": "1",
        "partners-INITIAL_FORMS": "1",
        "partners-0-id": partner.pk,
        "partners-0-organisation": partner.organisation_id,
        "partners-0-role": partner.role,
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "1",
        "lines-0-id": line.pk,
        "lines-0-category": line.category,
        "lines-0-description": line.description,
        "lines-0-requested": str(line.requested),
        "lines-0-co_financing": str(line.co_financing),
    }
    data.update({f"q-{name}": value for name, value in answers.items()})
    return data


def stored_answers(application):  # type: ignore[no-untyped-def]
    return Application.objects.get(pk=application.pk).answers.answers


def test_the_draft_form_asks_the_call_questions(client_of, librarian_a, draft):
    page = client_of(librarian_a).get(reverse("grants:edit", args=[draft.pk])).content.decode()
    assert "Kokį bendruomenės poreikį projektas tenkina?" in page
    assert 'name="q-community_need"' in page and 'name="q-has_premises"' in page


def test_answers_are_saved_with_the_draft_even_before_all_are_given(client_of, librarian_a, draft):
    draft.language = "en"  # the response to the call's questions follows the application's
    draft.save()
    client = client_of(librarian_a)
    edit = reverse("grants:edit", args=[draft.pk])
    client.post(edit, draft_post(draft, has_premises="yes", volunteers="4"), HTTP_HX_REQUEST="1")
    assert stored_answers(draft) == {"has_premises": "yes", "volunteers": 4}
    from pazanga.common.audit import timeline

    assert "answers" in timeline(draft).get().data["changed"]
    draft.refresh_from_db()
    assert (draft.answers.subject, draft.answers.language) == (draft, "en")
    page = client.get(edit).content.decode()
    assert 'name="q-volunteers" value="4"' in page


def test_an_invalid_answer_is_not_saved_and_says_why(client_of, librarian_a, draft):
    client = client_of(librarian_a)
    response = client.post(
        reverse("grants:edit", args=[draft.pk]), draft_post(draft, volunteers="-3")
    )
    assert "Savanorių negali būti mažiau nei nulis." in response.content.decode()
    assert stored_answers(draft) == {}


def test_a_required_question_left_empty_blocks_submission_with_its_message(
    client_of, librarian_a, draft
):
    client = client_of(librarian_a)
    client.post(reverse("grants:edit", args=[draft.pk]), draft_post(draft, has_premises="yes"))
    page = client.post(reverse("grants:submit", args=[draft.pk])).content.decode()
    assert "„Kokį bendruomenės poreikį projektas tenkina?“: Į šį klausimą reikia atsakyti." in page
    draft.refresh_from_db()
    assert draft.is_draft and draft.reference is None
    assert draft.answers.status == "draft"


def test_the_submitted_snapshot_holds_the_answers_the_reviewer_reads(
    client_of, librarian_a, reviewer, draft
):
    client = client_of(librarian_a)
    answers = {"community_need": "Senjorų atskirtis", "volunteers": "4", "has_premises": "yes"}
    client.post(reverse("grants:edit", args=[draft.pk]), draft_post(draft, **answers))
    client.post(reverse("grants:submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.reference == "BP2-2015-001"
    assert draft.answers.status == "submitted"
    rows = {row["name"]: row for row in draft.snapshot["answers"]}
    assert rows["has_premises"]["value_lt"] == "Taip" and rows["has_premises"]["value_en"] == "Yes"
    assert rows["community_need"]["label_en"] == "Which community need does the project meet?"
    assert rows["volunteers"]["value_lt"] == "4"
    ReviewAssignment.objects.create(application=draft, reviewer=reviewer, source="manual")
    reader = Client()
    reader.force_login(reviewer)
    page = reader.get(reverse("grants:review", args=[draft.pk])).content.decode()
    assert "Kokį bendruomenės poreikį projektas tenkina?" in page
    assert "Senjorų atskirtis" in page and "Taip" in page
    with translation.override("en"):
        english = reader.get(reverse("grants:review", args=[draft.pk])).content.decode()
    assert "Which community need does the project meet?" in english and "Yes" in english


def test_a_question_left_unanswered_is_not_in_the_snapshot(client_of, librarian_a, draft):
    client = client_of(librarian_a)
    answers = {"community_need": "Senjorų atskirtis", "has_premises": "no"}
    client.post(reverse("grants:edit", args=[draft.pk]), draft_post(draft, **answers))
    client.post(reverse("grants:submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.reference == "BP2-2015-001"
    assert [row["name"] for row in draft.snapshot["answers"]] == ["community_need", "has_premises"]
