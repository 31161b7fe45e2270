from django.urls import reverse
from django.utils import translation

from pazanga.questionnaires.enums import QuestionnaireStatus, ResponseStatus
from pazanga.questionnaires.models import Response
from pazanga.questionnaires.workflow import transition


def url(name, *args, language="lt"):
    with translation.override(language):
        return reverse(f"questionnaires:{name}", args=args)


def post_page(client, address, page, data, action="next"):
    fields = {f"q-{k}": v for k, v in data.items()}
    return client.post(f"{address}?page={page}", {**fields, "action": action, "shown": ""})


def test_it_walks_a_respondent_through_the_pages_in_english(client_of, librarian_a, survey):
    client = client_of(librarian_a)
    address = url("answer", survey.pk, language="en")
    page = client.get(address)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Page 1 of 3" in text
    assert "Your age" in text and "Jūsų amžius" not in text
    assert "visits" not in text  # page 2 is not shown yet

    answer = client.post(
        address + "?page=0",
        {
            "q-gender": "female",
            "q-age": "200",
            "q-settlement": "rural",
            "action": "next",
            "shown": "age,gender,settlement",
        },
    )
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "Age must be between 14 and 110." in text
    assert 'value="200"' in text  # what was typed is kept
    assert 'value="rural" id="id_q-settlement_1" checked' in text

    answer = client.post(
        address + "?page=0",
        {
            "q-gender": "female",
            "q-age": "34",
            "q-settlement": "rural",
            "action": "next",
            "shown": "age,gender,settlement",
        },
    )
    assert answer.status_code == 302 and answer["Location"].endswith("?page=1")
    response = Response.objects.get(respondent=librarian_a)
    assert response.answers == {"gender": "female", "age": 34, "settlement": "rural"}

    # No JavaScript: answering "yes" opens the follow-up questions on the same page.
    answer = client.post(
        address + "?page=1", {"q-uses_library": "yes", "action": "next", "shown": "uses_library"}
    )
    assert answer["Location"].endswith("?page=1")
    text = client.get(address + "?page=1").content.decode()
    assert "How many times did you visit?" in text and "Why do you not visit?" not in text

    answer = client.post(
        address + "?page=1",
        {
            "q-uses_library": "yes",
            "q-visits": "3",
            "q-services": ["books", "internet"],
            "action": "next",
            "shown": "services,uses_library,visits",
        },
    )
    assert answer["Location"].endswith("?page=2")
    text = client.get(address + "?page=2").content.decode()
    assert "Page 3 of 3" in text and "Strongly agree" in text and "Submit answers" in text

    answer = client.post(
        address + "?page=2",
        {
            "q-internet_helps": "5",
            "q-comments": "Puiku",
            "action": "next",
            "shown": "comments,internet_helps,thanks_note",
        },
    )
    assert answer["Location"] == url("thanks", survey.pk, language="en")
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    assert response.answers["services"] == ["books", "internet"]
    assert response.answers["internet_helps"] == "5"
    thanks = client.get(answer["Location"]).content.decode()
    assert "Thank you for your answers" in thanks

    # Coming back after submitting shows the thank-you page, not a second response.
    again = client.get(address)
    assert again.status_code == 302 and again["Location"] == url("thanks", survey.pk, language="en")
    assert Response.objects.filter(questionnaire=survey).count() == 1


def test_it_renders_lithuanian_by_default(client_of, librarian_a, survey):
    text = client_of(librarian_a).get(url("answer", survey.pk)).content.decode()
    assert "Jūsų amžius" in text and "Metais" in text and "Puslapis 1 iš 3" in text


def test_it_saves_a_draft_to_resume_later(client_of, librarian_a, survey):
    client = client_of(librarian_a)
    address = url("answer", survey.pk)
    post_page(
        client, address, 0, {"gender": "male", "age": "50", "settlement": "urban"}, action="save"
    )
    response = Response.objects.get(respondent=librarian_a)
    assert response.status == ResponseStatus.DRAFT and response.answers["age"] == 50
    text = client.get(address).content.decode()
    assert 'value="50"' in text


def test_it_recomputes_relevance_for_htmx_without_saving(client_of, librarian_a, survey):
    client = client_of(librarian_a)
    address = url("answer", survey.pk, language="en")
    client.get(address)
    refreshed = client.post(
        address + "?page=1",
        {"q-uses_library": "no", "action": "refresh"},
        headers={"HX-Request": "true"},
    )
    text = refreshed.content.decode()
    assert text.startswith('<div id="questions"')
    assert "Why do you not visit?" in text and "How many times" not in text
    assert "needs an answer" not in text
    assert not Response.objects.filter(respondent=librarian_a).exists()


def test_it_refuses_answers_when_closed(client_of, librarian_a, survey, staff_member):
    client = client_of(librarian_a)
    address = url("answer", survey.pk, language="en")
    client.get(address)
    transition(survey, QuestionnaireStatus.CLOSED, actor=staff_member)
    answer = post_page(client, address, 0, {"gender": "male", "age": "50", "settlement": "urban"})
    assert answer.status_code == 410
    assert "This questionnaire is closed" in answer.content.decode()
    assert not Response.objects.filter(respondent=librarian_a).exists()


def test_it_scores_a_test_on_the_thank_you_page(client_of, librarian_a, pretest):
    client = client_of(librarian_a)
    address = url("answer", pretest.pk, language="en")
    answer = client.post(
        address + "?page=0",
        {
            "q-first_phase": "initiation",
            "q-gantt": "yes",
            "q-smart": ["specific", "measurable", "timed"],
            "q-risk": "uncertain_event",
            "action": "next",
            "shown": "first_phase,gantt,risk,smart",
        },
    )
    assert answer.status_code == 302
    text = client.get(answer["Location"]).content.decode()
    assert "5 / 5" in text and "You passed the test." in text


