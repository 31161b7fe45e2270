"""Forms as fieldwork teams write them: repeats, nested groups, calculations, any number of
content languages, metadata, more question types; answered on the web."""

import pytest

from pazanga.questionnaires import services
from pazanga.questionnaires.engine import load_definition
from pazanga.questionnaires.enums import QuestionnaireStatus, ResponseStatus
from pazanga.questionnaires.examples.forms import workbook_bytes
from pazanga.questionnaires.models import Response
from pazanga.questionnaires.tests.test_answering import url
from pazanga.questionnaires.workflow import transition

LANGS = ["label::Lietuvių (lt)", "label::English (en)", "label::Русский (ru)"]
SURVEY = [
    ["type", "name", *LANGS, "relevant", "calculation", "repeat_count", "constraint", "required"],
    ["start", "started", "", "", ""],
    ["username", "who", "", "", ""],
    ["text", "library", "Biblioteka", "Library", "Библиотека", "", "", "", "", "yes"],
    ["integer", "rooms", "Kiek salių?", "How many reading rooms?", "", "", "", "", ". <= 5"],
    ["begin_group", "household", "Namų ūkis", "Household", "Домохозяйство"],
    ["begin_repeat", "member", "Narys", "Member", "Член семьи"],
    ["text", "member_name", "Vardas", "Name", "Имя", "", "", "", "", "yes"],
    ["integer", "age", "Amžius", "Age", "Возраст", "", "", "", ". >= 0 and . < 120", "yes"],
    ["begin_group", "work", "Darbas", "Work", "Работа", "${age} >= 16"],
    ["integer", "hours", "Valandos per savaitę", "Hours a week", "Часы в неделю"],
    ["end_group", ""],
    ["calculate", "number", "", "", "", "", "position(..)"],
    ["calculate", "greeting", "", "", "", "", "concat('#', ${number}, ' ', ${member_name})"],
    ["end_repeat", ""],
    ["end_group", ""],
    ["calculate", "members", "", "", "", "", "count(${member})"],
    ["calculate", "total_hours", "", "", "", "", "sum(${hours})"],
    ["calculate", "first_name", "", "", "", "", "indexed-repeat(${member_name}, ${member}, 1)"],
    ["note", "summary", "Narių: ${members}", "Members: ${members}", "Членов: ${members}"],
    ["begin_repeat", "room", "Salė", "Room", "Зал", "", "", "${rooms}"],
    ["integer", "seats", "Vietų", "Seats", "Мест"],
    ["end_repeat", ""],
]
SETTINGS = [
    ["form_title::Lietuvių (lt)", "form_title::English (en)", "form_id", "default_language"],
    ["Namų ūkių apklausa", "Household survey", "households", "Lietuvių (lt)"],
]


@pytest.fixture
def households(programme, staff_member):
    questionnaire = services.import_questionnaire(
        workbook_bytes(SURVEY, SETTINGS, names=("survey", "settings")),
        programme=programme,
        actor=staff_member,
    )
    return transition(questionnaire, QuestionnaireStatus.PUBLISHED, actor=staff_member)


ANSWERS = {
    "library": "Rokiškio biblioteka",
    "rooms": 2,
    "member": [
        {"member_name": "Ona", "age": 44, "hours": 40},
        {"member_name": "Jonas", "age": 12, "hours": 5},
        {"member_name": "Rūta", "age": 19, "hours": 20},
    ],
    "room": [{"seats": 20}, {"seats": 35}],
}


def test_it_calculates_over_repeats_and_hides_inside_instances(households):
    definition = load_definition(households)
    evaluation = definition.evaluate(ANSWERS)
    values = evaluation.values
    assert values["members"] == "3"
    assert values["total_hours"] == "60"  # Jonas (12) does not see the work group
    assert "hours" not in values["member"][1]
    assert values["first_name"] == "Ona"
    assert [m["greeting"] for m in values["member"]] == ["#1 Ona", "#2 Jonas", "#3 Rūta"]
    assert "member/1/hours" not in evaluation.shown
    assert "member/2/hours" in evaluation.shown
    assert evaluation.counts == {"member": 3, "room": 2}


