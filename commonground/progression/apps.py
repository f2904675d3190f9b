"""Registers the progression report, and its figures on the board's movement dashboard."""

from django.apps import AppConfig


class ProgressionConfig(AppConfig):
    name = "commonground.progression"
    label = "progression"
    verbose_name = "Progression"

    def ready(self) -> None:
        from commonground.programmes.movement import register

        from .movement import figures

        register("progression", figures)

        from .privacy import register_holdings

        register_holdings()
