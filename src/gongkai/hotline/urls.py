from django.urls import path, re_path

from . import views

app_name = "hotline"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:agency_code>/", views.entries, name="entries"),
    path("<str:agency_code>/lookup/", views.lookup, name="lookup"),
    path("<str:agency_code>/new/", views.entry_create, name="entry_create"),
    path("<str:agency_code>/stale/", views.staleness, name="staleness"),
    re_path(r"^(?P<agency_code>[^/]+)/export\.(?P<fmt>json|xlsx)$", views.export_file, name="export"),
    path("<str:agency_code>/<int:pk>/", views.entry_detail, name="entry"),
    path("<str:agency_code>/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("<str:agency_code>/<int:pk>/action/", views.entry_action, name="entry_action"),
]
