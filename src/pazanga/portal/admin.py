from django.contrib import admin

from pazanga.portal.models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title_lt", "published_at", "is_published", "is_demo"]
    list_filter = ["is_published", "is_demo"]
    search_fields = ["title_lt", "title_en"]
