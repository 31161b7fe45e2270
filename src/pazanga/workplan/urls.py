from django.urls import path

from pazanga.workplan.views import public, results, staff

app_name = "workplan"
urlpatterns = [
    path("workplan/", public.plan_page, name="plan"),
    path("workplan/gantt.svg", public.gantt_file, name="gantt"),
    path("workplan/milestones.ics", public.milestones_file, name="milestones"),
    path("workplan/activities/<int:pk>/", public.activity_page, name="activity"),
    path("workplan/budget/", results.budget_page, name="budget"),
    path("workplan/results-framework/", results.framework_page, name="framework"),
    path("workplan/results-framework.xlsx", results.framework_file, name="framework_xlsx"),
    path("workplan/manage/", staff.manage, name="manage"),
    path("workplan/manage/plan.<str:kind>", staff.export_plan, name="export"),
    path("workplan/manage/baseline/", staff.save_baseline, name="baseline"),
    path("workplan/manage/activities/<int:pk>/links/", staff.links, name="links"),
    path(
        "workplan/manage/activities/<int:pk>/links/<int:link>/remove/",
        staff.unlink,
        name="unlink",
    ),
    path("results/", results.dashboard, name="results"),
]
