"""The Gantt chart's drawing: bars, milestones, baseline slippage, dependencies, today."""

from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

from pazanga.workplan import gantt

WORDS = gantt.Words(today="šiandien", slip=lambda days: f"{days:+d} d.", caption="Planas")
SVG = "{http://www.w3.org/2000/svg}"


def rows() -> list[gantt.Row]:
    return [
        gantt.Row(
            1,
            "Mokymai <& kt.>",
            date(2014, 1, 1),
            date(2014, 12, 31),
            progress=Decimal("0.5"),
            baseline_start=date(2014, 1, 1),
            baseline_end=date(2014, 11, 30),
        ),
        gantt.Row(
            2,
            "Konferencija",
            date(2015, 2, 25),
            date(2015, 2, 25),
            depth=1,
            is_milestone=True,
            depends_on=(1,),
        ),
    ]


def parsed(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # noqa: S314 (our own output)


def test_it_draws_a_bar_a_milestone_and_an_arrow_between_them():
    root = parsed(gantt.render(rows(), today=date(2014, 6, 1), words=WORDS))
    assert len(root.findall(f".//{SVG}rect[@class='gantt-bar']")) == 1
    assert len(root.findall(f".//{SVG}polygon[@class='gantt-milestone']")) == 1
    arrows = root.findall(f".//{SVG}path[@class='gantt-dependency']")
    assert len(arrows) == 1
    assert arrows[0].get("marker-end") == "url(#gantt-arrow)"


def test_the_progress_fills_half_of_a_half_done_bar():
    root = parsed(gantt.render(rows(), today=date(2014, 6, 1), words=WORDS))
    bar = root.find(f".//{SVG}rect[@class='gantt-bar']")
    done = root.find(f".//{SVG}rect[@class='gantt-progress']")
    assert abs(float(done.get("width")) - float(bar.get("width")) / 2) < 0.2


def test_slippage_against_the_baseline_is_written_in_days():
    svg = gantt.render(rows(), today=date(2014, 6, 1), words=WORDS)
    assert "+31 d." in svg  # planned to end on 30 November, ends on 31 December
    assert 'class="gantt-baseline"' in svg


def test_todays_line_is_drawn_only_inside_the_chart():
    inside = gantt.render(rows(), today=date(2014, 6, 1), words=WORDS)
    assert 'class="gantt-today"' in inside and "šiandien" in inside
    after = gantt.render(rows(), today=date(2026, 1, 1), words=WORDS)
    assert 'class="gantt-today"' not in after


def test_today_is_placed_by_its_date():
    root = parsed(gantt.render(rows(), today=date(2014, 7, 1), words=WORDS))
    line = root.find(f".//{SVG}line[@class='gantt-today']")
    chart = gantt.Chart(date(2014, 1, 1), date(2015, 3, 31), rows(), date(2014, 7, 1), WORDS)
    assert float(line.get("x1")) == chart.x(date(2014, 7, 1))


def test_the_chart_spans_whole_quarters():
    assert gantt.chart_range(rows()) == (date(2014, 1, 1), date(2015, 3, 31))
    assert gantt.quarter_end(date(2013, 11, 30)) == date(2013, 12, 31)
    assert gantt.quarter_start(date(2013, 11, 30)) == date(2013, 10, 1)


def test_names_are_escaped():
    svg = gantt.render(rows(), today=date(2014, 6, 1), words=WORDS)
    assert "Mokymai &lt;&amp; kt.&gt;" in svg
    parsed(svg)  # well-formed XML
