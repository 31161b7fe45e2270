"""The grant agreement as a bilingual PDF: the Lithuanian text, then the English one.

Generated from the grant as it stands (parties, amount, approved budget, tranche schedule,
reporting dates, indicator targets), so the library prints, signs and uploads it.
"""

from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from pazanga.common.i18n import format_date, localized
from pazanga.common.money import Money, format_money
from pazanga.common.pdf import BOLD, REGULAR, draw_wrapped, pdf_bytes
from pazanga.programme.enums import ParticipantRole
from pazanga.programme.models import Participant
from pazanga.projects.models import Grant

MARGIN = 20 * mm
WIDTH = A4[0] - 2 * MARGIN
BOTTOM = 20 * mm
LANGUAGES = ("lt", "en")

# (text, size, font, column widths or None); a row with widths is a table row.
Line = tuple[list[str], float, str, list[float] | None]


def implementer_name(grant: Grant) -> str:
    participant = (
        Participant.objects.filter(
            programme_id=grant.programme_id, role=ParticipantRole.IMPLEMENTER
        )
        .select_related("organisation")
        .first()
    )
    if participant is None:
        return str(localized(grant.programme, "name"))
    return participant.organisation.display_name


def agreement_lines(grant: Grant, language: str) -> list[Line]:
    """The agreement's paragraphs and table rows in `language` (translation active)."""

    def money(amount: Decimal) -> str:
        return format_money(Money(amount, grant.currency), language)

    def paragraph(text: str, size: float = 10, font: str = REGULAR) -> Line:
        return ([text], size, font, None)

    def row(cells: list[str], widths: list[float], font: str = REGULAR) -> Line:
        return (cells, 9, font, widths)

    library = grant.library
    lines: list[Line] = [
        paragraph(str(localized(grant.programme, "name")), 12, BOLD),
        paragraph(
            _("Grant agreement No. %(reference)s") % {"reference": grant.reference}, 15, BOLD
        ),
        paragraph(
            _("Between %(implementer)s (the programme) and %(library)s (the library).")
            % {"implementer": implementer_name(grant), "library": library.display_name}
        ),
    ]
    details = [
        library.address,
        library.registry_code and _("registry code %(code)s") % {"code": library.registry_code},
    ]
    if any(details):
        lines.append(paragraph(", ".join(d for d in details if d), 9))
    lines += [
        paragraph(_("1. The project"), 11, BOLD),
        paragraph(
            _("%(reference)s “%(title)s”") % {"reference": grant.reference, "title": grant.title}
        ),
    ]
    if grant.summary:
        lines.append(paragraph(grant.summary, 9))
    lines += [
        paragraph(
            _("The project runs from %(start)s to %(end)s.")
            % {
                "start": format_date(grant.planned_start, language),
                "end": format_date(grant.current_end, language),
            }
        ),
        paragraph(_("2. The grant"), 11, BOLD),
        paragraph(
            _("The programme grants the library %(amount)s for the approved budget below.")
            % {"amount": money(grant.awarded_amount)}
        ),
    ]
    budget_widths = [0.55, 0.225, 0.225]
    lines.append(row([_("Budget line"), _("Grant"), _("Co-financing")], budget_widths, BOLD))
    for line in grant.budget_lines.all():
        lines.append(
            row(
                [line.description, money(line.current_amount), money(line.co_financing)],
                budget_widths,
            )
        )
    lines.append(paragraph(_("3. Payments"), 11, BOLD))
    tranche_widths = [0.1, 0.5, 0.15, 0.25]
    lines.append(row(["#", _("When"), "%", _("Amount")], tranche_widths, BOLD))
    for tranche in grant.tranches.all():
        lines.append(
            row(
                [
                    str(tranche.position),
                    str(tranche.get_condition_display()),
                    f"{tranche.share.normalize():f}",
                    money(tranche.amount),
                ],
                tranche_widths,
            )
        )
    lines.append(paragraph(_("4. Reports"), 11, BOLD))
    for report in grant.reports.all():
        lines.append(
            paragraph(
                _("%(report)s: due %(date)s.")
                % {
                    "report": report.label.capitalize(),
                    "date": format_date(report.due_on, language),
                }
            )
        )
    lines.append(
        paragraph(
            _(
                "A payment that depends on a report is made once programme staff approve the "
                "report. Money may be moved between budget lines by up to 10 per cent of a line "
                "without asking; larger changes and later end dates need an amendment."
            ),
            9,
        )
    )
    lines.append(paragraph(_("5. Indicator targets"), 11, BOLD))
    target_widths = [0.6, 0.2, 0.2]
    lines.append(row([_("Indicator"), _("Target"), _("Unit")], target_widths, BOLD))
    for target in grant.targets.select_related("indicator"):
        indicator = target.indicator
        lines.append(
            row(
                [
                    str(localized(indicator, "name", language)),
                    f"{target.target.normalize():f}",
                    str(localized(indicator, "unit", language)),
                ],
                target_widths,
            )
        )
    lines += [
        paragraph(_("6. Signatures"), 11, BOLD),
        paragraph(
            _("For the programme:") + " ______________________    " + _("Date:") + " ________"
        ),
        paragraph(_("For the library:") + " ______________________    " + _("Date:") + " ________"),
    ]
    return lines


def draw_lines(canvas: Canvas, lines: list[Line]) -> None:
    y = A4[1] - MARGIN
    for cells, size, font, widths in lines:
        needed = size * 3
        if y - needed < BOTTOM:
            canvas.showPage()
            y = A4[1] - MARGIN
        if widths is None:
            y = draw_wrapped(canvas, cells[0], x=MARGIN, y=y, width=WIDTH, size=size, font=font)
            y -= size * 0.5
            continue
        x, lowest = MARGIN, y
        for cell, share in zip(cells, widths, strict=True):
            bottom = draw_wrapped(
                canvas, cell, x=x, y=y, width=WIDTH * share - 4, size=size, font=font
            )
            lowest = min(lowest, bottom)
            x += WIDTH * share
        y = lowest - 2


def agreement_pdf(grant: Grant) -> bytes:
    """The agreement in Lithuanian, then in English on its own pages."""
    texts = []
    for language in LANGUAGES:
        with translation.override(language):
            texts.append(agreement_lines(grant, language))
        title = f"{grant.reference}"

    def draw(canvas: Canvas) -> None:
        for index, lines in enumerate(texts):
            if index:
                canvas.showPage()
            draw_lines(canvas, lines)

    return pdf_bytes(draw, title=title)


__all__ = ["agreement_lines", "agreement_pdf"]
