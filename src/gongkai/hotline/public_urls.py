"""Public pages under /hotline/: the 12345 knowledge base."""

from django.urls import path

from . import public_views

app_name = "kb"
urlpatterns = [
    path("", public_views.kb_search, name="search"),
    path("<str:code>/", public_views.kb_entry, name="entry"),
]
