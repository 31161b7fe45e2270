"""QR codes, name badges and certificates of attendance (PDF)."""

import io
from collections.abc import Sequence

import segno
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pazanga.common.i18n import format_date, localized
from pazanga.common.pdf import BOLD, REGULAR, draw_png, draw_wrapped, pdf_bytes
from pazanga.events.models import Certificate, Event, Registration

# Badge sheet: 2 × 4 badges of 90 × 60 mm on A4, with room for cutting.
BADGE_COLUMNS, BADGE_ROWS = 2, 4
BADGE_WIDTH, BADGE_HEIGHT = 90 * mm, 60 * mm
BADGES_PER_PAGE = BADGE_COLUMNS * BADGE_ROWS


def qr_png(text: str, scale: int = 6) -> bytes:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def qr_svg(text: str, scale: int = 5) -> str:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=scale, border=2, xmldecl=False)
    return buffer.getvalue().decode()


def badge_origin(index: int) -> tuple[float, float]:
    page_width, page_height = A4
    margin_x = (page_width - BADGE_COLUMNS * BADGE_WIDTH) / 2
    margin_y = (page_height - BADGE_ROWS * BADGE_HEIGHT) / 2
    column, row = index % BADGE_COLUMNS, index // BADGE_COLUMNS
    return margin_x + column * BADGE_WIDTH, page_height - margin_y - (row + 1) * BADGE_HEIGHT


# Where things go on a badge, from its lower left corner.
BADGE_PADDING = 5 * mm
QR_SIZE = 22 * mm
BADGE_TEXT_WIDTH = BADGE_WIDTH - 2 * BADGE_PADDING - QR_SIZE - 3 * mm  # left of the QR code
NAME_SIZES = (16, 15, 14, 13, 12, 11, 10)  # the name shrinks until it fits
NAME_MAX_LINES = 4
ELLIPSIS = "…"


