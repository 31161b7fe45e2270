import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from pazanga.common.exports import csv_bytes, download, xlsx_bytes

ROWS = [
    ["Pavadinimas", "Suma", "Pastaba"],
    ['=HYPERLINK("http://x")', Decimal("1500.50"), None],
    ["Šiaulių biblioteka", 3, "-2+3"],
]


def test_csv_keeps_lithuanian_letters_and_defuses_formulas():
    text = csv_bytes(ROWS).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1] == ['\'=HYPERLINK("http://x")', "1500.50", ""]
    assert rows[2] == ["Šiaulių biblioteka", "3", "'-2+3"]


def test_xlsx_keeps_numbers_as_numbers_and_defuses_formulas():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(ROWS))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][0] == '\'=HYPERLINK("http://x")'
    assert values[1][1] == 1500.5
    assert values[2] == ["Šiaulių biblioteka", 3, "'-2+3"]


def test_a_download_is_an_attachment_of_the_right_type():
    response = download(b"x", "xlsx", "BP2-2015-applications.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="BP2-2015-applications.xlsx"'
