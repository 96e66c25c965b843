from django.urls import path

from . import views

app_name = "appeals"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:agency_code>/", views.appeal_list, name="list"),
    path("<str:agency_code>/new/", views.create, name="create"),
    path("<str:agency_code>/table-four/<int:year>/", views.table_four_view, name="table_four"),
    path(
        "<str:agency_code>/table-four/<int:year>/<slug:row>/<slug:column>/",
        views.table_four_drill,
        name="table_four_drill",
    ),
    path("<str:agency_code>/<int:pk>/", views.detail, name="detail"),
    path("<str:agency_code>/<int:pk>/edit/", views.edit, name="edit"),
    path("<str:agency_code>/<int:pk>/answer/", views.answer, name="answer"),
    path("<str:agency_code>/<int:pk>/decision/", views.decision, name="decision"),
    path("<str:agency_code>/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
