from django.urls import path

from . import casework, views

app_name = "services"
urlpatterns = [
    path("", views.service_list, name="list"),
    path("guide/", views.guide, name="guide"),
    path("<uuid:pk>/", views.service_detail, name="detail"),
    path("<uuid:pk>/report/", views.service_report, name="report"),
    # Staff
    path("manage/", views.manage_list, name="manage"),
    path("manage/new/", views.service_create, name="create"),
    path("manage/<uuid:pk>/edit/", views.service_edit, name="edit"),
    path("manage/<uuid:pk>/verify/", views.service_verify, name="verify"),
    path("manage/<uuid:pk>/delete/", views.service_delete, name="delete"),
    path("manage/reports/", views.report_list, name="reports"),
    path("manage/reports/<int:pk>/resolve/", views.report_resolve, name="report_resolve"),
    path("manage/export.csv", views.csv_export, name="export"),
    path("manage/import/", views.csv_import, name="import"),
    path("manage/import/template.csv", views.csv_template, name="import_template"),
    path("manage/opendata/", views.opendata_upload, name="opendata"),
    path("manage/opendata/<int:pk>/", views.opendata_job, name="opendata_job"),
    path(
        "manage/opendata/<int:pk>/bad-rows.csv", views.opendata_job_report, name="opendata_report"
    ),
    # Case records: the guidance run for one household and saved as a support plan.
    path(
        "households/<uuid:public_id>/guidance/",
        casework.household_guidance,
        name="household_guidance",
    ),
]
