"""Pages of the challenges app."""

from django.urls import URLPattern

app_name = "challenges"
urlpatterns: list[URLPattern] = []
