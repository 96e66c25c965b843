from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:agency_code>/", views.decisions, name="decisions"),
    path("<str:agency_code>/decisions/new/", views.decision_create, name="decision_create"),
    path("<str:agency_code>/decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("<str:agency_code>/decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("<str:agency_code>/decisions/<int:pk>/delete/", views.decision_delete, name="decision_delete"),
    path("<str:agency_code>/totals/", views.totals, name="totals"),
    path("<str:agency_code>/totals/<int:pk>/delete/", views.total_delete, name="total_delete"),
    path("<str:agency_code>/fees/", views.fees, name="fees"),
    path("<str:agency_code>/fees/<int:pk>/", views.fee_edit, name="fee_edit"),
    path("<str:agency_code>/fees/<int:pk>/delete/", views.fee_delete, name="fee_delete"),
    path("<str:agency_code>/import/", views.import_upload, name="import_upload"),
    path(
        "<str:agency_code>/import/template/<slug:kind>.<slug:fmt>",
        views.import_template,
        name="import_template",
    ),
    path("<str:agency_code>/import/<int:pk>/", views.import_preview, name="import_preview"),
    path("<str:agency_code>/import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("<str:agency_code>/import/<int:pk>/discard/", views.import_discard, name="import_discard"),
    path("<str:agency_code>/table-two/<int:year>/", views.table_two_view, name="table_two"),
    path(
        "<str:agency_code>/table-two/<int:year>/<slug:grid>/<slug:row>/<slug:column>/",
        views.table_two_drill,
        name="table_two_drill",
    ),
]
