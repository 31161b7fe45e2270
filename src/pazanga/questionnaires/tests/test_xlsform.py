import io
import zipfile

import pytest

from pazanga.questionnaires.enums import QuestionType
from pazanga.questionnaires.examples.forms import (
    EXAMPLES,
    HERE,
    LIBRARY_USE_CHOICES,
    LIBRARY_USE_SETTINGS,
    LIBRARY_USE_SURVEY,
    example_bytes,
    workbook_bytes,
)
from pazanga.questionnaires.xlsform.reader import WrongFileError, XLSFormError, read_xlsform
from pazanga.questionnaires.xlsform.writer import write_xlsform

HEAD = ["type", "name", "label::Lietuvių (lt)", "label::English (en)"]
YES_NO = [
    ["list_name", "name", "label::Lietuvių (lt)", "label::English (en)"],
    ["yn", "yes", "Taip", "Yes"],
    ["yn", "no", "Ne", "No"],
]


def errors_of(*sheets, names=("survey", "choices", "settings")) -> list[str]:
    with pytest.raises(XLSFormError) as caught:
        read_xlsform(workbook_bytes(*sheets, names=names))
    return [str(e) for e in caught.value.errors]


def test_it_reads_a_hand_written_bilingual_form():
    form = read_xlsform(example_bytes("library_use.xlsx"))
    assert form.form_id == "library_use"
    assert form.languages == ("lt", "en")
    assert dict(form.title) == {"lt": "Bibliotekų lankytojų apklausa", "en": "Library use survey"}
    assert [g.name for g in form.groups] == ["about_you", "library_use", "opinion"]
    by_name = {q.name: q for q in form.questions}
    assert by_name["age"].type == QuestionType.INTEGER
    assert by_name["age"].constraint == ". >= 14 and . <= 110"
    assert dict(by_name["age"].constraint_message)["en"] == "Age must be between 14 and 110."
    assert by_name["services"].type == QuestionType.SELECT_MULTIPLE
    assert by_name["services"].list_name == "services"
    assert by_name["internet_helps"].type == QuestionType.LIKERT
    assert by_name["comments"].type == QuestionType.LONG_TEXT
    assert by_name["visits"].relevant == "${uses_library} = 'yes'"
    assert dict(by_name["age"].hint) == {"lt": "Metais", "en": "In years"}


def test_it_round_trips_import_export_import():
    for file_name in EXAMPLES:
        form = read_xlsform(example_bytes(file_name))
        assert read_xlsform(write_xlsform(form)) == form


def test_it_ships_example_files_generated_from_the_code():
    for file_name in EXAMPLES:
        shipped = read_xlsform((HERE / file_name).read_bytes())
        assert shipped == read_xlsform(example_bytes(file_name))


def test_it_reads_a_plain_label_column_in_the_default_language():
    form = read_xlsform(
        workbook_bytes(
            [["type", "name", "label"], ["text", "q1", "Vardas"]],
            [["form_title", "default_language"], ["Forma", "lt"]],
            names=("survey", "settings"),
        )
    )
    assert form.languages == ("lt",)
    assert dict(form.questions[0].label) == {"lt": "Vardas"}


def test_it_reads_sheet_and_column_names_case_insensitively():
    form = read_xlsform(
        workbook_bytes(
            [["Type", "Name", "Label:English"], ["INTEGER", "n", "Number"]],
            [["default_language"], ["English (en)"]],
            names=("Survey", "Settings"),
        )
    )
    assert form.questions[0].type == QuestionType.INTEGER
    assert form.languages == ("en",)


def test_it_reads_scoring_columns():
    form = read_xlsform(example_bytes("pm_pretest.xlsx"))
    assert form.purpose == "test"
    assert str(form.pass_mark) == "3"
    assert [str(q.points) for q in form.questions] == ["1", "1", "2", "1"]
    smart = dict(form.choice_lists)["smart"]
    assert [c.name for c in smart if c.correct] == ["specific", "measurable", "timed"]


def test_it_refuses_a_form_without_survey_sheet():
    assert errors_of([["list_name", "name", "label"]], names=("choices",)) == [
        "survey: The workbook has no “survey” sheet."
    ]


def test_it_locates_duplicate_names():
    errors = errors_of([HEAD, ["text", "q1", "A", "A"], ["text", "q1", "B", "B"]])
    assert errors == ["survey, row 3, column B (name): The name “q1” is already used in row 2."]


def test_it_locates_unknown_types():
    errors = errors_of([HEAD, ["geopoint", "where", "Kur", "Where"]])
    assert len(errors) == 1
    assert errors[0].startswith(
        "survey, row 2, column A (type): Unknown or unsupported type “geopoint”"
    )


