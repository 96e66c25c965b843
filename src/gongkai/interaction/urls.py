from django.urls import path

from . import views

app_name = "interaction"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:agency_code>/", views.inbox, name="inbox"),
    path("<str:agency_code>/settings/", views.settings_page, name="settings"),
    path("<str:agency_code>/stats/<int:year>/", views.stats, name="stats"),
    path("<str:agency_code>/<int:pk>/", views.detail, name="detail"),
    path("<str:agency_code>/<int:pk>/answer/", views.answer, name="answer"),
    path("<str:agency_code>/<int:pk>/publish/", views.publish, name="publish"),
    path("<str:agency_code>/<int:pk>/unpublish/", views.unpublish, name="unpublish"),
]
