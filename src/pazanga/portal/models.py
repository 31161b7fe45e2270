from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pazanga.common.i18n import Translated


class NewsItemQuerySet(models.QuerySet["NewsItem"]):
    def published(self) -> "NewsItemQuerySet":
        return self.filter(is_published=True, published_at__lte=timezone.now())


class NewsItem(models.Model):
    title_lt = models.CharField(_("title (Lithuanian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_lt = models.TextField(_("summary (Lithuanian)"), max_length=500, blank=True)
    summary_en = models.TextField(_("summary (English)"), max_length=500, blank=True)
    body_lt = models.TextField(_("text (Lithuanian)"))
    body_en = models.TextField(_("text (English)"), blank=True)
    published_at = models.DateTimeField(_("publication time"), default=timezone.now)
    is_published = models.BooleanField(_("published"), default=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    title = Translated()
    summary = Translated()
    body = Translated()

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("portal:news_detail", args=[self.pk])
