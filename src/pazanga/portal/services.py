"""Writes of the portal: news items, each audited."""

from typing import Any

from django.db import transaction

from pazanga.common.audit import log_action
from pazanga.portal.models import NewsItem


def save_news(item: NewsItem, *, actor: Any) -> NewsItem:
    """Save a news item as edited. Side effects: the author is the first editor; audit
    entry `portal.news.saved`."""
    with transaction.atomic():
        if item.author_id is None:
            item.author = actor
        item.save()
        log_action(item, "portal.news.saved", actor=actor)
    return item


def delete_news(item: NewsItem, *, actor: Any) -> None:
    """Delete a news item. Side effect: audit entry `portal.news.deleted` with its title."""
    with transaction.atomic():
        log_action(item, "portal.news.deleted", actor=actor, data={"title": item.title_lt})
        item.delete()
