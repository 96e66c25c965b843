"""Public pages under /interaction/: 政民互动."""

from django.urls import path

from . import public_views

app_name = "ask"
urlpatterns = [
    path("", public_views.public_list, name="list"),
    path("ask/", public_views.ask, name="ask"),
    path("done/", public_views.done, name="done"),
    path("track/", public_views.track, name="track"),
    path("<int:pk>/", public_views.public_detail, name="detail"),
]
