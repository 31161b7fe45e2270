from django.urls import path

from pazanga.grants.views import applicants, calls, process, reviewers

app_name = "grants"
urlpatterns = [
    path("", calls.call_list, name="calls"),
    path("awarded/", process.awarded, name="awarded"),
    path("calls/new/", calls.call_edit, name="call_new"),
    path("calls/<int:pk>/", calls.call_detail, name="call"),
    path("calls/<int:pk>/edit/", calls.call_edit, name="call_edit"),
    path("calls/<int:pk>/panel/", calls.call_panel, name="panel"),
    path("calls/<int:pk>/apply/", applicants.start_application, name="apply"),
    path("calls/<int:pk>/applications/", process.application_list, name="applications"),
    path("calls/<int:pk>/eligibility/", process.eligibility_queue, name="eligibility"),
    path("calls/<int:pk>/conflicts/", process.conflicts, name="conflicts"),
    path("calls/<int:pk>/assignment/", process.assignment, name="assignment"),
    path("calls/<int:pk>/ranking/", process.ranking, name="ranking"),
    path("calls/<int:pk>/decision/", process.decision, name="decision"),
    path("applications/", applicants.my_applications, name="mine"),
    path("applications/<int:pk>/", applicants.application_detail, name="application"),
    path("applications/<int:pk>/edit/", applicants.edit_application, name="edit"),
    path("applications/<int:pk>/rows/<str:prefix>/", applicants.add_row, name="add_row"),
    path("applications/<int:pk>/attachments/", applicants.upload_attachment, name="attach"),
    path(
        "applications/<int:pk>/attachments/<int:attachment_pk>/",
        applicants.download_attachment,
        name="attachment",
    ),
    path(
        "applications/<int:pk>/attachments/<int:attachment_pk>/delete/",
        applicants.delete_attachment,
        name="detach",
    ),
    path("applications/<int:pk>/submit/", applicants.submit_application, name="submit"),
    path("applications/<int:pk>/withdraw/", applicants.withdraw_application, name="withdraw"),
    path("applications/<int:pk>/letter.pdf", applicants.decision_letter, name="letter"),
    path(
        "applications/<int:pk>/eligibility/", process.decide_eligibility, name="decide_eligibility"
    ),
    path("applications/<int:pk>/reviewers/", process.add_reviewer, name="add_reviewer"),
    path("assignments/<int:pk>/remove/", process.remove_reviewer, name="remove_reviewer"),
    path("reviews/", reviewers.my_reviews, name="my_reviews"),
    path("reviews/<int:pk>/", reviewers.review, name="review"),
    path("reviews/<int:pk>/conflict/", reviewers.declare_conflict, name="declare_conflict"),
]
