"""A researcher's path through the screens: upload a research firm's .sav for a new wave,
map its columns, give the margins, weight it, and read the urban-rural gap and its change
since the baseline, in both languages."""

import tempfile
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from django.urls import reverse

from pazanga.impact.models import Contrast, Dataset, Wave
from pazanga.impact.services.weighting import weight_wave
from pazanga.impact.tests.factories import (
    IndicatorFactory,
    WaveFactory,
    small_columns,
    with_data,
    with_margins,
)

pytestmark = pytest.mark.django_db


def sav_file() -> bytes:
    columns = small_columns(offline_every=2)
    frame = pd.DataFrame(
        {
            "ID": columns["respondent"],
            "STRAT": columns["stratum"],
            "PSU": columns["psu"],
            "WGT": columns["base_weight"],
            "urban_rural": columns["urban_rural"],
            "sex": columns["sex"],
            "internet_last_use": columns["internet_last_use"],
        }
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pop2016.sav"
        pyreadstat.write_sav(
            frame,
            str(path),
            variable_value_labels={"internet_last_use": {1: "Per 3 mėn.", 4: "Niekada"}},
        )
        return path.read_bytes()


@pytest.fixture
def baseline(programme, django_capture_on_commit_callbacks):
    IndicatorFactory(programme=programme, code="offline", name_en="Offline in 3 months")
    wave = with_margins(with_data(WaveFactory(study__programme=programme, year=2014, min_n=5)))
    with django_capture_on_commit_callbacks(execute=True):
        weight_wave(wave, actor=None)
    return wave


def test_a_researcher_imports_maps_weights_and_reads_the_gap(
    client_of, researcher, baseline, django_capture_on_commit_callbacks
):
    client = client_of(researcher)
    wave = WaveFactory(study=baseline.study, year=2016, min_n=5, code="POP-2016X")
    upload = client.post(
        reverse("impact:upload", args=[wave.pk]),
        {"file": _named(sav_file(), "pop2016.sav")},
    )
    assert upload.status_code == 302
    page = client.get(reverse("impact:mapping", args=[wave.pk])).content.decode()
    assert "STRAT" in page and "Per 3" not in page  # the first rows show codes
    mapping = {
        "role_respondent": "ID",
        "role_stratum": "STRAT",
        "role_psu": "PSU",
        "role_base_weight": "WGT",
        "role_urban_rural": "urban_rural",
        "role_sex": "sex",
        "questions": ["internet_last_use"],
    }
    assert client.post(reverse("impact:mapping", args=[wave.pk]), mapping).status_code == 302
    dataset = Dataset.objects.get(wave=wave)
    assert dataset.rows == 40 and dataset.value_labels["internet_last_use"]["4"] == "Niekada"
    margins = "\n".join(
        f"{v}, {c}, {p}, Lietuvos statistikos departamentas, 2016"
        for v, c, p in (
            ("sex", "female", 4400),
            ("sex", "male", 3600),
            ("urban_rural", "urban", 4800),
            ("urban_rural", "rural", 3200),
        )
    )
    saved = client.post(reverse("impact:targets", args=[wave.pk]), {"rows": margins})
    assert saved.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("impact:weight", args=[wave.pk]))
    wave.refresh_from_db()
    assert wave.status == "weighted"
    gap = Contrast.objects.get(wave=wave, kind="gap", gap="urban_rural")
    change = Contrast.objects.get(
        wave=wave, base_wave=baseline, kind="gap_change", gap="urban_rural"
    )
    for language, words in (("en", "urban − rural"), ("lt", "miestas − kaimas")):
        page = client.get(f"/{language}/impact/manage/waves/{wave.pk}/results/").content.decode()
        assert words in page
        assert f"{100 * gap.estimate:.1f}".replace(".", "," if language == "lt" else ".") in page
        change_text = f"{abs(100 * change.estimate):.1f}"
        assert change_text.replace(".", "," if language == "lt" else ".") in page


def test_a_bad_file_keeps_the_mapping_and_names_the_problem(client_of, researcher, baseline):
    client = client_of(researcher)
    wave = WaveFactory(study=baseline.study, year=2016)
    client.post(reverse("impact:upload", args=[wave.pk]), {"file": _named(sav_file(), "x.sav")})
    mapping = {
        "role_respondent": "ID",
        "role_psu": "PSU",
        "role_base_weight": "WGT",
        "questions": ["internet_last_use"],
    }
    response = client.post(f"/en/impact/manage/waves/{wave.pk}/import/columns/", mapping)
    page = response.content.decode()
    assert response.status_code == 200
    assert "x.sav: no column is mapped to “stratum”." in page
    assert 'value="PSU" selected' in page
    assert not Wave.objects.get(pk=wave.pk).datasets.exists()


def test_an_upload_that_is_not_data(client_of, researcher, baseline):
    client = client_of(researcher)
    response = client.post(
        f"/en/impact/manage/waves/{baseline.pk}/import/",
        {"file": _named(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "data.csv")},
    )
    assert response.status_code == 200
    assert "errors" in response.content.decode() or "error" in response.content.decode()


def _named(content: bytes, name: str):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
