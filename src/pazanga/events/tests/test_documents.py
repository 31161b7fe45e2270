"""Badges and certificates: the text is in the PDF with its Lithuanian letters, and long
texts keep to their place on the badge."""

import shutil
import subprocess
from datetime import date

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from pazanga.common.pdf import BOLD, REGULAR, register_fonts
from pazanga.events.documents import (
    BADGE_TEXT_WIDTH,
    NAME_MAX_LINES,
    badges_pdf,
    broken_words,
    certificate_pdf,
    name_lines,
)
from pazanga.events.models import AudienceCategory, Certificate, Event, Registration

LONG_TITLE = (
    "Programos „Bibliotekos pažangai 2“ pristatymo konferencija savivaldybių ir "
    "centrinės valdžios atstovams, bibliotekininkams ir partneriams"
)


def pdf_text(content: bytes) -> str:
    """The PDF's text as pdftotext reads it (poppler-utils)."""
    command = [str(shutil.which("pdftotext")), "-enc", "UTF-8", "-", "-"]
    result = subprocess.run(command, input=content, capture_output=True, check=True)  # noqa: S603 (a fixed command on our own bytes)
    return result.stdout.decode()


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def registration(first_name: str, last_name: str, organisation: str = "") -> Registration:
    event = Event(slug="pristatymas", title_lt=LONG_TITLE)
    category = AudienceCategory(event=event, code="libraries", name_lt="Bibliotekos")
    return Registration(
        pk=1,
        event=event,
        category=category,
        first_name=first_name,
        last_name=last_name,
        organisation_name=organisation,
    )


@needs_pdftotext
def test_a_certificate_holds_the_holders_name_with_lithuanian_letters():
    certificate = Certificate(
        serial="PZ-2014-000042",
        holder_name="Žydrūnė Ąžuolaitė-Čiurlionienė",
        title_lt="Dalyvio pažymėjimas",
        event_title_lt=LONG_TITLE,
        starts_on=date(2014, 2, 25),
        ends_on=date(2014, 2, 25),
        issued_on=date(2014, 3, 1),
    )
    text = pdf_text(certificate_pdf(certificate, "https://pazanga.example/v/abc/", "lt"))
    assert "Žydrūnė Ąžuolaitė-Čiurlionienė" in text
    assert "Dalyvio pažymėjimas" in text
    assert "2014 m. vasario 25 d." in text
    assert "PZ-2014-000042" in text


@needs_pdftotext
def test_a_badge_holds_the_name_organisation_and_category():
    person = registration("Ūla", "Šeškevičiūtė", "Kėdainių r. savivaldybės viešoji biblioteka")
    content = badges_pdf(person.event, [person], {1: "https://pazanga.example/c/x/"}, "lt")
    text = pdf_text(content)
    for expected in ("Ūla", "Šeškevičiūtė", "Kėdainių r. savivaldybės viešoji", "Bibliotekos"):
        assert expected in text


def test_a_word_too_long_for_a_line_breaks_after_a_hyphen_then_between_letters():
    register_fonts()
    width = 40 * 2.83
    lines = broken_words("Šimkūnas-Grigaliūnas-Petrauskas", BOLD, 16, width)
    assert lines[0].endswith("-")
    assert "".join(lines) == "Šimkūnas-Grigaliūnas-Petrauskas"
    assert all(stringWidth(line, BOLD, 16) <= width for line in lines)
    letters = broken_words("Ąžuolynų" * 6, REGULAR, 8, width)
    assert len(letters) > 1
    assert all(stringWidth(line, REGULAR, 8) <= width for line in letters)


@pytest.mark.parametrize(
    ("first", "last"),
    sorted(
        [
            ("Ona", "Čiužauskaitė"),
            ("Aleksandra Marija", "Žemaitytė-Kazlauskienė"),
            ("Kristupas Maksimilijonas Vydūnas", "Šimkūnas-Grigaliūnas-Petrauskas"),
            ("Vardenis " * 12, "Pavardenis " * 12),
        ]
    ),
)
def test_a_name_on_a_badge_always_fits_its_box(first, last):
    register_fonts()
    lines, size = name_lines(registration(first, last), BADGE_TEXT_WIDTH)
    assert 1 <= len(lines) <= NAME_MAX_LINES
    assert all(stringWidth(line, BOLD, size) <= BADGE_TEXT_WIDTH for line in lines)


def test_a_short_name_is_printed_large_and_whole():
    register_fonts()
    lines, size = name_lines(registration("Ona", "Čiužauskaitė"), BADGE_TEXT_WIDTH)
    assert (lines, size) == (["Ona", "Čiužauskaitė"], 16)
