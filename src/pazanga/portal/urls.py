from django.urls import path

from pazanga.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("programme/", views.programme_detail, name="programme"),
    path("programme/<slug:code>/", views.programme_detail, name="programme_by_code"),
    path("news/", views.news_list, name="news_list"),
    path("news/new/", views.news_edit, name="news_create"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("news/<int:pk>/edit/", views.news_edit, name="news_edit"),
    path("news/<int:pk>/delete/", views.news_delete, name="news_delete"),
    path("my/", views.dashboard, name="dashboard"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
