"""Who may open which portal page: news drafts and edits are programme staff's."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from pazanga.portal.models import NewsItem
from pazanga.programme.permissions import is_programme_staff, programme_staff_required

__all__ = ["news_for", "news_to_edit", "programme_staff_required", "visible_news"]


def visible_news(user: Any) -> QuerySet[NewsItem]:
    """Published news for everyone; unpublished and scheduled items too for programme staff."""
    return NewsItem.objects.all() if is_programme_staff(user) else NewsItem.objects.published()


def news_for(user: Any, pk: int) -> NewsItem:
    return get_object_or_404(visible_news(user), pk=pk)


def news_to_edit(pk: int) -> NewsItem:
    """A news item for programme staff to edit or delete (the role is the view's check)."""
    return get_object_or_404(NewsItem, pk=pk)
