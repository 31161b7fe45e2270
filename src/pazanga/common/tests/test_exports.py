import csv
import io
import zipfile
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pazanga.common.exports import Exporter, RowsExport, Sheet, file_stem, unique_names

ROWS = [
    ["Pavadinimas", "Suma", "Pastaba"],
    ['=HYPERLINK("http://x")', Decimal("1500.50"), None],
    ["Šiaulių biblioteka", 3, "-2+3"],
    ["@SUM(A1)", "+370 5", "\t=1+1"],
]


class TwoSheets(Exporter):
    def file_stem(self):
        return "Šiaulių ataskaita"

    def sheets(self):
        yield Sheet("Dalyviai: visi", [["Vardas"], ["Ona"]])
        yield Sheet("Dalyviai: visi", [["Diena"], [datetime(2014, 2, 25, 7, 0, tzinfo=UTC)]])


def test_csv_keeps_lithuanian_letters_and_defuses_formulas():
    content, content_type, name = RowsExport("BP2-2015-applications", "data", ROWS).content("csv")
    assert (content_type, name) == ("text/csv; charset=utf-8", "BP2-2015-applications.csv")
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1] == ['\'=HYPERLINK("http://x")', "1500.50", ""]
    assert rows[2] == ["Šiaulių biblioteka", "3", "'-2+3"]
    assert rows[3] == ["'@SUM(A1)", "'+370 5", "'\t=1+1"]


def test_xlsx_keeps_numbers_as_numbers_defuses_formulas_and_bolds_the_header():
    content, _, name = RowsExport("x", "Paraiškos", ROWS).content("xlsx")
    assert name == "x.xlsx"
    sheet = load_workbook(io.BytesIO(content))["Paraiškos"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Pavadinimas", "Suma", "Pastaba"]
    assert sheet["A1"].font.bold and not sheet["A2"].font.bold
    assert values[1][0] == '\'=HYPERLINK("http://x")'
    assert values[1][1] == 1500.5
    assert values[2] == ["Šiaulių biblioteka", 3, "'-2+3"]


def test_several_sheets_become_worksheets_or_a_zip_of_csv_files_and_times_are_local():
    exporter = TwoSheets()
    content, _, name = exporter.content("xlsx")
    assert name == "Siauliu-ataskaita.xlsx"
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Dalyviai- visi", "Dalyviai- visi (2)"]
    assert workbook["Dalyviai- visi (2)"]["A2"].value == datetime(2014, 2, 25, 9, 0)  # noqa: DTZ001 (spreadsheets hold local times)
    content, content_type, name = exporter.content("csv")
    assert (content_type, name) == ("application/zip", "Siauliu-ataskaita.zip")
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.namelist() == ["dalyviai-visi.csv", "dalyviai-visi-2.csv"]
    assert archive.read("dalyviai-visi-2.csv").decode("utf-8-sig").splitlines()[1] == (
        "2014-02-25 09:00:00"
    )


def test_a_download_is_an_attachment_of_the_right_type():
    response = RowsExport("BP2-2015-applications", "data", ROWS).response("xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="BP2-2015-applications.xlsx"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="pdf"):
        RowsExport("x", "data", ROWS).content("pdf")


def test_names_are_safe_for_headers_and_spreadsheets():
    assert file_stem('Kauno "Vinco" biblioteka/2015') == "Kauno-Vinco-biblioteka-2015"
    assert file_stem("…") == "export"
    assert unique_names(["a" * 40, "a" * 40, "[x]"]) == ["a" * 31, "a" * 27 + " (2)", "-x-"]
