from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:agency_code>/", views.workbench, name="workbench"),
    path("<str:agency_code>/new/", views.create, name="create"),
    path("<str:agency_code>/reminders/read/", views.reminders_read, name="reminders_read"),
    path("<str:agency_code>/templates/", views.template_list, name="template_list"),
    path("<str:agency_code>/templates/<str:kind>/", views.template_edit, name="template_edit"),
    path("<str:agency_code>/table-three/<int:year>/", views.table_three_view, name="table_three"),
    path("<str:agency_code>/<int:pk>/", views.detail, name="detail"),
    path("<str:agency_code>/<int:pk>/do/<slug:action>/", views.act, name="act"),
    path("<str:agency_code>/<int:pk>/assign/", views.assign, name="assign"),
    path(
        "<str:agency_code>/<int:pk>/letters/<int:letter_id>.<str:fmt>",
        views.letter_download,
        name="letter_download",
    ),
    path(
        "<str:agency_code>/<int:pk>/attachments/<int:att>/",
        views.attachment_download,
        name="attachment_download",
    ),
]
