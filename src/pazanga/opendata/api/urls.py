from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from pazanga.opendata.api import views

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("events/", views.EventList.as_view(), name="events"),
    path("events/<str:pk>/", views.EventDetail.as_view(), name="event"),
    path("training-sessions/", views.SessionList.as_view(), name="sessions"),
    path("training-sessions/<str:pk>/", views.SessionDetail.as_view(), name="session"),
    path("libraries/", views.LibraryList.as_view(), name="libraries"),
    path("libraries/<str:pk>/", views.LibraryDetail.as_view(), name="library"),
    path("calls/", views.CallList.as_view(), name="calls"),
    path("calls/<str:pk>/", views.CallDetail.as_view(), name="call"),
    path("grants/", views.GrantList.as_view(), name="grants"),
    path("grants/<str:pk>/", views.GrantDetail.as_view(), name="grant"),
    path("indicators/", views.IndicatorList.as_view(), name="indicators"),
]
