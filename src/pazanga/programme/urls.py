from django.urls import path

from pazanga.programme import views

app_name = "programme"
urlpatterns = [
    path("people/pending/", views.pending_assignment_list, name="pending_assignments"),
    path(
        "people/<int:pk>/<slug:decision>/",
        views.decide_assignment,
        name="decide_assignment",
    ),
]
