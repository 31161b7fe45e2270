"""Content languages as XLSForms name them: `English (en)`, `Français (fr)`, `Swahili`.

A form may be written in any number of languages. Each gets a short code: the code in
parentheses when there is one, else a known name's ISO 639-1 code, else a slug of the name.
The name as written is kept for display and for writing the form back.
"""

import re
import unicodedata

KNOWN_NAMES = {
    "lithuanian": "lt",
    "lietuvių": "lt",
    "lietuviu": "lt",
    "english": "en",
    "anglų": "en",
    "russian": "ru",
    "русский": "ru",
    "polish": "pl",
    "polski": "pl",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "portuguese": "pt",
    "português": "pt",
    "swahili": "sw",
    "kiswahili": "sw",
    "arabic": "ar",
    "العربية": "ar",
    "german": "de",
    "deutsch": "de",
    "latvian": "lv",
    "estonian": "et",
    "ukrainian": "uk",
    "belarusian": "be",
    "hindi": "hi",
    "bengali": "bn",
    "bangla": "bn",
    "urdu": "ur",
    "nepali": "ne",
    "amharic": "am",
    "hausa": "ha",
    "somali": "so",
    "chichewa": "ny",
    "luganda": "lg",
    "kinyarwanda": "rw",
    "indonesian": "id",
    "bahasa": "id",
    "vietnamese": "vi",
    "chinese": "zh",
    "italian": "it",
    "dutch": "nl",
    "turkish": "tr",
    "persian": "fa",
    "farsi": "fa",
    "pashto": "ps",
    "dari": "prs",
}
CODE_RE = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\)\s*$")
MAX_CODE_LENGTH = 20


def language_code(name: str) -> str:
    """The short code of a language named `name` in a column header or setting."""
    text = name.strip()
    match = CODE_RE.search(text)
    if match:
        return match.group(1).lower()
    lowered = text.lower()
    if re.fullmatch(r"[a-z]{2,3}", lowered):
        return lowered
    if lowered in KNOWN_NAMES:
        return KNOWN_NAMES[lowered]
    ascii_name = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:MAX_CODE_LENGTH]
    return slug or "x-" + str(sum(map(ord, lowered)) % 10000)


def display_name(code: str, written: str = "") -> str:
    """How a language is shown and written back: the form's own name, else a default one."""
    if written:
        return written
    return {"lt": "Lietuvių (lt)", "en": "English (en)"}.get(code, f"({code})")
