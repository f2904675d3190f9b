"""Registers the app that sends through GOV.UK Notify and records what it could not deliver."""

from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "commonground.notify"
    label = "notify"
    verbose_name = "GOV.UK Notify"

    def ready(self) -> None:
        from .privacy import register_holdings

        register_holdings()
