from django.urls import path

from pazanga.projects.views import grants, reports

app_name = "projects"
urlpatterns = [
    path("grants/<int:pk>/", grants.grant_detail, name="grant"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
    path("<int:pk>/", grants.grant_detail, name="public_detail"),
]
