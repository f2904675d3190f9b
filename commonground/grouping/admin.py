"""Groupings in Django's admin, for the site administrator to look into; changes are audited.

The engine's results are written by the run task only: the admin shows them read-only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from commonground.audit.log import record, snapshot

from .models import Group, Grouping, PairRule


class AuditedAdmin(admin.ModelAdmin[Any]):
    """Writes the same audit entries as the pages, so a change made here is not invisible."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        action = f"grouping.{obj._meta.model_name}"
        if change and obj.pk is not None:
            before = snapshot(type(obj)._default_manager.get(pk=obj.pk))
            super().save_model(request, obj, form, change)
            record(request.user, obj, f"{action}.changed", before)
        else:
            super().save_model(request, obj, form, change)
            record(request.user, obj, f"{action}.created")

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        record(request.user, obj, f"grouping.{obj._meta.model_name}.deleted")
        super().delete_model(request, obj)


class PairRuleInline(admin.TabularInline[PairRule, Grouping]):
    model = PairRule
    fk_name = "grouping"
    extra = 0
    raw_id_fields = ["first", "second"]


@admin.register(Grouping)
class GroupingAdmin(AuditedAdmin):
    list_display = ["name", "cohort", "kind", "status", "created_at", "published_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "cohort__name"]
    readonly_fields = [
        "status",
        "progress",
        "progress_message",
        "explanation",
        "error_message",
        "created_by",
        "created_at",
        "published_at",
    ]
    inlines = [PairRuleInline]


@admin.register(Group)
class GroupAdmin(AuditedAdmin):
    list_display = ["name", "grouping", "round", "number"]
    list_filter = ["grouping__kind"]
    search_fields = ["name", "grouping__name"]
    readonly_fields = ["grouping", "round", "number", "challenge"]
