"""Registers the programmes app, its exports, and the start-up check that every completion rule
is measured."""

from django.apps import AppConfig
from django.core import checks


class ProgrammesConfig(AppConfig):
    name = "commonground.programmes"
    label = "programmes"
    verbose_name = "Programmes"

    def ready(self) -> None:
        from . import cohort_year, year
        from .exports import register_exports
        from .measures import check_every_switch_is_measured

        checks.register(check_every_switch_is_measured, checks.Tags.models)
        year.register("programmes", part=cohort_year.part)
        register_exports()
