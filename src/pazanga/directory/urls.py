from django.urls import path

from pazanga.directory import views

app_name = "directory"
urlpatterns = [
    path("libraries/", views.organisation_list, name="organisation_list"),
    path("libraries/<int:pk>/", views.organisation_detail, name="organisation"),
    path("municipalities/", views.municipality_list, name="municipality_list"),
    path("account/profile/", views.profile, name="profile"),
]
