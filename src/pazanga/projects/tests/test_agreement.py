"""The agreement PDF: Lithuanian then English, with everything the library signs for."""

import shutil
import subprocess

import pytest

from pazanga.projects.agreement import agreement_pdf
from pazanga.projects.tests.factories import with_targets

pytestmark = pytest.mark.django_db
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdf_text(content: bytes) -> str:
    command = [str(shutil.which("pdftotext")), "-enc", "UTF-8", "-", "-"]
    result = subprocess.run(command, input=content, capture_output=True, check=True)  # noqa: S603 (a fixed command on our own bytes)
    return " ".join(result.stdout.decode().split())


@needs_pdftotext
def test_the_agreement_lists_parties_money_payments_reports_and_targets(
    grant, client_of, librarian_a
):
    with_targets(grant, people_trained=120, events=12)
    response = client_of(librarian_a).get(f"/lt/projects/grants/{grant.pk}/agreement.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    lithuanian, english = text.split("Grant agreement No. BP2-2015-001")
    assert "Finansavimo sutartis Nr. BP2-2015-001" in lithuanian
    assert "Alytaus rajono savivaldybės viešoji biblioteka (biblioteka)" in lithuanian
    assert "Programa skiria bibliotekai 10 000,00 EUR" in lithuanian
    assert "Projektas vykdomas nuo 2015 m. birželio 1 d. iki 2016 m. gegužės 31 d." in lithuanian
    assert "Eilutė 1 6 000,00 EUR 500,00 EUR" in lithuanian
    assert "1 pasirašius sutartį 60 6 000,00 EUR" in lithuanian
    assert "Tarpinė ataskaita: pateikti iki 2015 m. gruodžio 30 d." in lithuanian
    assert "Apmokyti žmonės 120 žmonės" in lithuanian
    assert "The programme grants the library 10,000.00 EUR" in english
    assert "2 after the interim report is approved 30 3,000.00 EUR" in english
    assert "Final report: due 30 June 2016." in english
    assert "Projektas vykdomas nuo 2015 m. birželio 1 d. iki 2016 m. gegužės 31 d." in lithuanian
    assert "Events organised 12 events" in english


def test_another_librarys_staff_cannot_download_it(grant, client_of, librarian_b):
    assert (
        client_of(librarian_b).get(f"/lt/projects/grants/{grant.pk}/agreement.pdf").status_code
        == 404
    )


def test_the_pdf_is_made_for_a_grant_without_targets(grant):
    assert agreement_pdf(grant).startswith(b"%PDF-")


def test_the_agreement_text_in_both_languages(grant):
    from django.utils import translation

    from pazanga.projects.agreement import agreement_lines

    with_targets(grant, people_trained=120, events=12)
    texts = {}
    for language in ("lt", "en"):
        with translation.override(language):
            texts[language] = [
                " ".join(cells) for cells, *_rest in agreement_lines(grant, language)
            ]
    assert "Finansavimo sutartis Nr. BP2-2015-001" in texts["lt"]
    assert (
        "Programa skiria bibliotekai 10\u00a0000,00\u00a0EUR toliau nurodytam patvirtintam "
        "biudžetui." in texts["lt"]
    )
    assert "Eilutė 1 6\u00a0000,00\u00a0EUR 500,00\u00a0EUR" in texts["lt"]
    assert "1 pasirašius sutartį 60 6\u00a0000,00\u00a0EUR" in texts["lt"]
    assert "Tarpinė ataskaita: pateikti iki 2015 m. gruodžio 30 d." in texts["lt"]
    assert "Projektas vykdomas nuo 2015 m. birželio 1 d. iki 2016 m. gegužės 31 d." in texts["lt"]
    assert "BP2-2015-001 „Skaitmeninės dirbtuvės senjorams“" in texts["lt"]
    assert "BP2-2015-001 “Skaitmeninės dirbtuvės senjorams”" in texts["en"]
    assert "Apmokyti žmonės 120 žmonės" in texts["lt"]
    assert "Grant agreement No. BP2-2015-001" in texts["en"]
    assert "2 after the interim report is approved 30 3,000.00\u00a0EUR" in texts["en"]
    assert "Final report: due 30 June 2016." in texts["en"]
    assert "Events organised 12 events" in texts["en"]
