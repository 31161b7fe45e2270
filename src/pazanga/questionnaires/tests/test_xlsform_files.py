"""Hostile or broken XLSForm uploads get a clear answer, never a server error (issue 11, F3/F4)."""

import io

import pytest
from django.urls import reverse
from django.utils import translation

from pazanga.common.tests.hostile_files import HOSTILE_FILES
from pazanga.questionnaires.models import Questionnaire
from pazanga.questionnaires.xlsform.workbook import LIMITS

EXPECTED = {
    "html page": "This is not an Excel workbook (.xlsx).",
    "svg picture": "This is not an Excel workbook (.xlsx).",
    "csv cell of 131,073 characters": "This is not an Excel workbook (.xlsx).",
    "xlsx without shared strings": "The workbook is damaged and cannot be read.",
    "xlsx cells pointing at missing shared strings": "The workbook is damaged and cannot be read.",
    "billion laughs xlsx": "contains an XML document type declaration",
    "xxe xlsx": "contains an XML document type declaration",
    "xlsx with 3 million shared strings": "The workbook is too big when unpacked",
    "xlsx with 3 million empty shared strings": (
        "The workbook has more than 100000 different texts."
    ),
    "xlsx with 150,000 shared strings": "The workbook has more than 100000 different texts.",
    "zip bomb xlsx": "The workbook is too big when unpacked",
    "xlsx with a cell in the last column": f"There are more than {LIMITS.max_columns} columns.",
    "xlsx with a row at the bottom": f"There are more than {LIMITS.max_rows} rows.",
    "truncated sav": "This is not an Excel workbook (.xlsx).",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_a_hostile_xlsform_upload_gets_its_problem_and_saves_nothing(
    client_of, staff_member, programme, name
):
    upload = io.BytesIO(HOSTILE_FILES[name]())
    upload.name = "form.xlsx"
    with translation.override("en"):
        url = reverse("questionnaires:import")
    answer = client_of(staff_member).post(url, {"file": upload})
    assert answer.status_code == 400
    assert EXPECTED[name] in answer.content.decode()
    assert not Questionnaire.objects.exists()
