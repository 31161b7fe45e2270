from django.urls import path

from pazanga.impact.views import data, public, staff

app_name = "impact"
urlpatterns = [
    path("", public.public_home, name="public_home"),
    path("indicators/<int:pk>/", public.public_indicator, name="public_indicator"),
    path("manage/", staff.home, name="home"),
    path("manage/studies/new/", staff.study_new, name="study_new"),
    path("manage/studies/<int:pk>/", staff.study_detail, name="study"),
    path("manage/studies/<int:pk>/waves/new/", staff.wave_new, name="wave_new"),
    path("manage/waves/<int:pk>/", staff.wave_detail, name="wave"),
    path("manage/waves/<int:pk>/edit/", staff.wave_edit, name="wave_edit"),
    path("manage/waves/<int:pk>/status/<slug:to>/", staff.wave_status, name="wave_status"),
    path("manage/waves/<int:pk>/import/", data.upload, name="upload"),
    path("manage/waves/<int:pk>/import/columns/", data.mapping, name="mapping"),
    path("manage/waves/<int:pk>/margins/", data.targets, name="targets"),
    path("manage/waves/<int:pk>/web-answers/", data.collect, name="collect"),
    path("manage/waves/<int:pk>/weight/", data.weight, name="weight"),
    path("manage/waves/<int:pk>/results/", data.results, name="results"),
    path("manage/waves/<int:pk>/estimates.<slug:kind>", data.estimates_export, name="estimates"),
    path("manage/waves/<int:pk>/microdata.<slug:kind>", data.microdata, name="microdata"),
    path("manage/waves/<int:pk>/methodology.pdf", data.annex_pdf, name="annex"),
    path("manage/indicators/", staff.indicators, name="indicators"),
    path("manage/indicators/new/", staff.indicator_edit, name="indicator_new"),
    path("manage/indicators/<int:pk>/", staff.indicator_edit, name="indicator_edit"),
    path("manage/planner/", staff.planner, name="planner"),
    path("manage/compare/", staff.compare, name="compare"),
]
