"""Spreadsheets are read defensively: kind by content, limits before the work, located
problems in one error type, and never anything else raised (fuzzed with hypothesis)."""

import csv
import datetime
import io
import time
import tracemalloc
import zipfile

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from pazanga.common.spreadsheets import (
    KINDS,
    Limits,
    Sheet,
    Spreadsheet,
    SpreadsheetError,
    read_spreadsheet,
    table,
)
from pazanga.common.tests.hostile_files import (
    HOSTILE_FILES,
    csv_with_a_131073_character_cell,
    sav_file,
    workbook_bytes,
    xlsx_with_shared_strings,
)


def problems_of(data: bytes, **options) -> list[str]:
    with pytest.raises(SpreadsheetError) as raised:
        read_spreadsheet(data, **{"kinds": KINDS, **options})
    assert raised.value.problems
    return [str(problem) for problem in raised.value.problems]


# What a good file gives ---------------------------------------------------------------


def test_it_reads_csv_with_any_usual_delimiter_a_bom_and_quoted_line_breaks():
    data = '\ufeffemail;name\nona@alytus.example;"Ona\nOnaitė"\n;\n'.encode()
    book = read_spreadsheet(data)
    assert book.kind == "csv"
    assert book.first_sheet.rows == [
        ["email", "name"],
        ["ona@alytus.example", "Ona\nOnaitė"],
        ["", ""],
    ]
    tabs = read_spreadsheet(b"email\tname\nona@alytus.example\tOna\n").first_sheet.rows
    assert tabs == [["email", "name"], ["ona@alytus.example", "Ona"]]


def test_it_reads_an_excel_workbook_as_the_sheet_shows_it():
    book = Workbook()
    book.active.title = "Kvietimai"
    book.active.append(["count", "share", "day", "when", "yes", "empty", "text"])
    morning = datetime.datetime(2014, 2, 25, 9, 30)  # noqa: DTZ001 (a spreadsheet's own time)
    book.active.append([3, 0.25, datetime.date(2014, 2, 25), morning, True, None, " Ona "])
    book.create_sheet("Antras").append(["x"])
    buffer = io.BytesIO()
    book.save(buffer)
    read = read_spreadsheet(buffer.getvalue())
    assert read.kind == "xlsx"
    assert [sheet.name for sheet in read.sheets] == ["Kvietimai", "Antras"]
    assert read.first_sheet.rows[1] == [
        "3",
        "0.25",
        "2014-02-25",
        "2014-02-25 09:30:00",
        "TRUE",
        "",
        " Ona ",
    ]


def test_it_reads_shared_strings_as_excel_writes_them():
    rows = [["email", "first_name"], ["ona@alytus.example", "Ona"], ["jonas@kaunas.example", "Ona"]]
    assert read_spreadsheet(workbook_bytes(rows)).first_sheet.rows == rows


def test_it_reads_an_spss_file_with_names_in_the_first_row():
    read = read_spreadsheet(sav_file(), kinds=("sav",))
    assert read.kind == "sav"
    assert read.first_sheet.rows == [
        ["respondent", "county", "age"],
        ["1", "Alytaus", "34"],
        ["2", "Kauno", ""],
        ["3", "Vilniaus", "71"],
    ]


def test_a_table_names_cells_by_the_first_row_and_keeps_row_numbers():
    rows = [[" Email ", "Name", ""], ["ona@alytus.example", " Ona "], [], ["", ""], ["x@y.lt"]]
    sheet = Sheet("", rows)
    read = table(sheet, required=("email",))
    assert read.columns == ["email", "name"]
    assert [(r.row, r.values) for r in read.records] == [
        (2, {"email": "ona@alytus.example", "name": "Ona"}),
        (5, {"email": "x@y.lt"}),
    ]


def test_a_table_names_missing_and_repeated_columns():
    with translation.override("en"), pytest.raises(SpreadsheetError) as raised:
        table(Sheet("Kvietimai", [["name", "Name"]]), required=("email",))
    with translation.override("en"):
        problems = [str(p) for p in raised.value.problems]
    assert problems == [
        "sheet “Kvietimai”, row 1, column B: This column appears twice.",
        "sheet “Kvietimai”, row 1: The first row must name the column “email”.",
    ]