def test_it_takes_anonymous_answers_through_the_link(client, survey):
    address = url("anonymous_answer", survey.public_token, language="en")
    assert client.get(address).status_code == 200
    post_page(client, address, 0, {"gender": "other", "age": "20", "settlement": "urban"})
    post_page(client, address, 1, {"uses_library": "no", "why_not": "no_time"})
    # page 1 reopens once because why_not appeared; post it again with the same answers
    answer = client.post(
        address + "?page=1",
        {
            "q-uses_library": "no",
            "q-why_not": "no_time",
            "action": "next",
            "shown": "uses_library,why_not",
        },
    )
    answer = client.post(
        address + "?page=2", {"q-comments": "", "action": "next", "shown": "comments,thanks_note"}
    )
    assert answer["Location"] == url("anonymous_thanks", survey.public_token, language="en")
    response = Response.objects.get(questionnaire=survey)
    assert response.respondent is None and response.status == ResponseStatus.SUBMITTED
    assert response.answers == {
        "gender": "other",
        "age": 20,
        "settlement": "urban",
        "uses_library": "no",
        "why_not": "no_time",
    }
    # A repeated submit gives the thank-you page, not a second response.
    client.post(address + "?page=2", {"action": "next", "shown": "comments,thanks_note"})
    assert Response.objects.filter(questionnaire=survey).count() == 1


def test_it_hides_anonymous_links_that_are_wrong_or_not_allowed(client, survey, pretest):
    assert client.get(url("anonymous_answer", "not-a-token")).status_code == 404
    assert client.get(url("anonymous_answer", pretest.public_token)).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in_and_refuses_outsiders(
    client, client_of, outsider, survey
):
    assert client.get(url("answer", survey.pk)).status_code == 302
    assert client_of(outsider).get(url("answer", survey.pk)).status_code == 403
    assert client_of(outsider).get(url("thanks", survey.pk)).status_code == 404


def test_it_does_not_offer_a_draft_questionnaire(client_of, librarian_a, survey_draft):
    assert client_of(librarian_a).get(url("answer", survey_draft.pk)).status_code == 404


def test_it_renders_a_100_question_questionnaire_in_constant_queries(
    client_of, librarian_a, programme, staff_member, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pazanga.questionnaires.examples.forms import workbook_bytes
    from pazanga.questionnaires.services import import_questionnaire

    def make(count, code):
        survey = [["type", "name", "label", "relevant", "constraint"]]
        survey.append(["begin_group", "all", "Visi"])
        for i in range(count):
            kind = ["integer", "select_one yn", "text", "select_multiple yn"][i % 4]
            survey.append(
                [
                    kind,
                    f"q{i}",
                    f"Klausimas {i}",
                    "${q0} != 5" if i else "",
                    ". >= 0" if kind == "integer" else "",
                ]
            )
        survey.append(["end_group", ""])
        choices = [["list_name", "name", "label"], ["yn", "yes", "Taip"], ["yn", "no", "Ne"]]
        q = import_questionnaire(
            workbook_bytes(
                survey,
                choices,
                [["form_id", "form_title", "default_language"], [code, "Didelė", "lt"]],
            ),
            programme=programme,
            actor=staff_member,
        )
        return transition(q, QuestionnaireStatus.PUBLISHED, actor=staff_member)

    client = client_of(librarian_a)
    counts = []
    for size, code in ((10, "small"), (100, "big")):
        questionnaire = make(size, code)
        address = url("answer", questionnaire.pk)
        client.get(address)  # creates the response
        with CaptureQueriesContext(connection) as queries:
            page = client.get(address)
        assert (
            page.content.decode().count('class="field q-question')
            + page.content.decode().count('<fieldset class="q-question')
            == size
        )
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_stores_nothing_when_a_survey_link_is_only_opened(client, survey):
    from django.contrib.sessions.models import Session

    address = url("anonymous_answer", survey.public_token, language="en")
    for _ in range(5):
        page = client.get(address)
        assert page.status_code == 200 and "Your age" in page.content.decode()
    client.get(address + "?lang=en&page=1")
    assert Response.objects.filter(questionnaire=survey).count() == 0
    assert Session.objects.count() == 0

    post_page(client, address, 0, {"gender": "other", "age": "20", "settlement": "urban"})
    response = Response.objects.get(questionnaire=survey)
    assert response.status == ResponseStatus.DRAFT and response.answers["age"] == 20
    assert Session.objects.count() == 1
    # The draft is found again through the session: a later visit adds nothing.
    client.get(address)
    post_page(client, address, 1, {"uses_library": "yes", "visits": "3"})
    assert Response.objects.filter(questionnaire=survey).count() == 1


def test_it_starts_a_logged_in_draft_on_the_first_answers_not_on_a_visit(
    client_of, librarian_a, survey
):
    client = client_of(librarian_a)
    address = url("answer", survey.pk, language="en")
    assert client.get(address).status_code == 200
    assert client.get(address + "?lang=en").status_code == 200
    assert not Response.objects.filter(questionnaire=survey).exists()
    post_page(client, address, 0, {"gender": "other", "age": "20", "settlement": "urban"})
    response = Response.objects.get(questionnaire=survey, respondent=librarian_a)
    assert response.language == "en" and response.answers["gender"] == "other"
