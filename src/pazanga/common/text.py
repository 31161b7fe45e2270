"""Text helpers that behave the same on SQLite and PostgreSQL.

Search finds names by the forms people type: any case, with or without diacritics, any
Lithuanian case ending ("Vilnius" finds "Vilniaus", "Mažvydas" finds "Mažvydo"), English
names in English ("national"), and the start of a word. A searchable row keeps its words
in a `search_words` column (" word stem … ", folded and stemmed with the Snowball
stemmers for Lithuanian and English); a search asks for each typed word that one of its
forms starts a stored word. Decision 0006.
"""

import re
import threading
import unicodedata
from collections.abc import Iterable

import snowballstemmer

WORD = re.compile(r"\w+")
MOST_QUERY_WORDS = 8
_local = threading.local()


def search_key(text: str) -> str:
    """Lower-case text without diacritics, so "šiauliu" and "Šiaulių" find each other."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


def stemmer(language: str) -> snowballstemmer.stemmer:
    """The Snowball stemmer for "lithuanian" or "english" (one per thread: they keep state)."""
    found = getattr(_local, language, None)
    if found is None:
        found = snowballstemmer.stemmer(language)
        setattr(_local, language, found)
    return found


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def lithuanian_forms(word: str) -> set[str]:
    lithuanian = stemmer("lithuanian")
    return {
        search_key(word),
        search_key(lithuanian.stemWord(word)),
        lithuanian.stemWord(search_key(word)),
    }


def english_forms(word: str) -> set[str]:
    folded = search_key(word)
    return {folded, stemmer("english").stemWord(folded)}


def search_words(lithuanian: Iterable[str], english: Iterable[str] = ()) -> str:
    """The stored search column for texts in Lithuanian and in English."""
    tokens: set[str] = set()
    for text in lithuanian:
        for word in words(text):
            tokens |= lithuanian_forms(word)
    for text in english:
        for word in words(text):
            tokens |= english_forms(word)
    tokens.discard("")
    return " " + " ".join(sorted(tokens)) + " "


def query_forms(text: str) -> list[set[str]]:
    """For each typed word (at most eight), the forms any of which must start a stored word."""
    return [
        {form for form in lithuanian_forms(word) | english_forms(word) if form}
        for word in words(text)[:MOST_QUERY_WORDS]
    ]