# What a bad file gives ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("html page", "This is not a CSV file (UTF-8 text) or an Excel workbook (.xlsx)"),
        ("svg picture", "This is not a CSV file (UTF-8 text) or an Excel workbook (.xlsx)"),
        ("csv cell of 131,073 characters", "row 2: The cell is longer than 32767 characters."),
        ("xlsx without shared strings", "The workbook is damaged and cannot be read."),
        (
            "xlsx cells pointing at missing shared strings",
            "The workbook is damaged and cannot be read.",
        ),
        ("billion laughs xlsx", "contains an XML document type declaration"),
        ("xxe xlsx", "contains an XML document type declaration"),
        ("xlsx with 3 million shared strings", "The workbook is too big when unpacked"),
        ("xlsx with 3 million empty shared strings", "more than 100000 different texts"),
        ("xlsx with 150,000 shared strings", "more than 100000 different texts"),
        ("zip bomb xlsx", "The workbook is too big when unpacked (100.0"),
        (
            "xlsx with a cell in the last column",
            "sheet “Kvietimai”, row 1, column GS: There are more than 200 columns.",
        ),
        (
            "xlsx with a row at the bottom",
            "sheet “Kvietimai”, row 10001: There are more than 10000 rows.",
        ),
        ("truncated sav", "The SPSS file is damaged and cannot be read."),
    ],
)
def test_it_refuses_each_hostile_file_with_a_clear_message(name, expected):
    with translation.override("en"):
        problems = problems_of(HOSTILE_FILES[name]())
    assert expected in problems[0]


