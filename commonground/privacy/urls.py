"""URL patterns of the privacy app."""

from django.urls import path

from .views import retention, subject_access

app_name = "privacy"
urlpatterns = [
    path(
        "people/<int:pk>/subject-access/",
        subject_access.subject_access,
        name="subject_access",
    ),
    path("privacy/retention/", retention.retention_report, name="retention"),
    path("privacy/retention/apply/", retention.retention_apply, name="retention_apply"),
]
