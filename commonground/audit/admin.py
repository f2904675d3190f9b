"""The base for admin pages of records the pages audit, so a change made there is not invisible."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from .log import audited


class AuditedAdmin(admin.ModelAdmin[Any]):
    """Writes the same entries as the pages: `<app>.<model>.created`, `.changed` or `.deleted`."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        verb = "changed" if change and obj.pk is not None else "created"
        with audited(request.user, obj, _action(obj, verb), already_changed=True):
            super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        with audited(request.user, obj, _action(obj, "deleted")):
            super().delete_model(request, obj)


def _action(obj: Model, verb: str) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}.{verb}"
