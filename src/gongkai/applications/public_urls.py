"""Public pages under /apply/: the online form, tracking without an account, the deadline calculator."""

from django.urls import path

from . import public_views

app_name = "apply"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("track/", public_views.track, name="track"),
    path("done/", public_views.done, name="done"),
    path("calculator/", public_views.calculator, name="calculator"),
    path("to/<str:agency_code>/", public_views.form, name="form"),
]
