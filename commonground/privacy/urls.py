"""URL patterns of the privacy app."""

from django.urls import path

from .views import erasure, notices, retention, subject_access

app_name = "privacy"
urlpatterns = [
    path("privacy/", notices.privacy_notice, name="notice"),
    path("accessibility/", notices.accessibility_statement, name="accessibility"),
    path(
        "people/<int:pk>/subject-access/",
        subject_access.subject_access,
        name="subject_access",
    ),
    path("people/<int:pk>/erasure/", erasure.erasure_new, name="erasure_new"),
    path("privacy/erasure/<int:pk>/", erasure.erasure_detail, name="erasure"),
    path("privacy/retention/", retention.retention_report, name="retention"),
    path("privacy/retention/apply/", retention.retention_apply, name="retention_apply"),
]
