"""Interviewers' keys for ODK Collect: issued, found, revoked."""

import hashlib
import secrets
from typing import Any

from django.utils import timezone

from pazanga.common.audit import log_action
from pazanga.programme.models import Programme
from pazanga.questionnaires.models import CollectToken


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_key(
    programme: Programme, *, label: str, person: Any = None, actor: Any = None
) -> tuple[CollectToken, str]:
    """A new key and its text (shown once; only its digest is kept).

    Side effects: creates a CollectToken; writes `questionnaires.collect_key.issued`.
    """
    key = secrets.token_urlsafe(32)
    token = CollectToken.objects.create(
        programme=programme, person=person, label=label, key_hash=digest(key), created_by=actor
    )
    log_action(token, "questionnaires.collect_key.issued", actor=actor, data={"label": label})
    return token, key


def revoke_key(token: CollectToken, *, actor: Any = None) -> CollectToken:
    """Stop the key working. Side effects: sets revoked_at; writes
    `questionnaires.collect_key.revoked`. Revoking twice changes nothing more."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action(token, "questionnaires.collect_key.revoked", actor=actor)
    return token


def active_key(key: str) -> CollectToken | None:
    """The token a key belongs to, if it exists and is not revoked."""
    if not key or len(key) > 100:  # noqa: PLR2004 (a key is 43 characters)
        return None
    return (
        CollectToken.objects.select_related("programme", "person")
        .filter(key_hash=digest(key), revoked_at__isnull=True)
        .first()
    )
