"""Groupings in Django's admin, for the site administrator to look into; changes are audited.

The engine's results are written by the run task only: the admin shows them read-only.
"""

from __future__ import annotations

from django.contrib import admin

from commonground.audit.admin import AuditedAdmin

from .models import Group, Grouping, PairRule


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
