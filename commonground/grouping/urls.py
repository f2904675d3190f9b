"""Pages of the grouping app."""

from django.urls import URLPattern

app_name = "grouping"
urlpatterns: list[URLPattern] = []
