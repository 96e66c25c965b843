from django.urls import path

from . import views

app_name = "govservice"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:agency_code>/", views.registry, name="registry"),
    path("<str:agency_code>/items/<int:pk>/", views.item_detail, name="item"),
    path("<str:agency_code>/items/<int:pk>/status/", views.item_status, name="item_status"),
    path("<str:agency_code>/import/", views.import_upload, name="import_upload"),
    path("<str:agency_code>/import/<int:pk>/", views.import_preview, name="import_preview"),
    path("<str:agency_code>/import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("<str:agency_code>/import/<int:pk>/discard/", views.import_discard, name="import_discard"),
]
