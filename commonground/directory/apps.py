"""Registers the directory app, its exports, and the ladder every new programme starts with."""

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save


def _start_ladder(sender: Any, instance: Any, created: bool, raw: bool, **kwargs: Any) -> None:
    # A signal, not a step in one service, because programmes are made in the admin, by the
    # demo and by imports alike, and each must start with a ladder to place posts on.
    if created and not raw:
        from .ladder import start_ladder

        start_ladder(instance.pk)


class DirectoryConfig(AppConfig):
    name = "commonground.directory"
    label = "directory"
    verbose_name = "Directory"

    def ready(self) -> None:
        from .exports import register_exports

        register_exports()
        post_save.connect(
            _start_ladder, sender="programmes.Programme", dispatch_uid="directory.start_ladder"
        )

        from .privacy import register_holdings

        register_holdings()
