"""Registers the directory app and its exports."""

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "commonground.directory"
    label = "directory"
    verbose_name = "Directory"

    def ready(self) -> None:
        from .exports import register_exports

        register_exports()

        from .privacy import register_holdings

        register_holdings()
