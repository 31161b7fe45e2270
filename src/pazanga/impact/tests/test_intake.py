"""Importing a research firm's file: CSV, XLSX and SPSS read alike; every bad input is a
located message naming the file, row and column; nothing partial is saved; a re-import
needs confirmation and keeps the previous version."""

import csv
import io
import tempfile
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from django.utils import translation
from openpyxl import Workbook

from pazanga.common.refusals import Refusal
from pazanga.common.spreadsheets import SpreadsheetError
from pazanga.impact import store
from pazanga.impact.enums import LonelyPSU, WaveStatus
from pazanga.impact.models import Dataset
from pazanga.impact.services import intake
from pazanga.impact.tests.factories import WaveFactory, small_columns
from pazanga.questionnaires.enums import Purpose, QuestionType
from pazanga.questionnaires.models import Choice, ChoiceList, Question, Questionnaire

pytestmark = pytest.mark.django_db
HEADER = ["id", "stratum", "psu", "weight", "urban_rural", "sex", "internet_last_use"]
MAPPING = {
    "respondent": "id",
    "stratum": "stratum",
    "psu": "psu",
    "base_weight": "weight",
    "urban_rural": "urban_rural",
    "sex": "sex",
}


def rows() -> list[list[object]]:
    columns = small_columns()
    return [
        [
            columns["respondent"][i],
            columns["stratum"][i],
            columns["psu"][i],
            columns["base_weight"][i],
            columns["urban_rural"][i],
            columns["sex"][i],
            columns["internet_last_use"][i],
        ]
        for i in range(len(columns["respondent"]))
    ]


def csv_bytes(data: list[list[object]], header: list[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(data)
    return out.getvalue().encode()


def xlsx_bytes(data: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sav_bytes(data: list[list[object]], labels: dict[int, str]) -> bytes:
    frame = pd.DataFrame(data, columns=HEADER)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "firm.sav"
        pyreadstat.write_sav(frame, str(path), variable_value_labels={"internet_last_use": labels})
        return path.read_bytes()


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def wave(programme):
    """A wave whose questionnaire asks when the person last used the internet (1-4)."""
    questionnaire = Questionnaire.objects.create(
        programme=programme, code="pop", title_lt="Apklausa", purpose=Purpose.SURVEY
    )
    choices = ChoiceList.objects.create(questionnaire=questionnaire, name="last_use")
    for code in ("1", "2", "3", "4"):
        Choice.objects.create(choice_list=choices, name=code, label_lt=code)
    Question.objects.create(
        questionnaire=questionnaire,
        name="internet_last_use",
        type=QuestionType.SELECT_ONE,
        choice_list=choices,
    )
    return WaveFactory(study__programme=programme, questionnaire=questionnaire)


def imported(wave, data: bytes, name: str = "firm.csv", **options):  # type: ignore[no-untyped-def]
    return intake.import_data(
        wave,
        data,
        name=name,
        mapping=options.pop("mapping", MAPPING),
        questions=["internet_last_use"],
        actor=None,
        **options,
    )


def problems_of(wave, data: bytes, name: str = "firm.csv", **options) -> list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(SpreadsheetError) as caught:
        imported(wave, data, name, **options)
    assert not Dataset.objects.filter(wave=wave).exists()  # nothing partial saved
    return [str(problem) for problem in caught.value.problems]


def test_it_reads_csv_xlsx_and_sav_alike(wave):
    labels = {1: "Per 3 mėnesius", 2: "Prieš 3–12 mėn.", 3: "Seniau", 4: "Niekada"}
    first = imported(wave, csv_bytes(rows()))
    second = imported(wave, xlsx_bytes(rows()), "firm.xlsx", replace=True)
    third = imported(wave, sav_bytes(rows(), labels), "firm.sav", replace=True)
    assert [d.source_kind for d in (first, second, third)] == ["csv", "xlsx", "sav"]
    columns = [store.unpack(d.columns) for d in (first, second, third)]
    assert columns[0] == columns[1] == columns[2]
    assert columns[0]["base_weight"][:2] == [110.0, 120.0] or columns[0]["base_weight"][0] > 0
    assert third.value_labels == {"internet_last_use": {str(k): v for k, v in labels.items()}}
    wave.refresh_from_db()
    assert wave.status == WaveStatus.DATA_IN


def test_a_reimport_needs_confirmation_and_keeps_the_previous_version(wave):
    imported(wave, csv_bytes(rows()))
    with pytest.raises(Refusal) as caught:
        imported(wave, csv_bytes(rows()))
    assert caught.value.code == "impact.confirm_replace"
    imported(wave, csv_bytes(rows()[:20]), replace=True)
    versions = list(wave.datasets.order_by("version").values_list("version", "is_current", "rows"))
    assert versions == [(1, False, 40), (2, True, 20)]


def test_sav_labels_the_questionnaire_does_not_know(wave):
    labels = {1: "Per 3 mėnesius", 4: "Niekada", 9: "Nežino"}
    problems = problems_of(wave, sav_bytes(rows(), labels), "firm.sav")
    assert any(
        "firm.sav" in p and "column G" in p and "9 “Nežino”" in p and "internet_last_use" in p
        for p in problems
    ), problems


def test_a_csv_without_the_stratum_column(wave):
    header = ["id", "psu", "weight", "urban_rural", "sex", "internet_last_use"]
    data = [row[:1] + row[2:] for row in rows()]
    mapping = intake.guess_mapping(header) | {"respondent": "id", "base_weight": "weight"}
    problems = problems_of(wave, csv_bytes(data, header), mapping=mapping)
    assert problems == ["row 1: firm.csv: no column is mapped to “stratum”."]


@pytest.mark.parametrize("weight", ["0", "-3", "", "many"])
def test_weights_at_or_below_zero_or_missing(wave, weight):
    data = rows()
    data[6][3] = weight
    problems = problems_of(wave, csv_bytes(data))
    assert len(problems) == 1
    assert problems[0].startswith(
        "row 8, column D: firm.csv: the weight must be a number above zero"
    )


def test_a_code_outside_the_questions_choices_and_a_duplicate_respondent(wave):
    data = rows()
    data[2][6] = 7
    data[5][0] = data[4][0]
    problems = problems_of(wave, csv_bytes(data))
    choice = "row 4, column G: firm.csv: “7” is not a choice of the question “internet_last_use”."
    assert choice in problems
    assert any(
        p.startswith("row 7, column A:") and "appears again (first on row 6)" in p for p in problems
    )


def test_a_stratum_with_one_cluster_follows_the_waves_rule(wave):
    data = [row for row in rows() if row[2] != "LT-KU-rural-2"]
    wave.lonely_psu = LonelyPSU.FAIL
    wave.save()
    problems = problems_of(wave, csv_bytes(data))
    assert len(problems) == 1
    assert "LT-KU-rural" in problems[0] and "column B" in problems[0]
    wave.lonely_psu = LonelyPSU.ADJUST
    wave.save()
    assert imported(wave, csv_bytes(data)).rows == 35


def test_a_category_the_design_does_not_know(wave):
    data = rows()
    data[0][4] = "suburb"
    problems = problems_of(wave, csv_bytes(data))
    assert problems == ["row 2, column E: firm.csv: “suburb” is not one of: rural, urban."]


def test_a_file_that_is_not_a_spreadsheet(wave):
    problems = problems_of(wave, b"<html><body>hello</body></html>", "firm.html")
    assert len(problems) == 1 and problems[0].startswith("firm.html: ")
