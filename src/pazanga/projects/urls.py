from django.urls import path

from pazanga.projects.views import amendments, grants, public, reports, staff, visits

app_name = "projects"
urlpatterns = [
    path("", public.public_list, name="public_list"),
    path("<int:pk>/", public.public_detail, name="public_detail"),
    path("mine/", grants.mine, name="mine"),
    path("manage/", staff.portfolio, name="portfolio"),
    path("manage/results/", staff.rollup, name="rollup"),
    path("manage/payments/", staff.payments, name="payments"),
    path("manage/indicators/", staff.indicators, name="indicators"),
    path("manage/calls/<int:pk>/terms/", staff.call_terms, name="call_terms"),
    path("grants/<int:pk>/", grants.grant_detail, name="grant"),
    path("grants/<int:pk>/agreement.pdf", grants.agreement, name="agreement"),
    path("grants/<int:pk>/signed.pdf", grants.signed_copy, name="signed_copy"),
    path("grants/<int:pk>/targets/", grants.targets, name="targets"),
    path("grants/<int:pk>/sign/", grants.sign, name="sign"),
    path("grants/<int:pk>/status/", grants.grant_status, name="grant_status"),
    path("grants/<int:pk>/amendments/budget/", amendments.reallocation, name="reallocation"),
    path("grants/<int:pk>/amendments/end/", amendments.extension, name="extension"),
    path("grants/<int:pk>/visits/new/", visits.visit_new, name="visit_new"),
    path("tranches/<int:pk>/<slug:action>/", grants.tranche_action, name="tranche"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", reports.report_submit, name="report_submit"),
    path("reports/<int:pk>/review/", reports.report_review, name="report_review"),
    path("reports/<int:pk>/receipts/", reports.receipt_add, name="receipt_add"),
    path("receipts/<int:pk>/", reports.receipt, name="receipt"),
    path("receipts/<int:pk>/delete/", reports.receipt_delete, name="receipt_delete"),
    path("amendments/<int:pk>/decide/", amendments.decide, name="amendment_decide"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit"),
    path("visits/<int:pk>/photos/", visits.photo_add, name="photo_add"),
    path("photos/<int:pk>/", visits.photo, name="photo"),
    path("follow-ups/<int:pk>/done/", visits.follow_up_done, name="follow_up_done"),
]
