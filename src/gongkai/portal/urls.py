from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("agencies/", views.agency_list, name="agencies"),
    path("agencies/<str:code>/guide/", views.agency_guide, name="guide"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<int:pk>/", views.entry, name="entry"),
    path("catalogue/<int:pk>/files/<int:att>/", views.attachment, name="attachment"),
]
