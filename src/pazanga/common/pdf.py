"""PDF documents with Lithuanian letters: badges, certificates, award letters.

ReportLab's built-in fonts lack ą č ę ė į š ų ū ž, so every document uses the vendored
DejaVu Sans (fonts/, licence in fonts/LICENSE-DejaVu.txt). `pdf_bytes(draw)` gives the
bytes of a document drawn page by page on a ReportLab canvas.
"""

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


@cache
def register_fonts() -> None:
    """Make REGULAR and BOLD available to ReportLab (once per process)."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)


def pdf_bytes(
    draw: Callable[[Canvas], None],
    *,
    pagesize: tuple[float, float] = A4,
    title: str = "",
    author: str = "",
) -> bytes:
    """The PDF that `draw(canvas)` paints; `draw` calls canvas.showPage() between pages."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=pagesize, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    draw(canvas)
    canvas.save()
    return buffer.getvalue()


def draw_wrapped(
    canvas: Canvas,
    text: str,
    *,
    x: float,
    y: float,
    width: float,
    size: float,
    font: str = REGULAR,
    centred: bool = False,
    leading: float | None = None,
) -> float:
    """Draw `text` wrapped to `width` from the baseline `y` down; returns the next free y."""
    leading = leading or size * 1.25
    canvas.setFont(font, size)
    for line in simpleSplit(text, font, size, width):
        if centred:
            canvas.drawCentredString(x + width / 2, y, line)
        else:
            canvas.drawString(x, y, line)
        y -= leading
    return y


def draw_png(canvas: Canvas, png: bytes, *, x: float, y: float, size: float) -> None:
    """Draw a PNG image (a QR code, a logo) as a `size` × `size` square at (x, y)."""
    canvas.drawImage(ImageReader(io.BytesIO(png)), x, y, width=size, height=size, mask="auto")
