import io
import zipfile

import pytest

from pazanga.questionnaires.enums import QuestionType
from pazanga.questionnaires.examples.forms import (
    EXAMPLES,
    HERE,
    example_bytes,
    workbook_bytes,
)
from pazanga.questionnaires.xlsform.reader import (
    WrongFileError,
    XLSFormError,
    read_xlsform,
    read_xlsform_with_warnings,
)
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


def test_it_locates_unknown_types_with_the_converters_words():
    errors = errors_of([HEAD, ["geopointer", "where", "Kur", "Where"]])
    assert len(errors) == 1
    assert errors[0].startswith("survey, row 2: The form converter says: ")
    assert "geopointer" in errors[0]


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
    assert len(errors) == 1
    assert errors[0].startswith("survey, row 2, column E (relevant): The form converter says:")
    assert "nosuch" in errors[0]


def test_it_locates_a_missing_choice_list():
    errors = errors_of([HEAD, ["select_one colours", "c", "Spalva", "Colour"]], YES_NO)
    assert len(errors) == 1
    assert errors[0].startswith("survey, row 2: The form converter says:")
    assert "colours" in errors[0]


def test_it_warns_of_a_missing_translation_and_imports_the_form():
    form, warnings = read_xlsform_with_warnings(
        workbook_bytes([HEAD, ["text", "a", "Klausimas", ""]], names=("survey",))
    )
    assert dict(form.questions[0].label) == {"lt": "Klausimas"}
    assert [str(w) for w in warnings] == [
        "survey, row 2, column C (label::Lietuvių (lt)): The label in “English (en)” is missing: "
        "the text in “Lietuvių (lt)” is shown instead."
    ]


def test_it_reads_any_number_of_languages():
    survey = [
        ["type", "name", "label::Lietuvių (lt)", "label::Русский (ru)", "label::Polski (pl)"],
        ["text", "a", "Vardas", "Имя", "Imię"],
    ]
    form = read_xlsform(workbook_bytes(survey, names=("survey",)))
    assert form.languages == ("lt", "ru", "pl")
    assert dict(form.questions[0].label) == {"lt": "Vardas", "ru": "Имя", "pl": "Imię"}
    assert form.language_name("ru") == "Русский (ru)"
    assert read_xlsform(write_xlsform(form)) == form


def test_it_reads_repeats_groups_in_repeats_and_calculations():
    survey = [
        [*HEAD, "calculation", "repeat_count", "appearance"],
        ["integer", "n", "Kiek?", "How many?"],
        ["begin_group", "household", "Namų ūkis", "Household", "", "", "field-list"],
        ["begin_repeat", "member", "Narys", "Member", "", "${n}"],
        ["text", "member_name", "Vardas", "Name"],
        ["begin_group", "work", "Darbas", "Work"],
        ["integer", "hours", "Valandos", "Hours"],
        ["end_group", ""],
        ["calculate", "double", "", "", "${hours} * 2"],
        ["end_repeat", ""],
        ["end_group", ""],
        ["calculate", "total", "", "", "sum(${hours})"],
    ]
    form = read_xlsform(workbook_bytes(survey, names=("survey",)))
    household = form.items[1]
    member = household.items[0]
    assert (household.name, household.repeat, household.appearance) == (
        "household",
        False,
        "field-list",
    )
    assert (member.name, member.repeat, member.repeat_count) == ("member", True, "${n}")
    assert [g.name for g in member.groups] == ["work"]
    assert [q.name for q in member.questions] == ["member_name", "hours", "double"]
    assert {q.name: q.calculation for q in form.questions}["total"] == "sum(${hours})"
    assert read_xlsform(write_xlsform(form)) == form


def test_it_refuses_a_cyclic_calculation():
    survey = [
        ["type", "name", "label", "calculation"],
        ["calculate", "a", "", "${b} + 1"],
        ["calculate", "b", "", "${a} + 1"],
    ]
    errors = errors_of(survey, names=("survey",))
    assert errors == [
        "survey, row 2, column D (calculation): The calculation depends on itself: "
        "${a} → ${b} → ${a}."
    ]


def test_it_names_an_unsupported_function_where_it_is():
    survey = [
        ["type", "name", "label", "calculation"],
        ["calculate", "a", "", "digest('x', 'SHA-256')"],
    ]
    assert errors_of(survey, names=("survey",)) == [
        "survey, row 2, column D (calculation): The function digest() is not supported."
    ]


