"""Bilingual content: paired columns (`title_lt`, `title_en`) read in the active language."""

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils import translation

CONTENT_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


class Translated:
    """A read-only attribute giving `<name>_<language>` for the active language.

    Falls back to Lithuanian, the programme's first language, when the other is empty.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.base = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return localized(instance, self.base)


def localized(instance: Any, base: str, language: str | None = None) -> Any:
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    code = language.split("-")[0]
    value = getattr(instance, f"{base}_{code}", "") if code in CONTENT_LANGUAGES else ""
    return value or getattr(instance, f"{base}_{settings.LANGUAGE_CODE}")


def format_date(value: date | datetime, language: str) -> str:
    """A date as people write it in `language`: "2014 m. vasario 25 d." in Lithuanian
    (the one formatter's `day`)."""
    from pazanga.common.formats import day

    return day(value, language)
