"""A person's request to be forgotten: their personal data anonymised, the records kept.

`erase_person(user, actor=...)` asks every app that has an `erasure` module, from the top
of the layers down to `directory` (which anonymises the account itself, last, so that the
apps above can still find what was registered under the person's e-mail address):

    def erase_person(person, now) -> dict[str, int]:   # what it anonymised, counted

Each app clears names, addresses and free personal text and keeps the rows (enrolments,
completions, roles, conflicts, applications, audit entries, decisions), so that counts,
coverage and the history of decisions do not change; rows that are evidence protect the
person's account from deletion (`on_delete=PROTECT`), which is why erasure, not deletion,
is the way out. All in one transaction, with the audit entry `directory.user.erased`.
"""

import importlib
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from pazanga.common.audit import log_action

ANONYMOUS_DOMAIN = "anonymised.invalid"  # .invalid can never be delivered to


def anonymised_email(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@{ANONYMOUS_DOMAIN}"


def erasure_modules() -> list[Any]:
    """The apps' erasure modules, from the top layer down (directory last)."""
    configs = [
        c
        for c in apps.get_app_configs()
        if c.name.startswith("pazanga.") and c.name != __name__.rsplit(".", 1)[0]
    ]
    return [
        importlib.import_module(f"{config.name}.erasure")
        for config in reversed(configs)
        if module_has_submodule(config.module, "erasure")
    ]


def erase_person(person: Any, *, actor: Any = None) -> dict[str, int]:
    """Anonymise `person` everywhere and keep their records; idempotent.

    Side effects: each app's `erasure.erase_person` (see the module docstring); the audit
    entry `directory.user.erased` on the person with the counts (never the old name).
    """
    now = timezone.now()
    counts: dict[str, int] = {}
    with transaction.atomic():
        for module in erasure_modules():
            counts.update(module.erase_person(person, now))
        log_action(person, "directory.user.erased", actor=actor, data=counts)
    return counts
