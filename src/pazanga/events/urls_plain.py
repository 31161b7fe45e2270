"""Addresses without a language prefix: calendar feeds and the QR check-in link."""

from django.urls import path

from pazanga.events.views import checkin, public

app_name = "events_plain"
urlpatterns = [
    path("feed.ics", public.calendar_feed, name="feed"),
    path("c/<str:code>/", checkin.scan_link, name="scan"),
]
