from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    # "summary" is a reserved agency code (gongkai.agencies.models.agency.RESERVED_CODES)
    path("summary/<int:year>/", views.summary, name="summary"),
    path("summary/<int:year>/export.<str:fmt>", views.summary_export, name="summary_export"),
    path("<str:agency_code>/", views.agency_reports, name="agency"),
    path("<str:agency_code>/baseline/", views.baseline, name="baseline"),
    path("<str:agency_code>/baseline/<int:pk>/carried/", views.baseline_carried, name="baseline_carried"),
    path("<str:agency_code>/<int:year>/", views.workspace, name="workspace"),
    path("<str:agency_code>/<int:year>/start/", views.start, name="start"),
    path("<str:agency_code>/<int:year>/save/", views.save, name="save"),
    path("<str:agency_code>/<int:year>/findings/", views.findings, name="findings"),
    path("<str:agency_code>/<int:year>/do/<slug:action>/", views.act, name="act"),
    path("<str:agency_code>/<int:year>/cell/<str:path>/", views.cell, name="cell"),
    path("<str:agency_code>/<int:year>/preview/", views.preview, name="preview"),
    path("<str:agency_code>/<int:year>/export.<str:fmt>", views.export, name="export"),
]
