"""Every impact page as each persona sees it, on the demo surveys."""

import pytest
from django.urls import reverse

from pazanga.impact.models import Indicator, Wave

pytestmark = pytest.mark.django_db


def test_it_shows_the_public_results_in_both_languages(client, population_waves):
    for language, words in (("lt", "Nesinaudojo internetu"), ("en", "Did not use the internet")):
        response = client.get(f"/{language}/impact/")
        assert response.status_code == 200
        page = response.content.decode()
        assert words in page
        assert "<svg" in page
        assert "internet_nonuse_3m" not in page


def test_it_shows_an_indicator_with_its_gaps(client, population_waves):
    indicator = Indicator.objects.get(code="internet_nonuse_3m")
    response = client.get(f"/en/impact/indicators/{indicator.pk}/")
    page = response.content.decode()
    assert "urban − rural" in page
    assert "difference in differences" in page
    assert "By county" in page


def test_staff_pages_open_for_a_researcher(client_of, researcher, population_waves):
    client = client_of(researcher)
    wave = Wave.objects.get(code="POP-2014")
    for name, args in (
        ("impact:home", []),
        ("impact:wave", [wave.pk]),
        ("impact:results", [wave.pk]),
        ("impact:indicators", []),
        ("impact:planner", []),
        ("impact:compare", []),
        ("impact:study", [wave.study_id]),
        ("impact:upload", [wave.pk]),
        ("impact:targets", [wave.pk]),
        ("impact:wave_edit", [wave.pk]),
    ):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
    page = client.get(f"/lt/impact/manage/waves/{wave.pk}/").content.decode()
    assert "moterys" in page and "amžiaus grupė" in page
    assert ">female<" not in page and ">16-29<" not in page
    for kind in ("csv", "xlsx"):
        assert client.get(reverse("impact:estimates", args=[wave.pk, kind])).status_code == 200
    assert client.get(reverse("impact:microdata", args=[wave.pk, "csv"])).status_code == 200
    assert client.get(reverse("impact:annex", args=[wave.pk])).content.startswith(b"%PDF")
