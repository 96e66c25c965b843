from django.urls import path

from . import views

app_name = "supervision"

# "supervision" is a reserved agency code (gongkai.agencies.models.agency.RESERVED_CODES)
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:agency_code>/<int:year>/", views.workplace, name="workplace"),
    path("<str:agency_code>/<int:year>/export.<str:fmt>", views.export, name="export"),
    path("<str:agency_code>/<int:year>/region/", views.region, name="region"),
    path("<str:agency_code>/<int:year>/quality/", views.quality, name="quality"),
    path("<str:agency_code>/<int:year>/chart/<slug:name>/", views.chart, name="chart"),
]
