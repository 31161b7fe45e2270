"""The one formatter: money, numbers, percentages, dates and date-times in both languages,
and the Lithuanian alphabetical order of names.

Templates use it through the `pazanga` template filters (`money`, `number`, `percent`,
`day`, `moment`); e-mails, PDFs and exports call these functions. Each takes the language
to write in (the active one when not given) and reads Django's formats for it
(`config/formats/<language>/formats.py`): "12 500,00 EUR", "10,7 %" and
"2014 m. vasario 25 d." in Lithuanian; "12,500.00 EUR", "10.7%" and "25 February 2014" in
English.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.forms.models import ModelChoiceField, ModelChoiceIterator
from django.utils import formats, timezone, translation

from pazanga.common.money import Money, format_money

Number = Decimal | int | float


def _language(language: str | None) -> str:
    return (language or translation.get_language() or "lt")[:2]


def money(
    value: Money | Number | str | None, currency: str = "EUR", language: str | None = None
) -> str:
    """An amount with its currency: a Money, or a bare amount (a number, or the text a
    snapshot stored, "7632.00") and its currency code."""
    if value is None or value == "":
        return ""
    if not isinstance(value, Money):
        value = Money(value if isinstance(value, Decimal | int) else Decimal(str(value)), currency)
    return format_money(value, _language(language))


def number(value: Number | None, decimals: int = 0, language: str | None = None) -> str:
    """A number with the language's grouping and decimal mark ("1 293", "3,5")."""
    if value is None or value == "":
        return ""
    with translation.override(_language(language)):
        return formats.number_format(value, decimals, use_l10n=True, force_grouping=True)


def percent(value: Number | None, decimals: int = 1, language: str | None = None) -> str:
    """A percentage: "10,7 %" in Lithuanian (a no-break space before the sign), "10.7%"."""
    if value is None or value == "":
        return ""
    shown = number(value, decimals, language)
    return f"{shown}\u00a0%" if _language(language) == "lt" else f"{shown}%"


def day(value: date | datetime | None, language: str | None = None) -> str:
    """A date as people write it: "2014 m. vasario 25 d.", "25 February 2014"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    with translation.override(_language(language)):
        return formats.date_format(value, "DATE_FORMAT")


def moment(value: datetime | None, language: str | None = None) -> str:
    """A date and time in Vilnius: "2014 m. vasario 25 d., 09:00", "25 February 2014, 09:00"."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    with translation.override(_language(language)):
        return formats.date_format(value, "DATETIME_FORMAT")


# The Lithuanian alphabet; "y" sorts with the i's, and letters outside it keep their place
# after the letter they are written with (q after p, w and x after v).
ALPHABET = "aąbcčdeęėfghiįyjklmnopqrsštuųūvwxzž"
ORDER = {letter: index for index, letter in enumerate(ALPHABET)}


def sort_key(text: Any) -> tuple[int, ...]:
    """A key that sorts names in Lithuanian alphabetical order ("Šiaulių" after "Panevėžio",
    not after "Zarasų" as code points would). Spaces and digits come before letters."""
    return tuple(
        ORDER.get(char, 100 + ord(char) if char.isalpha() else ord(char) - 0x110000)
        for char in str(text).lower()
    )


def sorted_lt(items: Any, key: Any = str) -> list[Any]:
    """`items` in Lithuanian alphabetical order of `key(item)`."""
    return sorted(items, key=lambda item: sort_key(key(item)))


class LithuanianOrderIterator(ModelChoiceIterator):
    """A select's options in Lithuanian alphabetical order of their labels."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for item in sorted_lt(self.queryset, key=self.field.label_from_instance):
            yield self.choice(item)


class LithuanianOrderChoiceField(ModelChoiceField):
    """A ModelChoiceField whose options are in Lithuanian alphabetical order."""

    iterator = LithuanianOrderIterator
