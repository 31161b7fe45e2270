from datetime import date
from decimal import Decimal

import pytest

from pazanga.common.models import ExchangeRate
from pazanga.common.money import MissingRateError, Money, to_eur


def test_it_converts_litas_at_the_irrevocable_rate():
    assert to_eur(Money(Decimal("3.45280"), "LTL"), date(2015, 1, 1)) == Money(
        Decimal("1.00"), "EUR"
    )
    # 12.5 million litas is the 3.62 million euro the programme's Lithuanian page states.
    assert to_eur(Money(Decimal("12500000"), "LTL"), date(2013, 11, 1)).amount == Decimal(
        "3620250.23"
    )


def test_it_refuses_floats():
    with pytest.raises(TypeError):
        Money(1.5, "EUR")  # type: ignore[arg-type]


def test_it_refuses_adding_different_currencies():
    with pytest.raises(ValueError, match="Cannot add"):
        Money(Decimal(1), "EUR") + Money(Decimal(1), "LTL")


@pytest.mark.django_db
def test_it_uses_the_latest_dated_rate_for_other_currencies():
    ExchangeRate.objects.create(
        currency="USD", valid_from=date(2013, 1, 1), eur_per_unit=Decimal("0.8")
    )
    ExchangeRate.objects.create(
        currency="USD", valid_from=date(2014, 1, 1), eur_per_unit=Decimal("0.7")
    )
    assert to_eur(Money(Decimal("100"), "USD"), date(2013, 12, 31)).amount == Decimal("80.00")
    assert to_eur(Money(Decimal("100"), "USD"), date(2014, 6, 1)).amount == Decimal("70.00")
    with pytest.raises(MissingRateError):
        to_eur(Money(Decimal("100"), "USD"), date(2012, 6, 1))


def test_it_writes_amounts_as_each_language_does():
    from pazanga.common.money import format_money

    money = Money(Decimal("12500000"), "LTL")
    assert format_money(money, "lt") == "12\u00a0500\u00a0000,00\u00a0LTL"
    assert format_money(money, "en") == "12,500,000.00\u00a0LTL"
