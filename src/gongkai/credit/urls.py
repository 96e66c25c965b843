from django.urls import path

from . import views

app_name = "credit"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:agency_code>/", views.records, name="records"),
    path("<str:agency_code>/records/new/<slug:kind>/", views.record_new, name="record_new"),
    path("<str:agency_code>/records/<int:pk>/", views.record_detail, name="record_detail"),
    path("<str:agency_code>/records/<int:pk>/edit/", views.record_edit, name="record_edit"),
    path("<str:agency_code>/records/<int:pk>/<slug:action>/", views.record_action, name="record_action"),
    path("<str:agency_code>/import/", views.import_upload, name="import_upload"),
    path("<str:agency_code>/import/template/<slug:kind>.xlsx", views.import_template, name="import_template"),
    path("<str:agency_code>/import/<int:pk>/", views.import_preview, name="import_preview"),
    path("<str:agency_code>/import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("<str:agency_code>/import/<int:pk>/discard/", views.import_discard, name="import_discard"),
    path("<str:agency_code>/batches/", views.batches, name="batches"),
    path("<str:agency_code>/batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("<str:agency_code>/batches/<int:pk>/send/", views.batch_send, name="batch_send"),
    path("<str:agency_code>/batches/<int:pk>/feedback/", views.batch_feedback, name="batch_feedback"),
    path("<str:agency_code>/batches/<int:pk>/cancel/", views.batch_cancel, name="batch_cancel"),
    path("<str:agency_code>/batches/<int:pk>/export.xlsx", views.batch_export, name="batch_export"),
]