def test_it_locates_a_relevant_that_does_not_parse():
    errors = errors_of(
        [[*HEAD, "relevant"], ["text", "a", "A", "A"], ["text", "b", "B", "B", "${a} = = 'x'"]]
    )
    assert errors == [
        "survey, row 3, column E (relevant): The expression does not parse at character 8: "
        "unexpected '='."
    ]


def test_it_locates_a_relevant_to_an_unknown_field():
    errors = errors_of([[*HEAD, "relevant"], ["text", "b", "B", "B", "${nosuch} = 'x'"]])
    assert errors == ["survey, row 2, column E (relevant): ${nosuch} refers to an unknown field."]


def test_it_locates_a_missing_choice_list():
    errors = errors_of([HEAD, ["select_one colours", "c", "Spalva", "Colour"]], YES_NO)
    assert errors == ["survey, row 2, column A (type): The choice list “colours” does not exist."]


def test_it_locates_a_missing_translation():
    errors = errors_of([HEAD, ["text", "a", "Klausimas", ""]])
    assert errors == [
        "survey, row 2, column D (label::English (en)): The translation into “en” is missing."
    ]
    errors = errors_of(
        [HEAD, ["select_one yn", "a", "A", "A"]], [YES_NO[0], ["yn", "yes", "", "Yes"]]
    )
    assert errors == [
        "choices, row 2, column C (label::Lietuvių (lt)): The translation into “lt” is missing."
    ]


def test_it_refuses_columns_outside_the_subset():
    errors = errors_of([[*HEAD, "calculation"], ["text", "a", "A", "A", "1 + 1"]])
    assert errors == [
        "survey, row 1, column E (calculation): This column is not part of the supported subset."
    ]


def test_it_refuses_unsupported_languages():
    errors = errors_of([["type", "name", "label::French (fr)"], ["text", "a", "Question"]])
    assert errors[0] == (
        "survey, row 1, column C (label::French (fr)): Unsupported language “French (fr)”: "
        "use Lithuanian (lt) or English (en)."
    )


def test_it_refuses_repeats_and_nested_groups():
    errors = errors_of(
        [
            HEAD,
            ["begin_repeat", "r", "R", "R"],
            ["begin_group", "g", "G", "G"],
            ["begin_group", "h", "H", "H"],
            ["end_group", ""],
            ["end_group", ""],
        ]
    )
    assert errors[0].startswith(
        "survey, row 2, column A (type): Unknown or unsupported type “begin_repeat”"
    )
    assert "survey, row 4, column A (type): Groups inside groups are not supported." in errors


def test_it_refuses_an_unclosed_group():
    errors = errors_of([HEAD, ["begin_group", "g", "G", "G"], ["text", "a", "A", "A"]])
    assert errors == ["survey, row 2, column A (type): This group is never closed (end_group)."]


def test_it_locates_bad_required_values():
    errors = errors_of([[*HEAD, "required"], ["text", "a", "A", "A", "maybe"]])
    assert errors == ["survey, row 2, column E (required): Write yes or no, not “maybe”."]


def test_it_checks_choice_filter_columns():
    survey = [[*HEAD, "choice_filter"], ["select_one yn", "a", "A", "A", "county = 'x'"]]
    assert errors_of(survey, YES_NO) == [
        "survey, row 2, column E (choice_filter): The choice list has no column “county”."
    ]
    choices = [
        YES_NO[0] + ["county"],
        ["yn", "yes", "Taip", "Yes", "x"],
        ["yn", "no", "Ne", "No", "y"],
    ]
    form = read_xlsform(workbook_bytes(survey, choices, names=("survey", "choices")))
    assert dict(form.choice_lists)["yn"][0].extra == (("county", "x"),)


def test_it_refuses_files_that_are_not_workbooks():
    with pytest.raises(WrongFileError):
        read_xlsform(b"type,name,label\ntext,a,A\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(WrongFileError):
        read_xlsform(buffer.getvalue())


def test_it_refuses_huge_files():
    with pytest.raises(WrongFileError, match="too big"):
        read_xlsform(b"PK\x03\x04" + b"0" * (6 * 1024 * 1024))


def test_it_reports_every_error_at_once():
    survey = [row[:] for row in LIBRARY_USE_SURVEY]
    survey[3][1] = "gender"  # duplicate name
    survey[8][7] = "${nosuch} = 'yes'"
    errors = errors_of(survey, LIBRARY_USE_CHOICES, LIBRARY_USE_SETTINGS)
    assert len(errors) == 2


def test_it_locates_errors_in_lithuanian_too():
    from django.utils import translation

    with translation.override("lt"):
        errors = errors_of([HEAD, ["text", "q1", "A", "A"], ["text", "q1", "B", "B"]])
    assert errors == [
        "survey, 3 eilutė, B stulpelis (name): Pavadinimas „q1“ jau naudojamas 2 eilutėje."
    ]
