from django.urls import path

from . import views

app_name = "checker"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/files/<int:item_pk>/", views.item, name="item"),
    path("<int:pk>/findings.<str:fmt>", views.export, name="export"),
    path("<int:pk>/recheck/", views.recheck, name="recheck"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