def broken_words(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` wrapped to `width`; a word too long for one line is broken after a hyphen
    when it has one that fits, else between letters."""
    lines: list[str] = []
    for whole in simpleSplit(text, font, size, width):
        rest = whole
        while stringWidth(rest, font, size) > width:
            fits = max(1, fitting_prefix(rest, font, size, width))
            cut = rest.rfind("-", 0, fits) + 1 or fits
            lines.append(rest[:cut])
            rest = rest[cut:]
        lines.append(rest)
    return lines


def words_fit(text: str, font: str, size: float, width: float) -> bool:
    return all(stringWidth(word, font, size) <= width for word in text.split())


def fitting_prefix(text: str, font: str, size: float, width: float) -> int:
    """How many characters from the start of `text` fit in `width`."""
    count = 0
    while count < len(text) and stringWidth(text[: count + 1], font, size) <= width:
        count += 1
    return count


def at_most(lines: list[str], count: int, font: str, size: float, width: float) -> list[str]:
    """The first `count` lines; when some are left out, the last one ends with an ellipsis."""
    if len(lines) <= count:
        return lines
    last = lines[count - 1]
    while last and stringWidth(last + ELLIPSIS, font, size) > width:
        last = last[:-1]
    return [*lines[: count - 1], last.rstrip() + ELLIPSIS]


def name_lines(registration: Registration, width: float) -> tuple[list[str], int]:
    """The first and last name on their own lines at the largest size that fits, breaking
    inside a word only when no size lets every word fit whole."""
    names = (registration.first_name, registration.last_name)
    for must_fit_whole in (True, False):
        for size in NAME_SIZES:
            if must_fit_whole and not all(words_fit(n, BOLD, size, width) for n in names):
                continue
            lines = [line for name in names for line in broken_words(name, BOLD, size, width)]
            if len(lines) <= NAME_MAX_LINES:
                return lines, size
    size = NAME_SIZES[-1]
    return at_most(lines, NAME_MAX_LINES, BOLD, size, width), size


def draw_lines(
    canvas: Canvas, lines: list[str], *, x: float, y: float, size: float, font: str = REGULAR
) -> float:
    """Draw `lines` from the baseline `y` down; returns the next free baseline."""
    canvas.setFont(font, size)
    for line in lines:
        canvas.drawString(x, y, line)
        y -= size * 1.2
    return y


def draw_badge(
    canvas: Canvas, registration: Registration, event_title: str, category: str, code: str | None
) -> None:
    """One badge: event, name, organisation above the category line, QR code on the right.

    Every text is kept to its lines (shrunk or cut with an ellipsis), so nothing runs into
    the QR code, the next badge or the cutting line, whatever the lengths.
    """
    x, y = badge_origin(0)
    canvas.setStrokeGray(0.7)
    canvas.setDash(2, 2)
    canvas.rect(x, y, BADGE_WIDTH, BADGE_HEIGHT)
    canvas.setDash()
    left, width = x + BADGE_PADDING, BADGE_TEXT_WIDTH if code else BADGE_WIDTH - 2 * BADGE_PADDING
    title = at_most(broken_words(event_title, REGULAR, 7, width), 3, REGULAR, 7, width)
    cursor = draw_lines(canvas, title, x=left, y=y + BADGE_HEIGHT - 8 * mm, size=7)
    names, size = name_lines(registration, width)
    cursor = draw_lines(canvas, names, x=left, y=cursor - size * 0.9, size=size, font=BOLD)
    category_lines = at_most(broken_words(category, REGULAR, 7, width), 2, REGULAR, 7, width)
    category_top = y + BADGE_PADDING + (len(category_lines) - 1) * 7 * 1.2
    room = int((cursor - 1 * mm - (category_top + 3 * mm)) // (8 * 1.2)) + 1
    organisation = broken_words(registration.organisation_label, REGULAR, 8, width)
    if room > 0:
        lines = at_most(organisation, min(room, 3), REGULAR, 8, width)
        draw_lines(canvas, lines, x=left, y=cursor - 1 * mm, size=8)
    draw_lines(canvas, category_lines, x=left, y=category_top, size=7)
    if code:
        qr_x = x + BADGE_WIDTH - BADGE_PADDING - QR_SIZE
        draw_png(canvas, qr_png(code), x=qr_x, y=y + BADGE_PADDING, size=QR_SIZE)


def badges_pdf(
    event: Event, registrations: Sequence[Registration], codes: dict[int, str], language: str
) -> bytes:
    """Printable A4 sheets of name badges, eight per page, each with its check-in QR code."""
    event_title = str(localized(event, "title", language))

    def draw(canvas: Canvas) -> None:
        for index, registration in enumerate(registrations):
            if index and index % BADGES_PER_PAGE == 0:
                canvas.showPage()
            x, y = badge_origin(index % BADGES_PER_PAGE)
            canvas.saveState()
            origin_x, origin_y = badge_origin(0)
            canvas.translate(x - origin_x, y - origin_y)
            category = str(localized(registration.category, "name", language))
            draw_badge(canvas, registration, event_title, category, codes.get(registration.pk))
            canvas.restoreState()
        if not registrations:
            canvas.setFont(REGULAR, 12)
            with translation.override(language):
                canvas.drawString(20 * mm, A4[1] - 30 * mm, _("No one to print a badge for."))

    return pdf_bytes(draw, title=event_title)


def certificate_pdf(certificate: Certificate, verify_url: str, language: str) -> bytes:
    """One landscape A4 certificate with its serial number and a QR code to verify it."""
    width, height = landscape(A4)
    with translation.override(language):
        title = str(localized(certificate, "title", language))
        event_title = str(localized(certificate, "event_title", language))
        if certificate.starts_on == certificate.ends_on:
            when = format_date(certificate.starts_on, language)
        else:
            when = f"{format_date(certificate.starts_on, language)} – " + format_date(
                certificate.ends_on, language
            )
        certifies = _("This certifies that")
        attended = _("attended")
        serial_label = _("Serial number: %(serial)s") % {"serial": certificate.serial}
        verify_label = _("Verify at %(url)s") % {"url": verify_url}
        issued = _("Issued on %(date)s") % {"date": format_date(certificate.issued_on, language)}

    def draw(canvas: Canvas) -> None:
        canvas.setStrokeGray(0.6)
        canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
        box = width - 80 * mm
        y = draw_wrapped(
            canvas,
            title,
            x=40 * mm,
            y=height - 45 * mm,
            width=box,
            size=28,
            font=BOLD,
            centred=True,
        )
        y = draw_wrapped(
            canvas, certifies, x=40 * mm, y=y - 10 * mm, width=box, size=13, centred=True
        )
        y = draw_wrapped(
            canvas,
            certificate.holder_name,
            x=40 * mm,
            y=y - 6 * mm,
            width=box,
            size=24,
            font=BOLD,
            centred=True,
        )
        y = draw_wrapped(
            canvas, attended, x=40 * mm, y=y - 4 * mm, width=box, size=13, centred=True
        )
        y = draw_wrapped(
            canvas,
            event_title,
            x=40 * mm,
            y=y - 4 * mm,
            width=box,
            size=16,
            font=BOLD,
            centred=True,
        )
        draw_wrapped(canvas, when, x=40 * mm, y=y - 2 * mm, width=box, size=13, centred=True)
        canvas.setFont(REGULAR, 9)
        canvas.drawString(20 * mm, 30 * mm, issued)
        canvas.drawString(20 * mm, 25 * mm, serial_label)
        # A long address wraps (twice at most) rather than running under the QR code.
        footer_width = width - 20 * mm - 55 * mm
        lines = at_most(
            broken_words(verify_label, REGULAR, 9, footer_width), 2, REGULAR, 9, footer_width
        )
        draw_lines(canvas, lines, x=20 * mm, y=20 * mm, size=9)
        draw_png(canvas, qr_png(verify_url), x=width - 50 * mm, y=18 * mm, size=30 * mm)

    return pdf_bytes(draw, pagesize=landscape(A4), title=f"{title} {certificate.serial}")
