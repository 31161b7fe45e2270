import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from pazanga.questionnaires import services
from pazanga.questionnaires.enums import QuestionnaireStatus, QuestionType
from pazanga.questionnaires.examples.forms import example_bytes, workbook_bytes
from pazanga.questionnaires.models import Question, Questionnaire
from pazanga.questionnaires.tests.conftest import FULL_SURVEY_ANSWERS
from pazanga.questionnaires.xlsform.reader import read_xlsform


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"questionnaires:{name}", args=args)


def staff_views(q, response_pk, question_pk, list_pk, section_pk):
    return [
        ("get", url("list")),
        ("get", url("create")),
        ("get", url("import")),
        ("get", url("detail", q)),
        ("get", url("edit", q)),
        ("post", url("transition", q, "published")),
        ("post", url("new_version", q)),
        ("get", url("export_xlsform", q)),
        ("get", url("export_xform", q)),
        ("get", url("collect_keys")),
        ("post", url("collect_keys")),
        ("get", url("question_create", q)),
        ("get", url("question_edit", q, question_pk)),
        ("post", url("question_delete", q, question_pk)),
        ("post", url("question_move", q, question_pk, "up")),
        ("get", url("section_create", q)),
        ("get", url("section_edit", q, section_pk)),
        ("get", url("choice_list_create", q)),
        ("get", url("choice_list_edit", q, list_pk)),
        ("get", url("preview", q)),
        ("get", url("responses", q)),
        ("get", url("response_detail", q, response_pk)),
        ("get", url("export", q, "csv")),
        ("get", url("summary", q)),
    ]


def test_it_refuses_every_staff_view_to_outsiders_and_library_staff(
    client_of, outsider, librarian_b, survey_draft, librarian_a
):
    question = survey_draft.questions.first()
    response_pk = 1
    views = staff_views(
        survey_draft.pk,
        response_pk,
        question.pk,
        survey_draft.choice_lists.first().pk,
        survey_draft.sections.first().pk,
    )
    for user in (outsider, librarian_b):
        client = client_of(user)
        for method, address in views:
            assert getattr(client, method)(address).status_code == 403, address
    assert Questionnaire.objects.get(pk=survey_draft.pk).status == QuestionnaireStatus.DRAFT
    assert Question.objects.filter(pk=question.pk).exists()


def test_it_lets_a_researcher_use_the_staff_views(client_of, researcher, survey_draft):
    client = client_of(researcher)
    page = client.get(url("detail", survey_draft.pk))
    assert page.status_code == 200
    assert "Library use survey" in page.content.decode()


def test_the_questionnaire_list_has_pinned_queries(query_guard, client_of, staff_member, programme):
    client = client_of(staff_member)
    codes = iter(f"apklausa_{n}" for n in range(10))

    def add() -> str:
        code = next(codes)
        services.import_questionnaire(
            example_bytes("pm_pretest.xlsx"), programme=programme, actor=staff_member, code=code
        )
        return code

    query_guard(lambda: client.get(url("list")), add, pinned=6)


def test_the_response_list_has_pinned_queries(query_guard, client_of, staff_member, survey):
    from pazanga.directory.tests.factories import UserFactory

    client = client_of(staff_member)

    def add() -> str:
        person = UserFactory()
        services.submit_answers(survey, FULL_SURVEY_ANSWERS, respondent=person)
        return str(person)

    query_guard(lambda: client.get(url("responses", survey.pk)), add, pinned=11)


@pytest.mark.parametrize(
    "name",
    ["detail", "edit", "preview", "responses", "summary", "export_xlsform", "question_create"],
)
def test_managers_cannot_open_another_programmes_questionnaire(
    client_of, staff_member, survey_draft, other_programme, name
):
    survey_draft.programme = other_programme
    survey_draft.save()
    assert client_of(staff_member).get(url(name, survey_draft.pk)).status_code == 404


def test_another_programmes_questionnaire_cannot_be_answered(
    client_of, librarian_a, survey, other_programme
):
    survey.programme = other_programme
    survey.save()
    assert client_of(librarian_a).get(url("answer", survey.pk)).status_code == 404


def test_it_imports_an_xlsform_upload(client_of, staff_member, programme):
    client = client_of(staff_member)
    upload = io.BytesIO(example_bytes("library_use.xlsx"))
    upload.name = "library_use.xlsx"
    answer = client.post(url("import"), {"file": upload})
    questionnaire = Questionnaire.objects.get(code="library_use")
    assert answer.status_code == 302 and answer["Location"] == url("detail", questionnaire.pk)
    assert questionnaire.questions.count() == 11


def test_it_shows_located_errors_of_an_upload(client_of, staff_member, programme):
    client = client_of(staff_member)
    upload = io.BytesIO(
        workbook_bytes([["type", "name", "label"], ["text", "a", "A"], ["text", "a", "B"]])
    )
    upload.name = "bad.xlsx"
    answer = client.post(url("import"), {"file": upload})
    assert answer.status_code == 400
    assert (
        "survey, row 3, column B (name): The name “a” is already used in row 2."
        in answer.content.decode()
    )
    assert not Questionnaire.objects.exists()


def test_it_refuses_an_upload_that_is_not_a_workbook(client_of, staff_member, programme):
    upload = io.BytesIO(b"%PDF-1.4 not a workbook")
    upload.name = "form.xlsx"
    answer = client_of(staff_member).post(url("import"), {"file": upload})
    assert answer.status_code == 400
    assert "This is not an Excel workbook (.xlsx)." in answer.content.decode()


