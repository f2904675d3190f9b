"""Registers the programmes app, its exports, the start-up check that every completion rule is
measured, and the programme's own figure on the movement dashboard."""

from django.apps import AppConfig
from django.core import checks


class ProgrammesConfig(AppConfig):
    name = "commonground.programmes"
    label = "programmes"
    verbose_name = "Programmes"

    def ready(self) -> None:
        from . import cohort_year, kept_standings, movement, year
        from .completers import completed_since_first_cohort
        from .exports import register_exports
        from .measures import check_every_switch_is_measured

        checks.register(check_every_switch_is_measured, checks.Tags.models)
        year.register("programmes", part=cohort_year.part, attention=cohort_year.attention)
        movement.register("programmes", completed_since_first_cohort)
        register_exports()
        kept_standings.connect()

        from .privacy import register_holdings

        register_holdings()
