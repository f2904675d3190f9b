"""Registers the initiatives app, and its figures on the board's movement dashboard."""

from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "commonground.initiatives"
    label = "initiatives"
    verbose_name = "Initiatives"

    def ready(self) -> None:
        from commonground.programmes import movement

        from .figures import figures, section

        movement.register("initiatives", figures)
        movement.register_section("initiatives", section)

        from .privacy import register_holdings

        register_holdings()
