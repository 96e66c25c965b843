from django.urls import path

from . import public_views

app_name = "credit_public"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("<str:code>/", public_views.agency_list, name="list"),
    path("<str:code>/<int:pk>/", public_views.detail, name="detail"),
    path("<str:code>/<slug:kind>.csv", public_views.export, name="export"),
]
