"""Hostile or broken invitation files get a clear answer, never a server error (issue 11, F3/F4)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pazanga.common.tests.hostile_files import HOSTILE_FILES

URL = "/en/events/seminaras/manage/invitations/"
EXPECTED = {
    "html page": "This file&#x27;s content is not CSV, Excel (.xlsx).",
    "svg picture": "This file&#x27;s content is not CSV, Excel (.xlsx).",
    "csv cell of 131,073 characters": "The cell is longer than 32767 characters.",
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
    "xlsx with a cell in the last column": "There are more than 50 columns.",
    "xlsx with a row at the bottom": "There are more than 5001 rows.",
    "truncated sav": "This file&#x27;s content is not CSV, Excel (.xlsx).",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_a_hostile_invitation_file_gets_its_problem_and_saves_nothing(
    client_of, staff_member, guests, name
):
    upload = SimpleUploadedFile("kviestieji.xlsx", HOSTILE_FILES[name]())
    page = client_of(staff_member).post(URL, {"file": upload})
    assert page.status_code == 200
    assert EXPECTED[name] in page.content.decode()
    assert not guests.event.invitations.exists()
