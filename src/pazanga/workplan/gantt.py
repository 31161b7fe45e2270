"""The Gantt chart as SVG, drawn on the server: pure layout from plain rows, no Django.

Each row is a bar from its start to its end (a diamond for a milestone) with its progress
filled in; under it, a thin bar where the saved baseline planned it, and the slippage in
days when the end moved. Dependencies are arrows from the end of the activity depended on
to the start of the one that waits for it. Today's line is drawn when today falls inside
the chart. Every text is escaped; the caller gives the words (already translated).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

LABEL_WIDTH = 320
CHART_WIDTH = 860
RIGHT_MARGIN = 70  # room for a milestone and its slippage at the very end
ROW_HEIGHT = 24
HEADER_HEIGHT = 40
BAR_HEIGHT = 12
BASELINE_HEIGHT = 4
INDENT = 14
MAX_LABEL_CHARS = 44
QUARTERS = ("I", "II", "III", "IV")
LAST_QUARTER_MONTH = 10


@dataclass(frozen=True)
class Row:
    key: int
    label: str
    start: date
    end: date
    depth: int = 0
    is_milestone: bool = False
    progress: Decimal | None = None  # 0..1
    status: str = "planned"  # a CSS class: planned, under_way, late, done
    baseline_start: date | None = None
    baseline_end: date | None = None
    depends_on: tuple[int, ...] = ()
    url: str = ""
    title: str = ""  # the tooltip: dates and status in words


@dataclass(frozen=True)
class Words:
    """The chart's own words, in the reader's language."""

    today: str
    slip: Callable[[int], str]  # days late (+) or early (-) against the baseline
    year: Callable[[int], str] = str
    caption: str = ""


@dataclass
class Chart:
    first: date
    last: date
    rows: Sequence[Row]
    today: date
    words: Words
    width: int = LABEL_WIDTH + CHART_WIDTH + RIGHT_MARGIN
    parts: list[str] = field(default_factory=list)

    @property
    def days(self) -> int:
        return max(1, (self.last - self.first).days + 1)

    def x(self, day: date) -> float:
        offset = min(max((day - self.first).days, 0), self.days)
        return round(LABEL_WIDTH + offset * CHART_WIDTH / self.days, 1)

    def y(self, index: int) -> int:
        return HEADER_HEIGHT + index * ROW_HEIGHT


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def quarter_end(day: date) -> date:
    start = quarter_start(day)
    if start.month == LAST_QUARTER_MONTH:
        return date(start.year, 12, 31)
    return date(start.year, start.month + 3, 1) - timedelta(days=1)


def chart_range(rows: Sequence[Row]) -> tuple[date, date]:
    """Whole quarters around every bar and baseline bar."""
    days = [d for row in rows for d in (row.start, row.end, row.baseline_start, row.baseline_end)]
    known = [d for d in days if d is not None]
    if not known:
        year = date.today().year  # noqa: DTZ011 (an empty chart shows any year)
        return date(year, 1, 1), date(year, 12, 31)
    return quarter_start(min(known)), quarter_end(max(known))


def render(rows: Sequence[Row], *, today: date, words: Words) -> str:
    first, last = chart_range(rows)
    chart = Chart(first, last, rows, today, words)
    height = chart.y(len(rows)) + 8
    out = chart.parts
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" role="img" '
        f'viewBox="0 0 {chart.width} {height}" width="{chart.width}" height="{height}"'
        f" aria-label={quoteattr(words.caption)}>"
    )
    out.append(
        '<defs><marker id="gantt-arrow" viewBox="0 0 6 6" refX="6" refY="3" '
        'markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
        '<path d="M0,0 L6,3 L0,6 z" class="gantt-arrowhead"/></marker></defs>'
    )
    draw_calendar(chart, height)
    positions = {row.key: index for index, row in enumerate(rows)}
    for index, row in enumerate(rows):
        draw_row(chart, index, row)
    for index, row in enumerate(rows):
        for key in row.depends_on:
            if key in positions:
                draw_dependency(chart, rows[positions[key]], positions[key], index)
    if first <= today <= last:
        x = chart.x(today)
        out.append(
            f'<line class="gantt-today" x1="{x}" y1="{HEADER_HEIGHT - 6}" x2="{x}" y2="{height}"/>'
            f'<text class="gantt-today-label" x="{x + 3}" y="{HEADER_HEIGHT - 8}">'
            f"{escape(words.today)}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def draw_calendar(chart: Chart, height: int) -> None:
    """A band per year (its label centred on the part shown) and a line per quarter."""
    out = chart.parts
    for year in range(chart.first.year, chart.last.year + 1):
        x0 = chart.x(max(date(year, 1, 1), chart.first))
        x1 = chart.x(min(date(year, 12, 31), chart.last) + timedelta(days=1))
        out.append(
            f'<rect class="gantt-year gantt-year-{year % 2}" x="{x0}" y="0" '
            f'width="{round(x1 - x0, 1)}" height="{height}"/>'
            f'<text class="gantt-year-label" x="{round((x0 + x1) / 2, 1)}" y="16">'
            f"{escape(chart.words.year(year))}</text>"
        )
    quarter = chart.first
    while quarter <= chart.last:
        x = chart.x(quarter)
        out.append(
            f'<line class="gantt-quarter" x1="{x}" y1="24" x2="{x}" y2="{height}"/>'
            f'<text class="gantt-quarter-label" x="{x + 2}" y="34">'
            f"{QUARTERS[(quarter.month - 1) // 3]}</text>"
        )
        quarter = quarter_end(quarter) + timedelta(days=1)


def short(text: str) -> str:
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"


def draw_row(chart: Chart, index: int, row: Row) -> None:
    out = chart.parts
    top = chart.y(index)
    middle = top + ROW_HEIGHT // 2
    label = escape(short(row.label))
    if row.url:
        label = f"<a href={quoteattr(row.url)}>{label}</a>"
    out.append(
        f'<g class="gantt-row gantt-depth-{min(row.depth, 2)} gantt-{row.status}">'
        f'<text class="gantt-label" x="{6 + row.depth * INDENT}" y="{middle + 4}">{label}</text>'
    )
    tooltip = f"<title>{escape(row.title or row.label)}</title>"
    if row.baseline_start and row.baseline_end:
        bx0, bx1 = chart.x(row.baseline_start), chart.x(row.baseline_end + timedelta(days=1))
        out.append(
            f'<rect class="gantt-baseline" x="{bx0}" y="{top + ROW_HEIGHT - BASELINE_HEIGHT - 2}" '
            f'width="{max(round(bx1 - bx0, 1), 1)}" height="{BASELINE_HEIGHT}"/>'
        )
    if row.is_milestone:
        x = chart.x(row.end)
        half = BAR_HEIGHT // 2 + 1
        out.append(
            f'<polygon class="gantt-milestone" points="{x},{middle - half} {x + half},{middle} '
            f'{x},{middle + half} {x - half},{middle}">{tooltip}</polygon>'
        )
        end_x = x + half
    else:
        x0, x1 = chart.x(row.start), chart.x(row.end + timedelta(days=1))
        width = max(round(x1 - x0, 1), 2)
        bar_top = middle - BAR_HEIGHT // 2 - 1
        out.append(
            f'<rect class="gantt-bar" x="{x0}" y="{bar_top}" width="{width}" '
            f'height="{BAR_HEIGHT}" rx="2">{tooltip}</rect>'
        )
        if row.progress:
            done = round(width * float(min(row.progress, Decimal(1))), 1)
            out.append(
                f'<rect class="gantt-progress" x="{x0}" y="{bar_top}" width="{done}" '
                f'height="{BAR_HEIGHT}" rx="2"/>'
            )
        end_x = x0 + width
    if row.baseline_end and row.baseline_end != row.end:
        slip = (row.end - row.baseline_end).days
        out.append(
            f'<text class="gantt-slip" x="{round(end_x + 4, 1)}" y="{middle + 4}">'
            f"{escape(chart.words.slip(slip))}</text>"
        )
    out.append("</g>")


def draw_dependency(chart: Chart, before: Row, before_index: int, index: int) -> None:
    """An elbow from the end of `before` to the start of the row at `index`."""
    row = chart.rows[index]
    x0 = chart.x(before.end + timedelta(days=0 if before.is_milestone else 1))
    y0 = chart.y(before_index) + ROW_HEIGHT // 2
    x1 = chart.x(row.end if row.is_milestone else row.start) - (7 if row.is_milestone else 0)
    y1 = chart.y(index) + ROW_HEIGHT // 2
    bend = round(max(x0 + 4, min(x1 - 4, x0 + 8)), 1)
    chart.parts.append(
        f'<path class="gantt-dependency" d="M{x0},{y0} H{bend} V{y1} H{x1}" '
        'marker-end="url(#gantt-arrow)"/>'
    )
