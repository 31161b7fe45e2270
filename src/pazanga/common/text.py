"""Text helpers that behave the same on SQLite and PostgreSQL."""

import unicodedata


def search_key(text: str) -> str:
    """Lower-case text without diacritics, so "šiauliu" and "Šiaulių" find each other.

    SQLite folds only ASCII case in LIKE, so searchable names keep this key in a column
    and searches compare keys.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()
