from django.urls import path

from pazanga.training.views import participant, public, reports, staff, trainer

app_name = "training"
urlpatterns = [
    path("", public.calendar, name="calendar"),
    path("curriculum/", public.curriculum, name="curriculum"),
    path("sessions/<int:pk>/", public.session_detail, name="session"),
    path("sessions/<int:pk>/enrol/", participant.enrol, name="enrol"),
    path("enrolments/<int:pk>/", participant.enrolment_detail, name="enrolment"),
    path("enrolments/<int:pk>/<slug:instrument>/", participant.answer, name="answer"),
    path("enrolments/<int:pk>/<slug:instrument>/thanks/", participant.answered, name="answered"),
    path("record/", participant.my_record, name="my_record"),
    path("record/<int:pk>/", participant.person_record, name="record"),
    path("trainer/", trainer.my_sessions, name="trainer_sessions"),
    path("trainer/sessions/<int:pk>/attendance/", trainer.attendance, name="attendance"),
    path("manage/", staff.session_list, name="manage"),
    path("manage/plan/", staff.plan_session, name="plan"),
    path("manage/trainers/", staff.trainer_list, name="trainers"),
    path("manage/trainers/add/", staff.add_trainer, name="add_trainer"),
    path("manage/trainers/<int:pk>/", staff.edit_trainer, name="edit_trainer"),
    path("manage/approvals/", staff.approvals, name="approvals"),
    path("manage/sessions/<int:pk>/", staff.manage_session, name="manage_session"),
    path("manage/sessions/<int:pk>/edit/", staff.edit_session, name="edit_session"),
    path("manage/sessions/<int:pk>/cancel/", staff.cancel_session, name="cancel_session"),
    path("manage/sessions/<int:pk>/complete/", staff.complete_session, name="complete_session"),
    path("manage/sessions/<int:pk>/reminders/", staff.send_reminders, name="send_reminders"),
    path("manage/enrolments/<int:pk>/complete/", staff.complete_enrolment, name="complete"),
    path("manage/enrolments/<int:pk>/<slug:to>/", staff.decide, name="decide"),
    path("reports/", reports.report_page, name="reports"),
    path("reports/libraries/", reports.library_report, name="report_libraries"),
]
