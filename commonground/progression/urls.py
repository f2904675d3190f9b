"""Pages of the progression report."""

from django.urls import path

from .views import imports, report

app_name = "progression"
urlpatterns = [
    path("programmes/<slug:slug>/progression/", report.report, name="report"),
    path(
        "programmes/<slug:slug>/progression/progression.pdf", report.report_pdf, name="report_pdf"
    ),
    path(
        "programmes/<slug:slug>/progression/import-posts/",
        imports.import_posts_page,
        name="import_posts",
    ),
]
