from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:agency_code>/", views.entry_list, name="entry_list"),
    path("<str:agency_code>/review/", views.review_queue, name="review_queue"),
    path("<str:agency_code>/settings/", views.agency_settings, name="settings"),
    path("<str:agency_code>/settings/synonyms/", views.synonyms, name="synonyms"),
    path("<str:agency_code>/new/", views.entry_create, name="entry_create"),
    path("<str:agency_code>/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("<str:agency_code>/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("<str:agency_code>/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("<str:agency_code>/<int:pk>/history/", views.entry_history, name="entry_history"),
    path("<str:agency_code>/<int:pk>/validity/", views.entry_validity, name="entry_validity"),
    path("<str:agency_code>/<int:pk>/do/<slug:action>/", views.entry_transition, name="entry_transition"),
    path("<str:agency_code>/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path(
        "<str:agency_code>/<int:pk>/attachments/<int:att>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "<str:agency_code>/<int:pk>/attachments/<int:att>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
]
