"""Registers the grouping app (its engine package stays free of Django)."""

from django.apps import AppConfig


class GroupingConfig(AppConfig):
    name = "commonground.grouping"
    label = "grouping"
    verbose_name = "Groupings"
