"""The internal codes that must never reach a page: enum values and audit actions.

`codes_on(page)` finds them in a page's visible text. Every `TextChoices` of our apps is
collected (statuses, themes, partner roles, budget categories, questionnaire kinds...);
values with an underscore (`co_funder`, `pre_test`) cannot be words of either language, so
any of them is a code; on a Lithuanian page a one-word value (`equipment`, `seniors`) is one
too; audit actions are dotted (`grants.application.submitted`).
"""

import re
from functools import cache
from importlib import import_module

from django.apps import apps
from django.db import models

from pazanga.portal.tests.test_lithuanian_pages import visible_text

ACTION = re.compile(r"\b[a-z]+\.[a-z_]+\.[a-z_]+\b")
WORD = re.compile(r"[\w.-]+")  # "training-feedback" is a questionnaire's name, not a code
# What people typed into a form, code shown as code, and quotations („survey“, a sheet's name).
NOT_INTERFACE = re.compile(r"<(textarea|code)\b.*?</\1>|„[^“]*“", re.S | re.I)


@cache
def internal_codes(*, words: bool = False) -> frozenset[str]:
    """Enum values with an underscore; with `words`, the one-word values too."""
    found = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("pazanga."):
            continue
        for module_name in ("enums", "money"):
            try:
                module = import_module(f"{config.name}.{module_name}")
            except ModuleNotFoundError:
                continue
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, models.TextChoices):
                    found.update(
                        code
                        for code in value.values
                        if "_" in code or (words and len(code) > 3 and code.islower())
                    )
    return frozenset(found)


def codes_on(page: str, *, lithuanian: bool = True) -> list[str]:
    text = visible_text(NOT_INTERFACE.sub(" ", page))
    codes = internal_codes(words=lithuanian)
    shown = {word for word in WORD.findall(text) if word in codes}
    shown |= {m for m in ACTION.findall(text) if not m.endswith((".lt", ".eu", ".org", ".com"))}
    return sorted(shown)
