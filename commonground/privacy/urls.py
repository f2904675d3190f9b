"""URL patterns of the privacy app."""

from django.urls import path

from .views import subject_access

app_name = "privacy"
urlpatterns = [
    path(
        "people/<int:pk>/subject-access/",
        subject_access.subject_access,
        name="subject_access",
    ),
]
