"""Public pages under /apply/: the online form and its receipt, tracking without an account (补正,
letters), the deadline calculator."""

from django.urls import path

from . import public_views

app_name = "apply"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("track/", public_views.track, name="track"),
    path("track/correction/", public_views.correct, name="correct"),
    path("letters/<str:token>.<str:fmt>", public_views.letter_download, name="letter"),
    path("done/", public_views.done, name="done"),
    path("done/receipt.pdf", public_views.receipt_pdf, name="receipt_pdf"),
    path("calculator/", public_views.calculator, name="calculator"),
    path("to/<str:agency_code>/", public_views.form, name="form"),
]
