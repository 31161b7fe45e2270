"""Money: a Decimal amount with its ISO 4217 currency, and conversion to euro.

Lithuania pegged the litas to the euro at 3.45280 and made that rate irrevocable when it
adopted the euro on 2015-01-01, so LTL converts at that fixed rate on every date. Other
currencies convert at the latest rate on or before the date, from the ExchangeRate table.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

LTL_PER_EUR = Decimal("3.45280")
EURO_CHANGEOVER = date(2015, 1, 1)
CENT = Decimal("0.01")


class Currency(models.TextChoices):
    EUR = "EUR", _("euro")
    LTL = "LTL", _("litas")
    USD = "USD", _("US dollar")


class MissingRateError(LookupError):
    """No exchange rate is known for the currency on or before the date."""


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if isinstance(self.amount, float) or not isinstance(self.amount, Decimal | int):
            raise TypeError("Money amounts are Decimal, never float.")
        object.__setattr__(self, "amount", Decimal(self.amount))
        if self.currency not in Currency.values:
            raise ValueError(f"Unknown currency {self.currency!r}.")

    def __add__(self, other: "Money") -> "Money":
        if other.currency != self.currency:
            raise ValueError(f"Cannot add {other.currency} to {self.currency}.")
        return Money(self.amount + other.amount, self.currency)

    def __str__(self) -> str:
        return format_money(self)


def format_money(money: Money, language: str | None = None) -> str:
    """ "12\u00a0500\u00a0000,00 LTL" in Lithuanian, "12,500,000.00 LTL" in English."""
    from django.utils import formats, translation

    with translation.override(language or translation.get_language()):
        amount = formats.number_format(money.amount, 2, use_l10n=True, force_grouping=True)
    return f"{amount}\u00a0{money.currency}"


def eur_per_unit(currency: str, on: date) -> Decimal:
    """How many euro one unit of `currency` was worth on `on`."""
    if currency == Currency.EUR:
        return Decimal(1)
    if currency == Currency.LTL:
        return Decimal(1) / LTL_PER_EUR
    from pazanga.common.models import ExchangeRate

    rate = (
        ExchangeRate.objects.filter(currency=currency, valid_from__lte=on)
        .order_by("-valid_from")
        .values_list("eur_per_unit", flat=True)
        .first()
    )
    if rate is None:
        raise MissingRateError(f"No {currency} rate on or before {on.isoformat()}.")
    return rate


def to_eur(money: Money, on: date) -> Money:
    """The euro equivalent of `money` on `on`, rounded to the cent."""
    if money.currency == Currency.EUR:
        return money
    if money.currency == Currency.LTL:
        amount = money.amount / LTL_PER_EUR
    else:
        amount = money.amount * eur_per_unit(money.currency, on)
    return Money(amount.quantize(CENT, rounding=ROUND_HALF_UP), Currency.EUR)
