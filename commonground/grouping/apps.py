"""Registers the grouping app and its export (its engine package stays free of Django)."""

from django.apps import AppConfig


class GroupingConfig(AppConfig):
    name = "commonground.grouping"
    label = "grouping"
    verbose_name = "Groupings"

    def ready(self) -> None:
        from commonground.programmes import year as programme_year

        from . import year
        from .exports import register_exports

        programme_year.register("grouping", part=year.part)
        register_exports()
