from django.urls import path

from pazanga.questionnaires.views import answering, builder, collect, openrosa, responses

app_name = "questionnaires"
urlpatterns = [
    path("", builder.questionnaire_list, name="list"),
    path("new/", builder.questionnaire_edit, name="create"),
    path("import/", builder.xlsform_import, name="import"),
    path("<int:pk>/", builder.questionnaire_detail, name="detail"),
    path("<int:pk>/edit/", builder.questionnaire_edit, name="edit"),
    path("<int:pk>/status/<slug:to>/", builder.questionnaire_transition, name="transition"),
    path("<int:pk>/new-version/", builder.questionnaire_new_version, name="new_version"),
    path("<int:pk>/xlsform/", builder.xlsform_export, name="export_xlsform"),
    path("<int:pk>/xform/", builder.xform_export, name="export_xform"),
    path("collect/", collect.collect_keys, name="collect_keys"),
    path("collect/<int:key_pk>/revoke/", collect.collect_key_revoke, name="collect_key_revoke"),
    path("<int:pk>/questions/new/", builder.question_edit, name="question_create"),
    path("<int:pk>/questions/<int:question_pk>/", builder.question_edit, name="question_edit"),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        builder.question_delete,
        name="question_delete",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/move/<slug:direction>/",
        builder.question_move,
        name="question_move",
    ),
    path("<int:pk>/sections/new/", builder.section_edit, name="section_create"),
    path("<int:pk>/sections/<int:section_pk>/", builder.section_edit, name="section_edit"),
    path("<int:pk>/choices/new/", builder.choice_list_edit, name="choice_list_create"),
    path("<int:pk>/choices/<int:list_pk>/", builder.choice_list_edit, name="choice_list_edit"),
    path("<int:pk>/preview/", answering.preview, name="preview"),
    path("<int:pk>/responses/", responses.response_list, name="responses"),
    path(
        "<int:pk>/responses/<int:response_pk>/",
        responses.response_detail,
        name="response_detail",
    ),
    path(
        "<int:pk>/responses/<int:response_pk>/files/<int:file_pk>/",
        responses.answer_file,
        name="answer_file",
    ),
    path("<int:pk>/responses/export.<slug:kind>", responses.response_export, name="export"),
    path("<int:pk>/summary/", responses.summary, name="summary"),
    path("<int:pk>/answer/", answering.answer, name="answer"),
    path("<int:pk>/answer/thanks/", answering.thanks, name="thanks"),
    path("s/<str:token>/", answering.anonymous_answer, name="anonymous_answer"),
    path("s/<str:token>/thanks/", answering.anonymous_thanks, name="anonymous_thanks"),
    # ODK Collect is given the address …/openrosa/<key>/ and adds these paths itself.
    path("openrosa/<str:key>/formList", openrosa.form_list, name="openrosa_form_list"),
    path("openrosa/<str:key>/submission", openrosa.submission, name="openrosa_submission"),
    path("openrosa/<str:key>/forms/<int:pk>/form.xml", openrosa.form_xml, name="openrosa_form"),
    path(
        "openrosa/<str:key>/forms/<int:pk>/manifest",
        openrosa.manifest,
        name="openrosa_manifest",
    ),
    path(
        "openrosa/<str:key>/forms/<int:pk>/files/<str:name>",
        openrosa.media,
        name="openrosa_media",
    ),
]
