"""Decision letters as PDF, written in the application's language."""

from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from pazanga.common.i18n import format_date, localized
from pazanga.common.money import Money
from pazanga.common.pdf import BOLD, draw_wrapped, pdf_bytes
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.models import Application

MARGIN = 25 * mm
WIDTH = A4[0] - 2 * MARGIN


def outcome_text(application: Application) -> str:
    if application.status == ApplicationStatus.AWARDED:
        money = str(Money(application.awarded_amount or Decimal(0), application.call.currency))
        return _(
            "We are pleased to tell you that the committee awarded your project a grant of "
            "%(amount)s."
        ) % {"amount": money}
    if application.status == ApplicationStatus.RESERVE:
        return _(
            "Your project was not funded now, but it is on the reserve list at rank "
            "%(rank)s. Should funds become free, we will contact you."
        ) % {"rank": application.rank or "—"}
    return _("We regret to tell you that the committee did not fund your project.")


def letter_lines(application: Application) -> list[tuple[str, float, bool]]:
    """(text, size, bold) paragraphs of the letter, top to bottom."""
    call = application.call
    lines = [
        (str(localized(call.programme, "name")), 14, True),
        (format_date(application.decided_at or timezone.now(), application.language), 10, False),
        (application.library.name, 11, True),
        (
            _("Decision on application %(reference)s “%(title)s” to the call %(call)s")
            % {
                "reference": application.reference,
                "title": application.title,
                "call": localized(call, "title"),
            },
            12,
            True,
        ),
        (outcome_text(application), 11, False),
    ]
    if application.decision_note:
        lines.append((_("Reason: %(reason)s") % {"reason": application.decision_note}, 11, False))
    if application.score is not None:
        lines.append((_("Score: %(score)s of 100.") % {"score": application.score}, 11, False))
    lines.append((_("The programme team"), 11, False))
    return lines


def decision_letter_pdf(application: Application) -> bytes | None:
    """The letter's bytes (None while the application is undecided)."""
    if not application.is_decided:
        return None
    with translation.override(application.language):
        lines = letter_lines(application)
        title = _("Decision letter %(reference)s") % {"reference": application.reference}

    def draw(canvas: Canvas) -> None:
        y = A4[1] - MARGIN
        for text, size, bold in lines:
            kwargs = {"font": BOLD} if bold else {}
            y = draw_wrapped(canvas, text, x=MARGIN, y=y, width=WIDTH, size=size, **kwargs)
            y -= size * 0.8

    return pdf_bytes(draw, title=title)
