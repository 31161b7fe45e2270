from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import OperationalError
from django.template import Context, Template
from django.utils import translation

from pazanga.common.audit import log_action, timeline
from pazanga.common.i18n import format_date
from pazanga.common.models import ExchangeRate
from pazanga.common.text import search_key


def test_it_writes_lithuanian_dates_as_people_do():
    assert format_date(date(2014, 2, 25), "lt") == "2014 m. vasario 25 d."
    assert format_date(date(2016, 12, 8), "lt") == "2016 m. gruodžio 8 d."
    assert format_date(date(2014, 2, 25), "en") == "25 February 2014"


def test_it_takes_the_vilnius_day_of_an_aware_datetime():
    # 23:30 UTC on 24 February is already 25 February in Vilnius.
    late = datetime(2014, 2, 24, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert format_date(late, "lt") == "2014 m. vasario 25 d."


def test_templates_format_dates_the_same_way():
    with translation.override("lt"):
        rendered = Template('{{ day|date:"DATE_FORMAT" }}').render(
            Context({"day": date(2014, 2, 25)})
        )
    assert rendered == "2014 m. vasario 25 d."


def test_search_keys_ignore_case_and_lithuanian_diacritics():
    assert search_key("Šiaulių ĄŽUOLŲ") == "siauliu azuolu"
    assert search_key("  Kėdainių  ") == "kedainiu"


@pytest.mark.django_db
def test_it_keeps_an_audit_timeline_per_object(django_user_model):
    staff_member = django_user_model.objects.create_user("rasa@lnb.example")
    rate = ExchangeRate.objects.create(currency="USD", valid_from=date(2014, 1, 1), eur_per_unit=1)
    other_rate = ExchangeRate.objects.create(
        currency="USD", valid_from=date(2015, 1, 1), eur_per_unit=1
    )
    log_action(rate, "common.rate.checked", actor=staff_member, data={"n": 1})
    log_action(rate, "common.rate.corrected", actor=staff_member)
    log_action(other_rate, "common.rate.checked")
    entries = list(timeline(rate))
    assert [e.action for e in entries] == ["common.rate.corrected", "common.rate.checked"]
    assert entries[1].data == {"n": 1}
    assert entries[0].actor == staff_member


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"]["status"] == "ok"


@pytest.mark.django_db
def test_healthz_says_503_when_the_database_is_down(client):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == {
        "status": "error",
        "vendor": response.json()["database"]["vendor"],
        "error": "connection refused",
    }


def test_an_enum_value_is_shown_as_its_label_in_the_pages_language():
    page = Template(
        '{% load pazanga %}{{ role|label:"grants.PartnerRole" }}'
        ' / {{ themes|label:"grants.Theme" }}'
        ' / {{ gone|label:"grants.Theme" }}'
    )
    values = {"role": "co_funder", "themes": ["seniors", "culture"], "gone": "retired_theme"}
    with translation.override("en"):
        english = page.render(Context(values))
    assert "co_funder" not in english and "seniors" not in english
    assert english.endswith(" / retired_theme")
    with translation.override("lt"):
        assert page.render(Context(values)) != english


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("lt", ["200\xa0000,00\xa0EUR", "10,7\xa0%", "1\xa0293", "2014 m. vasario 25 d.", "09:00"]),
        ("en", ["200,000.00\xa0EUR", "10.7%", "1,293", "25 February 2014", ", 09:00"]),
    ],
)
def test_one_formatter_writes_money_numbers_and_dates_in_each_language(language, expected):
    from decimal import Decimal

    from pazanga.common import formats

    at = datetime(2014, 2, 25, 9, 0, tzinfo=ZoneInfo("Europe/Vilnius"))
    money, share, count, day, moment = expected
    assert formats.money(Decimal("200000"), "EUR", language) == money
    assert formats.money("200000.00", "EUR", language) == money  # as a snapshot stores it
    assert formats.percent(Decimal("10.7"), 1, language) == share
    assert formats.number(1293, 0, language) == count
    assert formats.day(at, language) == day
    assert formats.moment(at, language).startswith(day) and moment in formats.moment(at, language)


def test_names_sort_in_lithuanian_alphabetical_order():
    from pazanga.common.formats import sorted_lt

    counties = ["Šiaulių apskritis", "Zarasų", "Panevėžio apskritis", "Alytaus", "Sakių"]
    assert sorted_lt(counties) == [
        "Alytaus",
        "Panevėžio apskritis",
        "Sakių",
        "Šiaulių apskritis",
        "Zarasų",
    ]
