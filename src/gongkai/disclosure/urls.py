from django.urls import path

from . import views

app_name = "disclosure"
urlpatterns = [
    path("<str:agency_code>/case/<int:app_pk>/start/", views.start, name="start"),
    path("<str:agency_code>/<int:pk>/", views.plan_detail, name="plan"),
    path("<str:agency_code>/<int:pk>/documents/", views.document_add, name="document_add"),
    path("<str:agency_code>/<int:pk>/names/", views.names, name="names"),
    path("<str:agency_code>/<int:pk>/documents/<int:doc>/manual/", views.manual, name="manual"),
    path("<str:agency_code>/<int:pk>/choices/", views.choices, name="choices"),
    path("<str:agency_code>/<int:pk>/accept/", views.accept, name="accept"),
    path("<str:agency_code>/<int:pk>/cancel/", views.cancel, name="cancel"),
]
