from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("<str:agency_code>/<int:pk>/retry/", views.retry, name="retry"),
]