def test_every_hostile_file_is_refused_within_2_seconds_and_100_mb():
    worst_seconds, worst_bytes = 0.0, 0
    for build in HOSTILE_FILES.values():
        data = build()
        started = time.perf_counter()
        with pytest.raises(SpreadsheetError):
            read_spreadsheet(data, kinds=KINDS)
        worst_seconds = max(worst_seconds, time.perf_counter() - started)
        tracemalloc.start()
        try:
            with pytest.raises(SpreadsheetError):
                read_spreadsheet(data, kinds=KINDS)
            worst_bytes = max(worst_bytes, tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    assert worst_seconds < 2
    assert worst_bytes < 100 * 1024 * 1024


def test_the_messages_are_in_the_readers_language():
    with translation.override("lt"):
        (problem,) = problems_of(csv_with_a_131073_character_cell())
    assert problem == "2 eilutė: Langelis ilgesnis nei 32767 simbolių."


def test_it_refuses_what_the_import_does_not_take_and_files_over_the_size_limit():
    with translation.override("en"):
        assert problems_of(b"email\nona@alytus.example\n", kinds=("xlsx",)) == [
            "This is not an Excel workbook (.xlsx)."
        ]
        assert problems_of(b"a,b\n" * 100, limits=Limits(max_bytes=100)) == [
            "The file is too big (400\xa0bytes); the limit is 100\xa0bytes."
        ]
        assert problems_of(b"   \n") == ["The file is empty."]


def test_it_locates_csv_limits_and_bad_text():
    with translation.override("en"):
        assert problems_of("vardas\nOna\nJūratė\n".encode("cp1257")) == [
            "row 3: The file is not UTF-8 text; save it as “CSV UTF-8”."
        ]
        assert problems_of(b"a\n" * 6, limits=Limits(max_rows=5)) == [
            "row 6: There are more than 5 rows."
        ]
        assert problems_of(b"a,b,c,d\n", limits=Limits(max_columns=3)) == [
            "row 1, column D: There are more than 3 columns."
        ]
        assert problems_of(b"a,b\nc,dddd\n", limits=Limits(max_cell_chars=3)) == [
            "row 2, column B: The cell is longer than 3 characters."
        ]
        assert problems_of(b"a\n" * 3000 + b"\x00") == [
            "row 3001: The file contains binary data; it is not a CSV file."
        ]


def test_the_count_of_shared_strings_stops_at_the_limit_without_parsing_them_all():
    with translation.override("en"):
        limits = Limits(max_shared_strings=1000)
        problems = problems_of(xlsx_with_shared_strings(1001), limits=limits)
    assert problems == ["The workbook has more than 1000 different texts."]
    # Exactly at the limit the workbook is read.
    read_spreadsheet(xlsx_with_shared_strings(1000), limits=Limits(max_shared_strings=1000))


def test_the_parts_and_unpacked_sizes_are_checked_before_anything_is_unpacked():
    workbook = workbook_bytes()
    with translation.override("en"):
        assert problems_of(workbook, limits=Limits(max_parts=5)) == [
            "The workbook has more than 5 parts."
        ]
        (too_big,) = problems_of(workbook, limits=Limits(max_part_bytes=500))
    assert too_big.startswith("The workbook is too big when unpacked (")
    assert too_big.endswith("; the limit is 500\xa0bytes).")


def test_a_cell_over_the_csv_modules_own_limit_is_a_problem_not_a_crash():
    assert csv.field_size_limit() == 131_072  # the limit the finding tripped over
    with translation.override("en"):
        (problem,) = problems_of(
            csv_with_a_131073_character_cell(), limits=Limits(max_cell_chars=200_000)
        )
    assert problem == "row 2: The cell is longer than 200000 characters."


# Fuzzing: mutated files of each kind give a spreadsheet or a SpreadsheetError, nothing else


SEEDS = {
    "csv": b'email;first_name;language\nona@alytus.example;Ona;lt\n"x;y";"Jo""nas";en\n',
    "xlsx": workbook_bytes(
        [["email", "first_name", "category"], ["ona@alytus.example", "Ona", "libraries"]]
    ),
    "sav": sav_file(),
}


def mutate(data: bytes, edits: list[tuple[int, int, int]], cut: int | None) -> bytes:
    """Apply (position, action, byte) edits: 0 replaces, 1 inserts, 2 deletes."""
    buffer = bytearray(data)
    for position, action, byte in edits:
        if not buffer:
            break
        where = position % len(buffer)
        if action == 0:
            buffer[where] = byte
        elif action == 1:
            buffer.insert(where, byte)
        else:
            del buffer[where]
    if cut is not None:
        del buffer[cut % (len(buffer) + 1) :]
    return bytes(buffer)


def mutate_a_part(data: bytes, part: int, edits: list[tuple[int, int, int]]) -> bytes:
    """Mutate one XML part inside the workbook and pack it again (the zip stays valid)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = sorted(parts)[part % len(parts)]
    parts[name] = mutate(parts[name], edits, None)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part_name, content in parts.items():
            archive.writestr(part_name, content)
    return out.getvalue()


EDITS = st.lists(
    st.tuples(st.integers(0, 2**16), st.integers(0, 2), st.integers(0, 255)), max_size=8
)


def read_or_refuse(data: bytes) -> None:
    try:
        read = read_spreadsheet(data, kinds=KINDS)
    except SpreadsheetError as error:
        assert all(str(problem) for problem in error.problems)
    else:
        assert isinstance(read, Spreadsheet)
        assert all(isinstance(cell, str) for s in read.sheets for row in s.rows for cell in row)


FUZZ = settings(
    max_examples=300,
    deadline=datetime.timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
)


@FUZZ
@given(kind=st.sampled_from(sorted(SEEDS)), edits=EDITS, cut=st.none() | st.integers(0, 2**16))
def test_mutated_bytes_of_each_kind_never_raise_anything_else(kind, edits, cut):
    read_or_refuse(mutate(SEEDS[kind], edits, cut))


@FUZZ
@given(part=st.integers(0, 10), edits=EDITS)
def test_mutated_xml_inside_a_workbook_never_raises_anything_else(part, edits):
    read_or_refuse(mutate_a_part(SEEDS["xlsx"], part, edits))
