from django.urls import path

from . import views

app_name = "staff"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:agency_code>/", views.dashboard, name="dashboard"),
    path("<str:agency_code>/people/", views.people, name="people"),
    path("<str:agency_code>/people/add/", views.person_add, name="person_add"),
    path("<str:agency_code>/people/<int:user_id>/", views.person_edit, name="person_edit"),
    path(
        "<str:agency_code>/people/<int:user_id>/deactivate/",
        views.person_deactivate,
        name="person_deactivate",
    ),
    path("<str:agency_code>/settings/", views.agency_settings, name="settings"),
    path("<str:agency_code>/events/", views.events, name="events"),
]
