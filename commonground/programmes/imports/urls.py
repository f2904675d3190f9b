"""Pages to import a past cohort from a spreadsheet."""

from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("programmes/<slug:slug>/import/", views.cohort_import, name="cohort_import"),
    path(
        "programmes/<slug:slug>/import/preview/",
        views.cohort_import_preview,
        name="cohort_import_preview",
    ),
    path(
        "programmes/<slug:slug>/import/confirm/",
        views.cohort_import_confirm,
        name="cohort_import_confirm",
    ),
]
