"""Reading survey data: typed columns from CSV, spreadsheets and SPSS files, clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from openpyxl import Workbook

from stats.data import read_data
from stats.errors import DataError
from stats.tests.r_reference import REFERENCE_DIR


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def spreadsheet(path: Path, rows: list[list[object]], sheet: str = "Data") -> Path:
    book = Workbook()
    page = book.active
    assert page is not None
    page.title = sheet
    for row in rows:
        page.append(row)
    book.save(path)
    return path


# CSV ---------------------------------------------------------------------------------


def test_it_reads_each_column_as_its_kind(tmp_path: Path) -> None:
    data = write(tmp_path / "d.csv", "w,g,y,code,note\n1,10,2.5,01,a\n2,2,,02,NA\n3,10,4,10,\n")
    table = read_data(data, {"w": "numeric", "g": "labels", "y": "numeric", "code": "text"})
    assert table.n_rows == 3
    assert set(table.columns) == {"w", "g", "y", "code"}  # "note" was not asked for
    np.testing.assert_array_equal(table.numeric("w"), [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(table.numeric("y"), [2.5, np.nan, 4.0])
    assert table.missing("y").tolist() == [False, True, False]
    labels = table.labels("g")
    assert labels.dtype == np.int64
    assert sorted(set(labels.tolist())) == [2, 10]  # numbers, so 2 sorts before 10
    assert table.text("code").tolist() == ["01", "02", "10"]  # text as written
    assert table.labels("code").tolist() == [1, 2, 10]


def test_it_reads_every_column_as_labels_by_default(tmp_path: Path) -> None:
    data = write(tmp_path / "d.csv", "a,b,c,d\n1,1.5,x,1\n2,2,NA,\n")
    table = read_data(data)
    assert table.names == ("a", "b", "c", "d")
    assert table.labels("a").tolist() == [1, 2]
    assert table.labels("b").tolist() == [1.5, 2.0]
    assert table.labels("c").tolist() == ["x", None]
    assert table.labels("d").tolist() == [1, None]
    assert table.numeric("d").tolist()[0] == 1.0


def test_it_keeps_ids_too_long_for_numbers_as_text(tmp_path: Path) -> None:
    data = write(tmp_path / "d.csv", "id\n99999999999999999999\n99999999999999999998\n")
    assert read_data(data).labels("id").tolist() == ["99999999999999999999", "99999999999999999998"]


def test_it_skips_blank_lines_and_counts_lines_as_written(tmp_path: Path) -> None:
    data = write(tmp_path / "d.csv", 'w,t\n1,"two\nlines"\n\n2,x\n,y\n\n')
    table = read_data(data, {"w": "numeric", "t": "text"})
    assert table.n_rows == 3
    assert table.text("t").tolist() == ["two\nlines", "x", "y"]
    with pytest.raises(DataError, match=r"column 'w' has a missing value on line 6 of .*d\.csv"):
        table.numeric("w", allow_missing=False)


def test_it_strips_spaces_around_names_and_a_byte_order_mark(tmp_path: Path) -> None:
    data = write(tmp_path / "d.csv", "\ufeff w , y \n1, 2\n")
    table = read_data(data, {"w": "numeric", "y": "labels"})
    assert table.names == ("w", "y")
    assert table.labels("y").tolist() == [2]


@pytest.mark.parametrize(
    ("text", "columns", "message"),
    [
        ("w,y\n1,2\n", {"z": "numeric"}, r"column 'z' not found in .*d\.csv; columns are: w, y"),
        (
            "w,y\n1,2\n" + "1,3\n" * 3000 + "2,B\n",
            {"y": "numeric"},
            r"column 'y' has a non-numeric value 'B' on line 3003 of .*d\.csv",
        ),
        (
            "a,b,c\n1,2,3\n\n4,5\n",
            {"a": "numeric"},
            r"line 4 of .*d\.csv has 2 field\(s\); the header has 3",
        ),
        (
            "a,b\n1,2\n3,4,5\n",
            {"a": "numeric"},
            r"line 3 of .*d\.csv has 3 field\(s\); the header has 2",
        ),
        ("a,a\n1,2\n", {"a": "numeric"}, r"d\.csv has duplicate column names: a"),
        ("", {"a": "numeric"}, r"d\.csv is empty"),
        ("a,b\n", {"a": "numeric"}, r"d\.csv has no data rows"),
    ],
)
def test_it_names_the_file_line_and_column_of_bad_input(
    tmp_path: Path, text: str, columns: dict[str, str], message: str
) -> None:
    data = write(tmp_path / "d.csv", text)
    with pytest.raises(DataError, match=message):
        read_data(data, columns)  # type: ignore[arg-type]


def test_it_refuses_text_that_is_not_utf8(tmp_path: Path) -> None:
    data = tmp_path / "d.csv"
    data.write_bytes("w,town\n1,Šiauliai\n".encode("cp1257"))
    with pytest.raises(DataError, match="it is not UTF-8 text"):
        read_data(data, {"w": "numeric", "town": "labels"})


def test_it_reports_a_missing_file() -> None:
    with pytest.raises(DataError, match=r"file not found: /nonexistent\.csv"):
        read_data("/nonexistent.csv")


# Spreadsheets ------------------------------------------------------------------------


def test_it_reads_a_spreadsheet_sheet_into_typed_columns(tmp_path: Path) -> None:
    book = spreadsheet(
        tmp_path / "d.xlsx",
        [
            ["w", " y ", "g", "when", "code"],
            [1, 2.5, "a", dt.date(2014, 2, 25), "01"],
            [2, None, 3, None, "NA"],
            [],
            [3.0, "4", "NA", None, 7],
        ],
    )
    table = read_data(book, {"w": "numeric", "y": "numeric", "g": "labels", "when": "text"})
    assert table.n_rows == 3  # the empty row is skipped
    np.testing.assert_array_equal(table.numeric("w"), [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(table.numeric("y"), [2.5, np.nan, 4.0])
    assert table.labels("g").tolist() == ["a", "3", None]  # text and numbers: text
    assert table.text("when").tolist() == ["2014-02-25", "", ""]
    codes = read_data(book, {"code": "labels", "w": "labels"})
    assert codes.labels("code").tolist() == [1, None, 7]
    assert codes.labels("w").dtype == np.int64  # whole numbers as integers


def test_it_names_the_row_and_sheet_of_a_bad_cell(tmp_path: Path) -> None:
    book = spreadsheet(tmp_path / "d.xlsx", [["w", "y"], [1, 2], [], [1, "lots"]], "Wave 1")
    bad_cell = r"column 'y' has a non-numeric value 'lots' on row 4 of .*d\.xlsx \(sheet 'Wave 1'\)"
    with pytest.raises(DataError, match=bad_cell):
        read_data(book, {"y": "numeric"})
    with pytest.raises(DataError, match=r"has no sheet 'Wave 2'; its sheets are: Wave 1"):
        read_data(book, {"y": "numeric"}, sheet="Wave 2")
    with pytest.raises(DataError, match=r"column 'z' not found in .*d\.xlsx \(sheet 'Wave 1'\)"):
        read_data(book, {"z": "numeric"})


def test_it_refuses_a_file_that_is_not_a_spreadsheet(tmp_path: Path) -> None:
    fake = write(tmp_path / "d.xlsx", "w,y\n1,2\n")
    with pytest.raises(DataError, match=r"cannot read .*d\.xlsx as a spreadsheet"):
        read_data(fake)
    with pytest.raises(DataError, match="not a spreadsheet"):
        read_data(write(tmp_path / "d.csv", "w\n1\n"), sheet="Data")


# SPSS --------------------------------------------------------------------------------


def spss(path: Path, frame: pd.DataFrame) -> Path:
    pyreadstat.write_sav(frame, str(path))
    return path


def test_it_reads_an_spss_file_into_typed_columns(tmp_path: Path) -> None:
    frame = pd.DataFrame({"w": [1.0, 2.0, 3.0], "urban": [1.0, 2.0, 1.0], "y": [2.5, np.nan, 4.0]})
    frame["town"] = ["Utena", "", "Kaunas"]
    data = spss(tmp_path / "d.sav", frame)
    table = read_data(data, {"w": "numeric", "urban": "labels", "y": "numeric", "town": "labels"})
    assert table.n_rows == 3
    np.testing.assert_array_equal(table.numeric("y"), [2.5, np.nan, 4.0])
    assert table.labels("urban").tolist() == [1, 2, 1]  # codes as integers
    assert table.labels("town").tolist() == ["Utena", None, "Kaunas"]
    with pytest.raises(DataError, match=r"column 'y' has a missing value on case 2 of .*d\.sav"):
        table.numeric("y", allow_missing=False)


def test_it_names_the_case_of_a_bad_spss_value(tmp_path: Path) -> None:
    frame = pd.DataFrame({"w": [1.0, 2.0]})
    frame["y"] = ["3", "many"]
    data = spss(tmp_path / "d.sav", frame)
    with pytest.raises(DataError, match=r"non-numeric value 'many' on case 2 of .*d\.sav"):
        read_data(data, {"y": "numeric"})
    with pytest.raises(DataError, match=r"column 'z' not found in .*d\.sav; columns are: w, y"):
        read_data(data, {"z": "numeric"})
    with pytest.raises(DataError, match=r"cannot read .*e\.sav as an SPSS file"):
        read_data(write(tmp_path / "e.sav", "w\n1\n"))


# The same data in every format -------------------------------------------------------


def test_it_reads_the_same_numbers_from_every_format(tmp_path: Path) -> None:
    csv_table = read_data(REFERENCE_DIR / "api_strat.csv")
    frame = pd.read_csv(REFERENCE_DIR / "api_strat.csv", dtype={"cds": str})
    book = spreadsheet(
        tmp_path / "strat.xlsx", [list(frame.columns), *frame.itertuples(index=False)]
    )
    saved = spss(tmp_path / "strat.sav", frame)
    for other in (read_data(book), read_data(saved)):
        assert other.names == csv_table.names
        for name in ("pw", "api00", "enroll", "fpc"):
            np.testing.assert_array_equal(other.numeric(name), csv_table.numeric(name))
        for name in ("stype", "dnum", "awards"):
            assert other.labels(name).tolist() == csv_table.labels(name).tolist()
