"""Registers the privacy app; the apps that hold personal data register what they hold from their
own ready()."""

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "commonground.privacy"
    label = "privacy"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from .privacy import register_holdings
        from .subject_access import register_export

        register_export()
        register_holdings()
