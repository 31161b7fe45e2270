from django import forms

from pazanga.portal.models import NewsItem


class NewsItemForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = [
            "title_lt",
            "title_en",
            "summary_lt",
            "summary_en",
            "body_lt",
            "body_en",
            "published_at",
            "is_published",
        ]
        widgets = {"published_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}
