from django.urls import path

from pazanga.events.views import checkin, edit, manage, public

app_name = "events"
urlpatterns = [
    path("", public.event_list, name="list"),
    path("past/", public.past_events, name="past"),
    path("my/", public.my_registrations, name="my_registrations"),
    path("r/<str:token>/", public.my_registration, name="my_registration"),
    path("r/<str:token>/ics/", public.my_registration_ics, name="my_registration_ics"),
    path("r/<str:token>/qr.svg", public.my_registration_qr, name="my_registration_qr"),
    path("certificates/<str:token>/", public.verify_certificate, name="verify_certificate"),
    path("check-in/", checkin.check_in_events, name="check_in_events"),
    path("manage/", manage.event_admin_list, name="manage_list"),
    path("manage/new/", edit.event_create, name="create"),
    path("<slug:slug>/", public.event_detail, name="detail"),
    path("<slug:slug>/event.ics", public.event_ics_file, name="ics"),
    path("<slug:slug>/register/", public.register, name="register"),
    path("<slug:slug>/manage/", manage.dashboard, name="dashboard"),
    path("<slug:slug>/manage/edit/", edit.event_edit, name="edit"),
    path("<slug:slug>/manage/status/<str:to>/", manage.change_status, name="change_status"),
    path("<slug:slug>/manage/registrations/", manage.registration_list, name="registrations"),
    path("<slug:slug>/manage/registrations/export.<str:kind>", manage.export, name="export"),
    path(
        "<slug:slug>/manage/registrations/<int:pk>/",
        manage.registration_detail,
        name="registration",
    ),
    path("<slug:slug>/manage/registrations/<int:pk>/<str:to>/", manage.decide, name="decide"),
    path("<slug:slug>/manage/waiting-list/", manage.waiting_list, name="waiting_list"),
    path("<slug:slug>/manage/approvals/", manage.approvals, name="approvals"),
    path("<slug:slug>/manage/invitations/", manage.invitations, name="invitations"),
    path("<slug:slug>/manage/badges.pdf", manage.badges, name="badges"),
    path("<slug:slug>/manage/certificates/", manage.certificates, name="certificates"),
    path(
        "<slug:slug>/manage/certificates/<int:pk>.pdf",
        manage.certificate_file,
        name="certificate_pdf",
    ),
    path("<slug:slug>/manage/door-staff/", manage.door_staff, name="door_staff"),
    path("<slug:slug>/check-in/", checkin.check_in_page, name="check_in"),
    path("<slug:slug>/check-in/walk-in/", checkin.walk_in, name="walk_in"),
    path("<slug:slug>/attendance/", checkin.attendance, name="attendance"),
]