def test_it_checks_the_repeat_count():
    survey = [
        ["type", "name", "label", "repeat_count"],
        ["begin_repeat", "r", "R", "100000"],
        ["text", "a", "A"],
        ["end_repeat", ""],
    ]
    assert errors_of(survey, names=("survey",)) == [
        "survey, row 2, column D (repeat_count): The repeat count must be a whole number "
        "from 0 to 200."
    ]
    survey[1][3] = "a lot"
    assert errors_of(survey, names=("survey",)) == [
        "survey, row 2, column D (repeat_count): The repeat count must be a number or an "
        "expression."
    ]


def test_it_refuses_what_the_decision_lists():
    survey = [["type", "name", "label"], ["begin_loop over yn", "l", "L"], ["end_loop", ""]]
    choices = [["list_name", "name", "label"], ["yn", "yes", "Yes"]]
    errors = errors_of(survey, choices, names=("survey", "choices"))
    assert errors == [
        "survey, row 2, column A (type): begin_loop is not supported: write a repeat or one "
        "group per item."
    ]
    survey = [["type", "name", "label"], ["text", "a", "A"]]
    entities = [["list_name", "label"], ["trees", "${a}"]]
    assert errors_of(survey, entities, names=("survey", "entities")) == [
        "entities: Entities (shared lists of cases) are not supported."
    ]


def test_it_needs_the_attached_choice_file():
    survey = [["type", "name", "label"], ["select_one_from_file towns.csv", "town", "Town"]]
    errors = errors_of(survey, names=("survey",))
    assert errors == [
        "survey, row 2, column A (type): The choices come from “towns.csv”: attach that file."
    ]
    towns = b"name,label,county\nvilnius,Vilnius,LT-VL\nkaunas,Kaunas,LT-KU\n"
    form = read_xlsform(workbook_bytes(survey, names=("survey",)), {"towns.csv": towns})
    assert [c.name for c in dict(form.choice_lists)["towns.csv"]] == ["vilnius", "kaunas"]
    assert dict(form.choice_lists)["towns.csv"][1].extra == (("county", "LT-KU"),)
    assert form.attachments == ("towns.csv",)
    with pytest.raises(XLSFormError) as caught:
        read_xlsform(workbook_bytes(survey, names=("survey",)), {"towns.csv": b"a;b\n1;2\n"})
    assert str(caught.value.errors[0]).endswith("needs the columns “name” and “label”.")


def test_it_locates_bad_required_values():
    errors = errors_of([[*HEAD, "required"], ["text", "a", "A", "A", "maybe"]])
    assert errors == [
        "survey, row 2, column E (required): Write yes or no (or an expression), not “maybe”."
    ]


def test_it_checks_choice_filter_columns():
    survey = [[*HEAD, "choice_filter"], ["select_one yn", "a", "A", "A", "county = 'x'"]]
    _form, warnings = read_xlsform_with_warnings(
        workbook_bytes(survey, YES_NO, names=("survey", "choices"))
    )
    assert [str(w) for w in warnings] == [
        "survey, row 2, column E (choice_filter): The choice list has no column “county”: "
        "it is read as empty."
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
    survey = [
        ["type", "name", "label", "relevant", "calculation"],
        ["integer", "a", "A", "nosuch(1)"],
        ["calculate", "b", "", "", "${c}"],
        ["calculate", "c", "", "", "${b}"],
    ]
    errors = errors_of(survey, names=("survey",))
    assert len(errors) == 2
    assert errors[0] == (
        "survey, row 2, column D (relevant): The function nosuch() is not supported."
    )


def test_it_locates_errors_in_lithuanian_too():
    from django.utils import translation

    with translation.override("lt"):
        errors = errors_of([HEAD, ["text", "q1", "A", "A"], ["text", "q1", "B", "B"]])
    assert errors == [
        "survey, 3 eilutė, B stulpelis (name): Pavadinimas „q1“ jau naudojamas 2 eilutėje."
    ]


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "text",
            "integer",
            "begin_group",
            "end_group",
            "begin_repeat",
            "end_repeat",
            "select_one yn",
            "calculate",
            "geopoint",
            "${a}",
            "${a} > 1",
            "sum(${b})",
            "a",
            "b",
            "yes",
            "position(..)",
            "((",
        ]
    ),
    st.text(alphabet=st.characters(min_codepoint=32, blacklist_categories=("Cs",)), max_size=6),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELLS, min_size=4, max_size=4), max_size=8))
def test_any_survey_sheet_is_read_or_refused_with_located_errors(rows):
    header = ["type", "name", "label", "calculation"]
    try:
        read_xlsform(workbook_bytes([header, *rows], YES_NO, names=("survey", "choices")))
    except XLSFormError as error:
        assert error.errors
        assert all(e.sheet for e in error.errors)
