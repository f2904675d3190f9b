"""Answers that may be given once: a row lock makes the second of two presses see the first."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models


class AlreadyDone(ValidationError):
    """What was asked has already happened, perhaps by a second press of the same button: the
    page says so (status 409) and nothing changes."""


def lock(instance: models.Model) -> None:
    """Hold the row until the transaction ends and reload it, so a state checked after this is
    the one every other request waits behind. Call inside `transaction.atomic()`."""
    manager = type(instance)._default_manager
    list(manager.select_for_update().filter(pk=instance.pk).values_list("pk", flat=True))
    instance.refresh_from_db()
