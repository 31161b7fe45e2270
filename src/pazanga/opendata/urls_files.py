"""The open-data files, at addresses without a language (`/open-data/360giving.json`)."""

from django.urls import path

from pazanga.opendata import views

app_name = "opendata_files"
urlpatterns = [
    path("360giving.json", views.giving_json, name="giving_json"),
    path("360giving.csv", views.giving_table, {"kind": "csv"}, name="giving_csv"),
    path("360giving.xlsx", views.giving_table, {"kind": "xlsx"}, name="giving_xlsx"),
    path("iati-activities.xml", views.iati_xml, name="iati"),
    path("<slug:name>.csv", views.table_csv, name="table"),
]
