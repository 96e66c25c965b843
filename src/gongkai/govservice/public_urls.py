from django.urls import path

from . import views

app_name = "govservice_public"

urlpatterns = [
    path("<str:agency_code>/", views.public_list, name="list"),
    path("<str:agency_code>/<str:code>/", views.public_guide, name="guide"),
    path("<str:agency_code>/<str:code>/sample/", views.public_sample, name="sample"),
]
