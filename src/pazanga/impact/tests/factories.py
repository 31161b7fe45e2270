"""Studies, waves and small datasets made the way the platform makes them."""

from typing import Any

import factory
from factory.django import DjangoModelFactory

from pazanga.impact.enums import StudyKind, WaveMode, WaveRound
from pazanga.impact.models import CalibrationTarget, Indicator, Study, Wave
from pazanga.impact.services import intake


class StudyFactory(DjangoModelFactory):
    class Meta:
        model = Study

    code = factory.Sequence(lambda n: f"study-{n}")
    kind = StudyKind.POPULATION
    name_lt = factory.Sequence(lambda n: f"Gyventojų apklausa {n}")
    name_en = factory.Sequence(lambda n: f"Population survey {n}")
    population_lt = "Lietuvos gyventojai nuo 16 iki 74 metų"
    population_en = "Residents of Lithuania aged 16 to 74"


class WaveFactory(DjangoModelFactory):
    class Meta:
        model = Wave

    study = factory.SubFactory(StudyFactory)
    code = factory.Sequence(lambda n: f"W-{n:03d}")
    round = WaveRound.BASELINE
    year = 2014
    mode = WaveMode.IMPORT


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"indicator_{n}")
    name_lt = factory.Sequence(lambda n: f"Rodiklis {n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    area = "digital_divide"
    numerator = "${internet_last_use} >= 2"


STRATA = ("LT-VL-urban", "LT-VL-rural", "LT-KU-urban", "LT-KU-rural")


def small_columns(n_per_psu: int = 5, offline_every: int = 3) -> dict[str, list[Any]]:
    """Four strata of two clusters each, `n_per_psu` people per cluster."""
    columns: dict[str, list[Any]] = {
        name: []
        for name in (
            "respondent",
            "stratum",
            "psu",
            "base_weight",
            "county",
            "urban_rural",
            "age_group",
            "sex",
            "education",
            "internet_last_use",
        )
    }
    number = 0
    for stratum in STRATA:
        for psu in (1, 2):
            for _ in range(n_per_psu):
                number += 1
                columns["respondent"].append(f"R{number:04d}")
                columns["stratum"].append(stratum)
                columns["psu"].append(f"{stratum}-{psu}")
                columns["base_weight"].append(100.0 + 10 * (number % 4))
                columns["county"].append(stratum[:5])
                columns["urban_rural"].append(stratum[6:])
                columns["age_group"].append(("16-29", "30-44", "45-59", "60-74")[number % 4])
                columns["sex"].append("female" if number % 2 else "male")
                columns["education"].append(("low", "medium", "high")[number % 3])
                columns["internet_last_use"].append(4 if number % offline_every == 0 else 1)
    return columns


def with_data(wave: Wave, columns: dict[str, list[Any]] | None = None) -> Wave:
    columns = columns or small_columns()
    intake.save_dataset(
        wave,
        columns,
        name="firm.csv",
        kind="csv",
        mapping={"roles": {}, "questions": ["internet_last_use"]},
        value_labels={},
        actor=None,
    )
    wave.refresh_from_db()
    return wave


def with_margins(wave: Wave, total: int = 8000) -> Wave:
    """Sex and urban/rural margins that add up to the same total."""
    rows = [
        ("sex", "female", total * 0.55),
        ("sex", "male", total * 0.45),
        ("urban_rural", "urban", total * 0.6),
        ("urban_rural", "rural", total * 0.4),
    ]
    CalibrationTarget.objects.bulk_create(
        CalibrationTarget(
            wave=wave,
            variable=v,
            category=c,
            population=round(p),
            source="Lietuvos statistikos departamentas",
            year=wave.year,
        )
        for v, c, p in rows
    )
    return wave