def test_a_repeat_count_makes_and_drops_instances(households):
    definition = load_definition(households)
    assert definition.evaluate({**ANSWERS, "rooms": 4}).counts["room"] == 4
    values = definition.evaluate({**ANSWERS, "rooms": 1}).values
    assert values["room"] == [{"seats": 20}]


def test_it_checks_each_instance(households):
    definition = load_definition(households)
    answers = {**ANSWERS, "member": [{"member_name": "Ona", "age": 200}, {"age": 3}]}
    errors = definition.errors(answers)
    assert errors == {
        "member/0/age": "This answer is not allowed.",
        "member/1/member_name": "This question needs an answer.",
    }


def test_submission_keeps_each_instance_and_the_calculations(households, librarian_a):
    response = services.submit_answers(households, ANSWERS, respondent=librarian_a)
    assert response.status == ResponseStatus.SUBMITTED
    stored = response.answers
    assert stored["member"][0] == {
        "member_name": "Ona",
        "age": 44,
        "hours": 40,
        "number": "1",
        "greeting": "#1 Ona",
    }
    assert "hours" not in stored["member"][1]
    assert stored["total_hours"] == "60"
    assert stored["who"] == librarian_a.email
    assert stored["started"].startswith(response.started_at.astimezone().date().isoformat())


def test_the_respondent_adds_and_removes_instances_on_the_web(client_of, librarian_a, households):
    client = client_of(librarian_a)
    address = url("answer", households.pk, language="en")
    first = client.post(
        address + "?page=0",
        {"q-library": "Biržai", "q-rooms": "1", "action": "next", "shown": "library,rooms"},
    )
    assert first.status_code == 302 and first["Location"].endswith("?page=1")
    page = client.get(address + "?page=1").content.decode()
    assert "Member 1" in page
    assert 'name="q-member__0__member_name"' in page
    assert 'value="add:member"' in page
    added = client.post(
        address + "?page=1",
        {"q-member__0__member_name": "Ona", "q-member__0__age": "44", "action": "add:member"},
    )
    assert added.status_code == 302
    response = Response.objects.get(respondent=librarian_a)
    assert response.answers["member"] == [{"member_name": "Ona", "age": 44}, {}]
    page = client.get(address + "?page=1").content.decode()
    assert 'name="q-member__1__member_name"' in page
    assert 'value="remove:member/1"' in page
    client.post(
        address + "?page=1",
        {
            "q-member__0__member_name": "Ona",
            "q-member__0__age": "44",
            "q-member__1__member_name": "Tomas",
            "q-member__1__age": "9",
            "action": "remove:member/0",
        },
    )
    response.refresh_from_db()
    assert response.answers["member"] == [{"member_name": "Tomas", "age": 9}]


def test_a_typed_count_makes_the_instances_to_answer(client_of, librarian_a, households):
    client = client_of(librarian_a)
    address = url("answer", households.pk, language="en")
    client.post(
        address + "?page=0",
        {"q-library": "Biržai", "q-rooms": "2", "action": "next", "shown": "library,rooms"},
    )
    page = client.get(address + "?page=2").content.decode()
    assert 'name="q-room__1__seats"' in page
    assert 'value="add:room"' not in page  # the count decides, not the respondent


def test_the_respondent_chooses_the_language_of_the_questions(client_of, librarian_a, households):
    client = client_of(librarian_a)
    address = url("answer", households.pk, language="en")
    page = client.get(address + "?lang=ru").content.decode()
    assert "Библиотека" in page
    assert "Kiek salių?" in page  # no Russian text: the default language's
    assert "Questions in:" in page  # the interface stays English
    assert 'action="' + address + '?page=0&amp;lang=ru"' in page  # kept until the first answers
    client.post(
        address + "?page=0&lang=ru",
        {"q-library": "Biržai", "q-rooms": "2", "action": "save", "shown": "library,rooms"},
    )
    assert Response.objects.get(respondent=librarian_a).language == "ru"
    page = client.get(address + "?lang=xx").content.decode()
    assert "Библиотека" in page  # an unknown language changes nothing


def test_a_note_shows_computed_values(households):
    definition = load_definition(households)
    from pazanga.questionnaires.answer_forms import AnswerForm

    form = AnswerForm(definition, answers=ANSWERS, language="en", prefix="q")
    notes = [item for item in form.items if item["kind"] == "note"]
    assert notes[0]["label"] == "Members: 3"