def test_it_exports_the_questionnaire_back_to_xlsform(client_of, staff_member, survey):
    answer = client_of(staff_member).get(url("export_xlsform", survey.pk))
    assert answer["Content-Disposition"] == 'attachment; filename="library_use-v1.xlsx"'
    assert read_xlsform(answer.content) == read_xlsform(example_bytes("library_use.xlsx"))


def test_it_builds_a_questionnaire_in_the_browser(client_of, staff_member, programme):
    client = client_of(staff_member)
    answer = client.post(
        url("create"),
        {
            "code": "feedback",
            "title_lt": "Atsiliepimai",
            "title_en": "Feedback",
            "purpose": "feedback",
            "languages": "lt en",
            "one_response_per_person": "on",
            "audience": "participants",
        },
    )
    questionnaire = Questionnaire.objects.get(code="feedback")
    assert questionnaire.audience == "participants"
    assert answer["Location"] == url("detail", questionnaire.pk)
    answer = client.post(
        url("choice_list_create", questionnaire.pk),
        {
            "name": "stars",
            "choices-TOTAL_FORMS": "3",
            "choices-INITIAL_FORMS": "0",
            "choices-0-name": "1",
            "choices-0-label_lt": "Blogai",
            "choices-0-label_en": "Bad",
            "choices-0-position": "1",
            "choices-1-name": "2",
            "choices-1-label_lt": "Gerai",
            "choices-1-label_en": "Good",
            "choices-1-position": "2",
            "choices-2-position": "0",  # a browser sends the blank row's default
        },
    )
    assert answer.status_code == 302, answer.content.decode()[
        answer.content.decode().find("<main") :
    ]
    stars = questionnaire.choice_lists.get(name="stars")
    assert [c.name for c in stars.choices.all()] == ["1", "2"]
    answer = client.post(
        url("question_create", questionnaire.pk),
        {
            "name": "rating",
            "type": QuestionType.LIKERT,
            "choice_list": stars.pk,
            "label_lt": "Kaip vertinate?",
            "label_en": "How do you rate it?",
            "required": "on",
        },
    )
    assert answer.status_code == 302
    answer = client.post(
        url("question_create", questionnaire.pk),
        {
            "name": "hours",
            "type": QuestionType.INTEGER,
            "label_lt": "Valandos",
            "label_en": "Hours",
            "minimum": "1",
            "maximum": "8",
            "relevant": "${rating} = '2'",
        },
    )
    assert answer.status_code == 302
    assert Question.objects.get(name="hours").constraint == ". >= 1 and . <= 8"
    # A broken expression is refused on the spot.
    answer = client.post(
        url("question_create", questionnaire.pk),
        {
            "name": "bad",
            "type": QuestionType.TEXT,
            "label_lt": "B",
            "label_en": "B",
            "relevant": "${nosuch} = 1",
        },
    )
    assert (
        answer.status_code == 200
        and "${nosuch} refers to an unknown field." in answer.content.decode()
    )
    preview = client.get(url("preview", questionnaire.pk, language="en")).content.decode()
    assert "How do you rate it?" in preview and "Good" in preview
    answer = client.post(url("transition", questionnaire.pk, "published"))
    questionnaire.refresh_from_db()
    assert questionnaire.status == QuestionnaireStatus.PUBLISHED
    # Published: the builder refuses edits, a new version is the way.
    assert client.get(url("question_create", questionnaire.pk)).status_code == 404
    answer = client.post(url("new_version", questionnaire.pk))
    new = Questionnaire.objects.get(code="feedback", version=2)
    assert answer["Location"] == url("detail", new.pk)


def test_it_shows_responses_exports_and_summary(client_of, staff_member, survey, librarian_a):
    response = services.submit_answers(survey, FULL_SURVEY_ANSWERS, respondent=librarian_a)
    client = client_of(staff_member)
    page = client.get(url("responses", survey.pk) + "?question=age&value=34").content.decode()
    assert "Ona Onaitė" in page
    page = client.get(url("responses", survey.pk) + "?question=age&value=35").content.decode()
    assert "Ona Onaitė" not in page
    detail = client.get(url("response_detail", survey.pk, response.pk)).content.decode()
    assert "Books and periodicals, Internet and computers" in detail
    for kind, content_type in (
        ("csv", "text/csv"),
        ("xlsx", "application/vnd.openxmlformats"),
        ("sav", "application/x-spss-sav"),
    ):
        answer = client.get(url("export", survey.pk, kind))
        assert answer["Content-Type"].startswith(content_type)
        assert len(answer.content) > 100
    assert client.get(url("export", survey.pk, "pdf")).status_code == 404
    workbook = load_workbook(
        io.BytesIO(client.get(url("export", survey.pk, "xlsx") + "?values=labels").content)
    )
    assert "Female" in [c.value for c in workbook["responses"][2]]
    summary = client.get(url("summary", survey.pk)).content.decode()
    assert "1 submitted response" in summary and "100.0%" in summary


def test_it_hides_questionnaires_of_other_programmes(client_of, staff_member, survey):
    from pazanga.programme.tests.factories import ProgrammeFactory

    other = ProgrammeFactory(code="other", status="past")
    Questionnaire.objects.filter(pk=survey.pk).update(programme=other)
    assert client_of(staff_member).get(url("detail", survey.pk)).status_code == 404
