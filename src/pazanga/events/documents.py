"""QR codes, name badges and certificates of attendance (PDF)."""

import io
from collections.abc import Sequence

import segno
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
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


def draw_badge(
    canvas: Canvas, registration: Registration, event_title: str, category: str, code: str | None
) -> None:
    x, y = badge_origin(0)
    canvas.setStrokeGray(0.7)
    canvas.setDash(2, 2)
    canvas.rect(x, y, BADGE_WIDTH, BADGE_HEIGHT)
    canvas.setDash()
    text_width = BADGE_WIDTH - (30 * mm if code else 10 * mm)
    top = y + BADGE_HEIGHT - 9 * mm
    draw_wrapped(canvas, event_title, x=x + 5 * mm, y=top, width=text_width, size=7)
    line = draw_wrapped(
        canvas,
        registration.first_name,
        x=x + 5 * mm,
        y=top - 14 * mm,
        width=text_width,
        size=16,
        font=BOLD,
    )
    line = draw_wrapped(
        canvas, registration.last_name, x=x + 5 * mm, y=line, width=text_width, size=16, font=BOLD
    )
    draw_wrapped(
        canvas,
        registration.organisation_label,
        x=x + 5 * mm,
        y=line - 2 * mm,
        width=text_width,
        size=8,
    )
    canvas.setFont(REGULAR, 7)
    canvas.drawString(x + 5 * mm, y + 5 * mm, category)
    if code:
        draw_png(canvas, qr_png(code), x=x + BADGE_WIDTH - 27 * mm, y=y + 5 * mm, size=22 * mm)


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
        canvas.drawString(20 * mm, 20 * mm, verify_label)
        draw_png(canvas, qr_png(verify_url), x=width - 50 * mm, y=18 * mm, size=30 * mm)

    return pdf_bytes(draw, pagesize=landscape(A4), title=f"{title} {certificate.serial}")