def test_exports_are_long_one_table_per_repeat(households, librarian_a, librarian_b):
    import csv
    import io
    import zipfile

    from openpyxl import load_workbook

    from pazanga.questionnaires.exports import ResponseTable, to_csv, to_sav, to_xlsx
    from pazanga.questionnaires.queries import submitted_responses

    first = services.submit_answers(households, ANSWERS, respondent=librarian_a)
    second = services.submit_answers(
        households,
        {"library": "Biržai", "rooms": 0, "member": [{"member_name": "Tomas", "age": 30}]},
        respondent=librarian_b,
    )
    table = ResponseTable(load_definition(households), language="en")
    responses = list(submitted_responses(households).order_by("pk"))

    archive = zipfile.ZipFile(io.BytesIO(to_csv(table, responses)))
    assert sorted(archive.namelist()) == ["member.csv", "responses.csv", "room.csv"]
    main = list(csv.DictReader(io.StringIO(archive.read("responses.csv").decode("utf-8-sig"))))
    assert [row["library"] for row in main] == ["Rokiškio biblioteka", "Biržai"]
    assert "member_name" not in main[0] and main[0]["total_hours"] == "60"
    members = list(csv.DictReader(io.StringIO(archive.read("member.csv").decode("utf-8-sig"))))
    assert [(m["member_name"], m["_parent_index"], m["_submission__id"]) for m in members] == [
        ("Ona", "1", str(first.pk)),
        ("Jonas", "1", str(first.pk)),
        ("Rūta", "1", str(first.pk)),
        ("Tomas", "2", str(second.pk)),
    ]
    assert [m["_index"] for m in members] == ["1", "2", "3", "4"]
    assert members[1]["hours"] == ""  # hidden for a twelve-year-old
    assert members[0]["_parent_table_name"] == "responses"

    workbook = load_workbook(io.BytesIO(to_xlsx(table, responses)))
    assert workbook.sheetnames == ["responses", "member", "room", "columns"]
    rooms = list(workbook["room"].values)
    assert rooms[0][:4] == ("_index", "_parent_table_name", "_parent_index", "_submission__id")
    assert [row[-1] for row in rooms[1:]] == [20, 35]

    import tempfile

    import pyreadstat

    archive = zipfile.ZipFile(io.BytesIO(to_sav(table, responses)))
    with tempfile.NamedTemporaryFile(suffix=".sav") as handle:
        handle.write(archive.read("member.sav"))
        handle.flush()
        frame, meta = pyreadstat.read_sav(handle.name)
    assert list(frame["member_name"]) == ["Ona", "Jonas", "Rūta", "Tomas"]
    assert list(frame["age"]) == [44, 12, 19, 30]
    assert meta.column_names_to_labels["age"] == "Age"


def test_export_then_import_gives_the_same_form(households, client_of, staff_member):
    from pazanga.questionnaires.xlsform.convert import spec_from_questionnaire
    from pazanga.questionnaires.xlsform.reader import read_xlsform

    client = client_of(staff_member)
    exported = client.get(url("export_xlsform", households.pk, language="en")).content
    again = read_xlsform(exported)
    original = spec_from_questionnaire(households)
    assert again == original
    assert again.languages == ("lt", "en", "ru")
    assert [g.name for g in again.groups] == ["household", "member", "work", "room"]
    assert {q.name: q.calculation for q in again.questions}["total_hours"] == "sum(${hours})"
    reimported = services.import_questionnaire(exported, programme=households.programme, actor=None)
    assert spec_from_questionnaire(reimported) == original


def test_the_response_page_shows_each_instance(households, librarian_a, client_of, staff_member):
    response = services.submit_answers(households, ANSWERS, respondent=librarian_a)
    page = client_of(staff_member).get(url("response_detail", households.pk, response.pk))
    text = page.content.decode()
    assert "1: Ona; 2: Jonas; 3: Rūta" in text
    assert "1: 40; 3: 20" in text  # Jonas (the second) is too young to be asked


