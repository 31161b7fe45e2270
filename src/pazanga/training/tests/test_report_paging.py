"""A long report table is shown a page at a time; each table pages on its own."""

from django.test import RequestFactory

from pazanga.training.tables import Column, Table
from pazanga.training.views.reports import TABLE_PAGE_ROWS, paged


def long_table(key: str, rows: int) -> Table:
    return Table(key, key, [Column("n", "int")], [[n] for n in range(1, rows + 1)])


def test_it_shows_a_long_table_a_page_at_a_time():
    request = RequestFactory().get("/", {"year": "2014", "sessions_page": "2", "other_page": "3"})
    shown = paged(request, long_table("sessions", TABLE_PAGE_ROWS + 5))
    assert shown.rows == [[n] for n in range(TABLE_PAGE_ROWS + 1, TABLE_PAGE_ROWS + 6)]
    assert (shown.pager["number"], shown.pager["total"], shown.pager["next"]) == (2, 2, "")
    previous = shown.pager["previous"]
    assert "sessions_page=1" in previous
    assert "other_page=3" in previous
    assert "year=2014" in previous
    assert previous.endswith("#sessions")


def test_a_short_table_is_shown_whole_and_the_full_table_is_kept():
    request = RequestFactory().get("/")
    short = long_table("short", TABLE_PAGE_ROWS)
    assert paged(request, short) is short
    full = long_table("sessions", TABLE_PAGE_ROWS * 2)
    shown = paged(request, full)
    assert len(shown.rows) == TABLE_PAGE_ROWS
    assert len(full.rows) == TABLE_PAGE_ROWS * 2
    assert shown.pager["next"].startswith("?sessions_page=2")
