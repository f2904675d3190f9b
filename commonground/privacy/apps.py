"""Registers the privacy app, its export, and what the accounts, the change history and the app
itself hold; the other apps register what they hold from their own ready()."""

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "commonground.privacy"
    label = "privacy"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from . import accounts, history, privacy
        from .subject_access import register_export

        register_export()
        for module in (accounts, history, privacy):
            module.register_holdings()
