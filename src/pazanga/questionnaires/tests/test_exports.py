import csv
import io
import tempfile

import pyreadstat
from openpyxl import load_workbook

from pazanga.questionnaires import services
from pazanga.questionnaires.engine import load_definition
from pazanga.questionnaires.exports import ResponseTable, spss_names, to_csv, to_sav, to_xlsx
from pazanga.questionnaires.queries import submitted_responses, summarise
from pazanga.questionnaires.tests.conftest import FULL_SURVEY_ANSWERS


def answered(survey, librarian_a, librarian_b):
    services.submit_answers(survey, FULL_SURVEY_ANSWERS, respondent=librarian_a)
    services.submit_answers(
        survey,
        {
            "gender": "male",
            "age": 61,
            "settlement": "urban",
            "uses_library": "no",
            "why_not": "too_far",
        },
        respondent=librarian_b,
        language="en",
    )
    return list(submitted_responses(survey))


def test_it_exports_csv_with_one_column_per_choice(survey, librarian_a, librarian_b):
    responses = answered(survey, librarian_a, librarian_b)
    table = ResponseTable(load_definition(survey))
    rows = list(csv.DictReader(io.StringIO(to_csv(table, responses).decode("utf-8-sig"))))
    assert list(rows[0])[:4] == ["_id", "_submitted_at", "_language", "_respondent_id"]
    assert (
        "services/internet" in rows[0]
        and "services" not in rows[0]
        and "thanks_note" not in rows[0]
    )
    first, second = rows
    assert (
        first["age"],
        first["gender"],
        first["services/internet"],
        first["services/events"],
    ) == ("34", "female", "1", "0")
    assert (second["services/internet"], second["why_not"], second["_language"]) == (
        "",
        "too_far",
        "en",
    )


def test_it_exports_labels_when_asked(survey, librarian_a, librarian_b):
    responses = answered(survey, librarian_a, librarian_b)
    table = ResponseTable(load_definition(survey), labels=True, language="en")
    rows = list(csv.DictReader(io.StringIO(to_csv(table, responses).decode("utf-8-sig"))))
    assert rows[0]["gender"] == "Female" and rows[1]["why_not"] == "It is too far"


def test_it_exports_xlsx_with_numbers_as_numbers(survey, librarian_a, librarian_b):
    responses = answered(survey, librarian_a, librarian_b)
    workbook = load_workbook(io.BytesIO(to_xlsx(ResponseTable(load_definition(survey)), responses)))
    sheet = workbook["responses"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("age") + 1).value == 34
    assert workbook["columns"].cell(2 + header.index("age"), 2).value == "Jūsų amžius"


def test_it_exports_spss_with_variable_and_value_labels(survey, librarian_a, librarian_b):
    responses = answered(survey, librarian_a, librarian_b)
    data = to_sav(ResponseTable(load_definition(survey), language="en"), responses)
    with tempfile.NamedTemporaryFile(suffix=".sav") as handle:
        handle.write(data)
        handle.flush()
        frame, meta = pyreadstat.read_sav(handle.name)
    assert list(frame["age"]) == [34.0, 61.0]
    assert meta.column_names_to_labels["age"] == "Your age"
    assert meta.variable_value_labels["gender"] == {
        1.0: "Female",
        2.0: "Male",
        3.0: "Other / prefer not to say",
    }
    assert list(frame["gender"]) == [1.0, 2.0]
    assert (
        meta.variable_value_labels["internet_helps"][5.0] == "Strongly agree"
    )  # numeric codes kept
    assert next(iter(frame["services_internet"])) == 1.0
    assert frame["comments"][0] == "Ačiū!"


def test_it_makes_valid_spss_names():
    assert spss_names(["_id", "services/internet", "1st", "AND", "a", "A"]) == [
        "id",
        "services_internet",
        "v1st",
        "vAND",
        "a",
        "A_2",
    ]


def test_it_summarises_per_question(survey, librarian_a, librarian_b):
    answered(survey, librarian_a, librarian_b)
    definition = load_definition(survey)
    summaries = {
        s.question.name: s
        for s in summarise(definition, [r.answers for r in submitted_responses(survey)])
    }
    gender = summaries["gender"]
    assert [(b.label, b.count, str(b.percent)) for b in gender.bars] == [
        ("Female", 1, "50.0"),
        ("Male", 1, "50.0"),
        ("Other / prefer not to say", 0, "0.0"),
    ]
    assert str(summaries["age"].mean) == "47.50"
    assert summaries["internet_helps"].mean == 4
    assert summaries["services"].answered == 1
