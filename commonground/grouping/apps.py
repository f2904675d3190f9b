"""Registers the grouping app and its export (its engine package stays free of Django)."""

from django.apps import AppConfig


class GroupingConfig(AppConfig):
    name = "commonground.grouping"
    label = "grouping"
    verbose_name = "Groupings"

    def ready(self) -> None:
        from commonground.programmes import shared_groups
        from commonground.programmes import year as programme_year

        from . import year
        from .exports import register_exports
        from .shared import learning_set_members

        programme_year.register("grouping", part=year.part, attention=year.attention)
        shared_groups.register("learning_set", learning_set_members)
        register_exports()
