"""Exchange rates for currencies other than LTL and EUR (those two are fixed in money.py)."""

from datetime import date
from decimal import Decimal

from pazanga.common.models import ExchangeRate

RATES = [
    # ECB euro reference rate on 29 November 2013, when the programme's value was announced:
    # 1 EUR = 1.3611 USD.
    ("USD", date(2013, 11, 29), Decimal(1) / Decimal("1.3611"), "ECB reference rate 2013-11-29"),
]


def load() -> None:
    for currency, valid_from, eur_per_unit, source in RATES:
        ExchangeRate.objects.update_or_create(
            currency=currency,
            valid_from=valid_from,
            defaults={"eur_per_unit": eur_per_unit.quantize(Decimal("1e-10")), "source": source},
        )
