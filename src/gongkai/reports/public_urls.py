from django.urls import path

from . import public_views

app_name = "public_reports"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("<str:agency_code>/<int:year>/", public_views.report, name="report"),
    path("<str:agency_code>/<int:year>/v<int:number>/", public_views.report, name="version"),
    path(
        "<str:agency_code>/<int:year>/v<int:number>/download.<str:fmt>",
        public_views.version_download,
        name="download",
    ),
]
