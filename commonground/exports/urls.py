"""URL patterns of the exports app: one's own exports, their progress and their files."""

from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("exports/", views.export_list, name="exports"),
    path("exports/<int:pk>/", views.export_detail, name="export"),
    path("exports/<int:pk>/progress/", views.export_progress, name="export_progress"),
    path("exports/<int:pk>/download/", views.export_download, name="export_download"),
]
