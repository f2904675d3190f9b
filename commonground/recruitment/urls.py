"""Pages of the recruitment app."""

from django.urls import URLPattern

app_name = "recruitment"
urlpatterns: list[URLPattern] = []
