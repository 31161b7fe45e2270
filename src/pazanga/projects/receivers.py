"""The one signal the projects app listens to: an application was awarded (decision 0060)."""

from typing import Any

from pazanga.grants.models import Application


def open_awarded_grant(
    sender: type, *, application: Application, actor: Any = None, **kwargs: Any
) -> None:
    """Open the grant in the transaction that awards the application (idempotent)."""
    from pazanga.projects.services import open_grant

    open_grant(application, actor=actor)
