"""The plan read back from a workbook: the export round-trips, and each bad cell is located
by row and column with nothing saved."""

import io
from datetime import date

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from pazanga.common.models import AuditEntry
from pazanga.common.spreadsheets import SpreadsheetError
from pazanga.workplan import services
from pazanga.workplan.exports import PLAN_COLUMNS, PlanExport
from pazanga.workplan.models import Activity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def language():
    with translation.override("en"):
        yield


HEADER = [
    "number",
    "parent",
    "name_lt",
    "name_en",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "milestone",
    "depends_on",
]
GOOD = [
    ["1", "", "Mokymai", "Training", date(2014, 1, 1), date(2015, 12, 31), "", "", "", ""],
    [
        "1.1",
        "",
        "Pirmieji mokymai",
        "First training",
        date(2014, 2, 1),
        date(2014, 6, 30),
        date(2014, 2, 3),
        "",
        "",
        "",
    ],
    [
        "1.2",
        "1",
        "Seminaras",
        "Seminar",
        date(2015, 11, 4),
        date(2015, 11, 4),
        "",
        "",
        "taip",
        "1.1",
    ],
]


def workbook(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems_of(programme, data: bytes) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(SpreadsheetError) as raised:
        services.import_plan(programme, data, actor=None)
    return [(p.row, p.column, p.message) for p in raised.value.problems]


def test_it_creates_the_plan_with_its_hierarchy_dependencies_and_milestones(programme):
    counts = services.import_plan(programme, workbook(GOOD), actor=None)
    assert counts == {"created": 3, "updated": 0}
    plan = {a.number: a for a in Activity.objects.filter(programme=programme)}
    assert plan["1.1"].parent == plan["1"] and plan["1.2"].parent == plan["1"]
    assert plan["1.1"].level == "activity" and plan["1"].level == "component"
    assert plan["1.1"].actual_start == date(2014, 2, 3)
    assert plan["1.2"].is_milestone
    assert list(plan["1.2"].depends_on.all()) == [plan["1.1"]]
    entry = AuditEntry.objects.get(action="workplan.plan.imported")
    assert entry.data == {"created": 3, "updated": 0}


def test_the_export_reads_back_as_the_same_plan(programme):
    services.import_plan(programme, workbook(GOOD), actor=None)
    activities = Activity.objects.filter(programme=programme).order_by("position")
    content, _type, name = PlanExport(activities).content("xlsx")
    assert name.endswith(".xlsx")
    header = [c.value for c in next(load_workbook(io.BytesIO(content)).active.iter_rows())]
    assert header == list(PLAN_COLUMNS)
    Activity.objects.filter(number="1.2").update(name_lt="Pakeista")
    counts = services.import_plan(programme, content, actor=None)
    assert counts == {"created": 0, "updated": 3}
    assert Activity.objects.get(number="1.2").name_lt == "Seminaras"
    assert [a.number for a in Activity.objects.get(number="1.2").depends_on.all()] == ["1.1"]


def test_a_missing_column_is_named_and_nothing_is_saved(programme):
    header = [name for name in HEADER if name != "planned_end"]
    rows = [
        [cell for name, cell in zip(HEADER, row, strict=True) if name != "planned_end"]
        for row in GOOD
    ]
    found = problems_of(programme, workbook(rows, header))
    assert found[0][0] == 1 and "planned_end" in found[0][2]
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("row", "column", "value", "words"),
    [
        (3, "planned_start", "vasario 1", "is not a date"),
        (3, "planned_end", date(2013, 1, 1), "end is before the start"),
        (4, "parent", "9", "cannot belong to 9"),
        (4, "depends_on", "7.7", "no activity numbered 7.7"),
        (3, "number", "1", "already on row 2"),
        (3, "milestone", "galbūt", "yes"),
    ],
)
def test_each_bad_cell_is_located_and_nothing_is_saved(programme, row, column, value, words):
    rows = [list(r) for r in GOOD]
    rows[row - 2][HEADER.index(column)] = value
    found = problems_of(programme, workbook(rows))
    wanted = HEADER.index(column) + 1
    assert any(r == row and c == wanted and words in m for r, c, m in found), found
    assert not Activity.objects.exists()
    assert not AuditEntry.objects.filter(action="workplan.plan.imported").exists()


def test_an_unknown_parent_is_located_in_the_parent_column(programme):
    rows = [list(r) for r in GOOD]
    rows[2][HEADER.index("number")] = "3.1"
    rows[2][HEADER.index("parent")] = ""
    found = problems_of(programme, workbook(rows))
    assert (
        4,
        HEADER.index("parent") + 1,
        "There is no activity numbered 3 in the plan or the file.",
    ) in found
    assert not Activity.objects.exists()


def test_a_dependency_cycle_is_refused_with_its_circle(programme):
    rows = [list(r) for r in GOOD]
    rows[1][HEADER.index("depends_on")] = "1.2"  # 1.1 waits for 1.2, which waits for 1.1
    found = problems_of(programme, workbook(rows))
    assert len(found) == 1
    row, column, message = found[0]
    assert column == HEADER.index("depends_on") + 1 and row in (3, 4)
    assert "1.1 → 1.2 → 1.1" in message
    assert not Activity.objects.exists()


def test_a_wrong_row_leaves_the_saved_plan_as_it_was(programme):
    services.import_plan(programme, workbook(GOOD), actor=None)
    rows = [list(r) for r in GOOD]
    rows[0][HEADER.index("name_lt")] = "Nauji mokymai"
    rows[2][HEADER.index("planned_end")] = "ne data"
    problems_of(programme, workbook(rows))
    assert Activity.objects.get(number="1").name_lt == "Mokymai"


def test_a_parent_already_in_the_plan_may_be_left_out_of_the_file(programme, plan):
    rows = [["1.3", "", "Nauja veikla", "", date(2015, 1, 1), date(2015, 3, 1), "", "", "", "1.1"]]
    services.import_plan(programme, workbook(rows), actor=None)
    added = Activity.objects.get(number="1.3")
    assert added.parent == plan["component"]
    assert list(added.depends_on.all()) == [plan["activity"]]


def test_a_web_page_is_not_a_workbook(programme):
    found = problems_of(programme, b"<html><body>planas</body></html>")
    assert found == [
        (None, None, "This is not a CSV file (UTF-8 text) or an Excel workbook (.xlsx).")
    ]
    assert not Activity.objects.exists()