def test_staff_build_a_repeat_and_a_calculation_in_the_builder(client_of, staff_member, programme):
    from pazanga.questionnaires.models import Question, Questionnaire, Section

    draft = Questionnaire.objects.create(
        programme=programme, code="built", purpose="survey", title_lt="Sukurta"
    )
    client = client_of(staff_member)
    client.post(
        url("question_create", draft.pk, language="en"),
        {"name": "n", "type": "integer", "label_lt": "Kiek narių?"},
    )
    client.post(
        url("section_create", draft.pk, language="en"),
        {"name": "member", "label_lt": "Narys", "is_repeat": "on", "repeat_count": "${n}"},
    )
    refused = client.post(
        url("section_create", draft.pk, language="en"),
        {"name": "other", "label_lt": "Kita", "is_repeat": "on", "repeat_count": "${nosuch}"},
    )
    assert "${nosuch} refers to an unknown field." in refused.content.decode()
    member = Section.objects.get(questionnaire=draft, name="member")
    assert (member.is_repeat, member.repeat_count) == (True, "${n}")
    client.post(
        url("question_create", draft.pk, language="en"),
        {"name": "age", "type": "integer", "section": member.pk, "label_lt": "Amžius"},
    )
    client.post(
        url("question_create", draft.pk, language="en"),
        {"name": "total", "type": "calculate", "calculation": "sum(${age})", "label_lt": "Iš viso"},
    )
    assert Question.objects.get(questionnaire=draft, name="total").calculation == "sum(${age})"
    definition = load_definition(draft)
    values = definition.evaluate({"n": 2, "member": [{"age": 30}, {"age": 12}]}).values
    assert values["total"] == "42"


def test_every_staff_page_works_for_a_form_with_repeats(
    households, librarian_a, client_of, staff_member
):
    response = services.submit_answers(households, ANSWERS, respondent=librarian_a)
    client = client_of(staff_member)
    for name, args in (
        ("detail", [households.pk]),
        ("preview", [households.pk]),
        ("responses", [households.pk]),
        ("response_detail", [households.pk, response.pk]),
        ("summary", [households.pk]),
        ("export", [households.pk, "xlsx"]),
        ("export_xform", [households.pk]),
    ):
        page = client.get(url(name, *args, language="en"))
        assert page.status_code == 200, name
    preview = client.get(url("preview", households.pk, language="en") + "?page=1")
    assert 'name="q-member__0__member_name"' in preview.content.decode()


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

VALUES = st.recursive(
    st.one_of(st.none(), st.integers(-5, 300), st.text(max_size=4), st.booleans()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(["age", "hours"]), inner)
    ),
    max_leaves=6,
)
KEYS = st.sampled_from(["library", "rooms", "member", "room", "members", "age", "x"])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answers=st.dictionaries(KEYS, VALUES, max_size=5))
def test_any_stored_answers_are_evaluated_without_failing(households, answers):
    definition = load_definition(households)
    evaluation = definition.evaluate(answers)
    assert isinstance(definition.errors(answers), dict)
    assert isinstance(definition.clean_answers(answers), dict)
    assert all(count >= 0 for count in evaluation.counts.values())


def test_a_trigger_sets_a_value_only_when_its_question_changes(programme, staff_member):
    from pazanga.questionnaires.answer_forms import AnswerForm

    survey = [
        ["type", "name", "label", "calculation", "trigger"],
        ["integer", "visitors", "Visitors today", "", ""],
        ["text", "noted_at", "Counted at", "concat('count ', ${visitors})", "${visitors}"],
    ]
    questionnaire = services.import_questionnaire(
        workbook_bytes(survey, names=("survey",)), programme=programme, actor=staff_member
    )
    definition = load_definition(questionnaire)
    assert "noted_at" not in definition.evaluate({"visitors": 5}).values  # not on its own
    changed = AnswerForm(
        definition,
        {"q-visitors": "7", "q-noted_at": ""},
        answers={"visitors": 5, "noted_at": "count 5"},
        prefix="q",
    )
    assert changed.is_valid(), changed.errors
    assert changed.answers["noted_at"] == "count 7"
    kept = AnswerForm(
        definition,
        {"q-visitors": "7", "q-noted_at": "edited by hand"},
        answers={"visitors": 7, "noted_at": "count 7"},
        prefix="q",
    )
    assert kept.is_valid()
    assert kept.answers["noted_at"] == "edited by hand"
