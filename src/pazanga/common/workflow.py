"""The workflow core: how every status in the platform changes, written once.

Each app's `workflow.py` keeps its literal `TRANSITIONS` table (status -> the statuses it may
move to), a docstring listing every side effect, and a `Workflow` subclass holding only its
own hooks. `Workflow.transition(obj, to, actor=..., note=...)` then, in one transaction:

1. locks the row (`lock`; an app may lock a parent row first, as events lock the event for
   its seats),
2. checks the table: a move it does not list raises `TransitionNotAllowed` (a conflict,
   usually a second click or a page out of date; never a 403),
3. runs the app's `check` (further refusals, e.g. no seat left),
4. stores the new status with the fields the app's `apply` stamps (times, expiry),
5. writes the audit entry `<action>.<to>` with the previous status and the note,
6. runs the app's `after` hook: further moves in the same transaction and side effects
   queued with `pazanga.common.tasks.run_later` (ids, after commit).

`make lint` refuses a status assigned anywhere else (`pazanga.common.lint`).
"""

from collections.abc import Collection, Mapping
from typing import Any, ClassVar, Generic, TypeVar

from django.db import models, transaction

from pazanga.common.audit import log_action
from pazanga.common.refusals import TransitionNotAllowed

M = TypeVar("M", bound=models.Model)


def check_table(table: Mapping[str, Collection[str]], statuses: Collection[str]) -> list[str]:
    """Problems of a transition table: every status has a row, every target is a status."""
    problems = [f"no row for {status!r}" for status in statuses if status not in table]
    problems += [
        f"{start!r} -> unknown {end!r}"
        for start, ends in table.items()
        for end in ends
        if end not in statuses
    ]
    problems += [f"unknown row {start!r}" for start in table if start not in statuses]
    return problems


class Workflow(Generic[M]):
    """One status field's moves. Subclasses set the class attributes and override hooks."""

    model: ClassVar[type[models.Model]]
    transitions: ClassVar[Mapping[str, Collection[str]]]
    statuses: ClassVar[type[models.TextChoices]]
    action: ClassVar[str]  # the audit prefix, e.g. "grants.application"
    field: ClassVar[str] = "status"

    # --- the one sequence ----------------------------------------------------------------

    def transition(self, obj: M, to: str, *, actor: Any, note: str = "", **context: Any) -> M:
        """Move `obj` to status `to`; see the module docstring for the steps."""
        with transaction.atomic():
            locked = self.lock(obj)
            previous = self.current(locked)
            if to not in self.transitions[previous]:
                raise self.not_allowed(previous, to)
            self.check(locked, previous, to, **context)
            self.store(locked, to, self.apply(locked, previous, to, **context))
            log_action(
                self.audited(locked),
                f"{self.action}.{to}",
                actor=actor,
                data={"from": previous, "note": note, **self.audit_data(locked, previous, to)},
            )
            self.after(locked, previous, to, actor=actor, note=note, **context)
        self.refresh(obj)
        return obj

    def allows(self, obj: M, to: str) -> bool:
        """Whether the table lets `obj`, as loaded, move to `to` (for showing buttons)."""
        return to in self.transitions[self.current(obj)]

    def not_allowed(self, previous: str, to: str) -> TransitionNotAllowed:
        labels = dict(self.statuses.choices)
        return TransitionNotAllowed(
            current=previous,
            target=to,
            current_label=str(labels.get(previous, previous)),
            target_label=str(labels.get(to, to)),
        )

    # --- hooks (defaults suit a plain status column) --------------------------------------

    def lock(self, obj: M) -> M:
        """The row, locked for the rest of the transaction."""
        locked: M = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        return locked

    def current(self, locked: M) -> str:
        return str(getattr(locked, self.field))

    def check(self, locked: M, previous: str, to: str, **context: Any) -> None:
        """Raise a Refusal when a move the table allows is refused by another rule."""

    def apply(self, locked: M, previous: str, to: str, **context: Any) -> list[str]:
        """Set fields that change with the status; return their names (saved together)."""
        return []

    def store(self, locked: M, to: str, fields: list[str]) -> None:
        setattr(locked, self.field, to)
        locked.save(update_fields=[self.field, *fields])

    def audited(self, locked: M) -> models.Model:
        """The object the audit entry is about."""
        return locked

    def audit_data(self, locked: M, previous: str, to: str) -> dict[str, Any]:
        return {}

    def after(
        self, locked: M, previous: str, to: str, *, actor: Any, note: str, **context: Any
    ) -> None:
        """Further moves in the same transaction; side effects through run_later (ids)."""

    def refresh(self, obj: M) -> None:
        obj.refresh_from_db()
