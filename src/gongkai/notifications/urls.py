from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("<str:agency_code>/notifications/<int:pk>/retry/", views.retry, name="retry"),
]
