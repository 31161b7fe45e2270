"""Charts drawn on the server as SVG: bars with confidence-interval whiskers, and lines
across waves (a trend, or a gap over time around a zero line). No JavaScript, no styles:
presentation attributes only, so the Content-Security-Policy holds; every chart has a title
and each mark its own `<title>` for screen readers and tooltips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_WIDTH = 180
COLOURS = ("#1f4e8c", "#c0504d", "#4f8a3c", "#8064a2", "#d08a1f")
MUTED = "#9aa5b1"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # a share 0..1 (or a value) ; None: not shown (small cell)
    low: float | None = None
    high: float | None = None
    flagged: bool = False


@dataclass(frozen=True)
class Point:
    x_label: str
    value: float
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[Point]


def shown(value: float, percent: bool) -> str:
    return number_format(100 * value if percent else value, 1)


def bars(title: str, items: Sequence[Bar], *, percent: bool = True) -> SafeString:
    """Horizontal bars with 95 % interval whiskers; a flagged bar is drawn lighter."""
    values = [v for b in items for v in (b.value, b.high) if v is not None]
    top = max([*values, 0.0]) or 1.0
    top = min(1.0, top * 1.1) if percent else top * 1.1
    plot = WIDTH - LABEL_WIDTH - 60
    height = len(items) * (BAR_HEIGHT + BAR_GAP) + 30

    def x(value: float) -> float:
        return LABEL_WIDTH + plot * max(value, 0.0) / top

    parts = [
        format_html(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">',
            WIDTH,
            height,
            title,
        )
    ]
    for i, item in enumerate(items):
        y = 10 + i * (BAR_HEIGHT + BAR_GAP)
        middle = y + BAR_HEIGHT / 2
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle" '
                'font-size="13">{}</text>',
                LABEL_WIDTH - 8,
                middle,
                item.label,
            )
        )
        if item.value is None:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" dominant-baseline="middle" font-size="12" '
                    'fill="{}">—</text>',
                    LABEL_WIDTH + 4,
                    middle,
                    MUTED,
                )
            )
            continue
        colour = MUTED if item.flagged else COLOURS[0]
        text = shown(item.value, percent)
        if item.low is not None and item.high is not None:
            text += f" ({shown(item.low, percent)}–{shown(item.high, percent)})"
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                LABEL_WIDTH,
                y,
                r1(x(item.value) - LABEL_WIDTH),
                BAR_HEIGHT,
                colour,
                item.label,
                text,
            )
        )
        if item.low is not None and item.high is not None:
            parts.append(whisker_h(x(item.low), x(item.high), middle))
        parts.append(
            format_html(
                '<text x="{}" y="{}" dominant-baseline="middle" font-size="12">{}</text>',
                r1(x(item.high if item.high is not None else item.value) + 6),
                middle,
                shown(item.value, percent),
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 (built with format_html)


def r1(value: float) -> float:
    """A coordinate to one decimal: enough for a 640-unit-wide drawing."""
    return round(value, 1)


def whisker_h(left: float, right: float, y: float) -> SafeString:
    left, right, y = r1(left), r1(right), r1(y)
    return format_html(
        '<path d="M{} {}H{}M{} {}V{}M{} {}V{}" stroke="#222" stroke-width="1.5" fill="none"/>',
        left,
        y,
        right,
        left,
        y - 5,
        y + 5,
        right,
        y - 5,
        y + 5,
    )


def lines(
    title: str, series: Sequence[Series], *, percent: bool = True, zero_line: bool = False
) -> SafeString:
    """Values across waves, one line per series, with interval whiskers at each point."""
    labels: list[str] = []
    for s in series:
        for p in s.points:
            if p.x_label not in labels:
                labels.append(p.x_label)
    values = [
        v for s in series for p in s.points for v in (p.value, p.low, p.high) if v is not None
    ]
    if zero_line:
        values.append(0.0)
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    pad = (high - low) * 0.1 or 0.05
    low, high = low - pad, high + pad
    if percent and not zero_line:
        low = max(low, 0.0)
    height, left, right, top, bottom = 260, 60, WIDTH - 20, 20, 220

    def x(label: str) -> float:
        if len(labels) == 1:
            return (left + right) / 2
        return left + (right - left) * labels.index(label) / (len(labels) - 1)

    def y(value: float) -> float:
        return bottom - (bottom - top) * (value - low) / (high - low)

    parts = [
        format_html(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">',
            WIDTH,
            height,
            title,
        ),
        format_html(
            '<path d="M{} {}H{}" stroke="{}" stroke-width="1"/>', left, bottom, right, MUTED
        ),
    ]
    parts.extend(
        format_html(
            '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#555">{}</text>',
            left - 6,
            r1(y(tick)),
            shown(tick, percent),
        )
        for tick in (low, (low + high) / 2, high)
    )
    if zero_line and low < 0 < high:
        parts.append(
            format_html(
                '<path d="M{} {}H{}" stroke="#555" stroke-dasharray="4 3"/>',
                left,
                r1(y(0.0)),
                right,
            )
        )
    parts.extend(
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" font-size="12">{}</text>',
            r1(x(label)),
            bottom + 18,
            label,
        )
        for label in labels
    )
    for index, s in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{x(p.x_label):.1f} {y(p.value):.1f}"
            for i, p in enumerate(s.points)
        )
        if path:
            parts.append(
                format_html('<path d="{}" stroke="{}" stroke-width="2" fill="none"/>', path, colour)
            )
        for p in s.points:
            if p.low is not None and p.high is not None:
                parts.append(
                    format_html(
                        '<path d="M{0} {1}V{2}" stroke="{3}" stroke-width="1.5"/>',
                        r1(x(p.x_label)),
                        r1(y(p.low)),
                        r1(y(p.high)),
                        colour,
                    )
                )
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="4" fill="{}"><title>{} {}: {}</title></circle>',
                    r1(x(p.x_label)),
                    r1(y(p.value)),
                    colour,
                    s.label,
                    p.x_label,
                    shown(p.value, percent),
                )
            )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" fill="{}">■ {}</text>',
                left + 10 + 150 * index,
                height - 6,
                colour,
                s.label,
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 (built with format_html)
