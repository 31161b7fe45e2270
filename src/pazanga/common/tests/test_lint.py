from pathlib import Path

from pazanga.common import lint

SOURCE = """
def close(call, review, queryset, attendance):
    call.status = "closed"
    review.status, other = "submitted", 1
    queryset.update(status="x", note="")
    setattr(review, "status", "y")
    attendance.status = "present"  # not a workflow status: a recorded mark
    queryset.create(status="draft")
    status = "fine"
    queryset.update(note="fine")
"""


def test_every_way_of_changing_a_status_is_found(tmp_path):
    assert sorted(lint.status_writes(SOURCE)) == [3, 4, 5, 6, 7]


def test_workflow_modules_tests_and_marked_lines_may_change_a_status(tmp_path: Path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "services.py").write_text(SOURCE)
    (tmp_path / "app" / "workflow.py").write_text(SOURCE)
    (tmp_path / "app" / "tests").mkdir()
    (tmp_path / "app" / "tests" / "factories.py").write_text(SOURCE)
    found = lint.problems(tmp_path)
    assert [line.split(":")[1] for line in found] == ["3", "4", "5", "6"]
    assert all("app/services.py" in line for line in found)


def test_the_platform_changes_statuses_only_in_workflow_modules():
    assert lint.problems(Path(lint.__file__).resolve().parents[1]) == []
