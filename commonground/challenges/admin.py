"""Challenges and their teams in Django's admin, for the site administrator; changes are audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from commonground.audit.log import record, snapshot

from .models import Challenge, ChallengePreference, ChallengeTeam, Milestone, TeamMembership


class AuditedAdmin(admin.ModelAdmin[Any]):
    """Writes the same audit entries as the pages, so a change made here is not invisible."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        action = f"challenges.{obj._meta.model_name}"
        if change and obj.pk is not None:
            before = snapshot(type(obj)._default_manager.get(pk=obj.pk))
            super().save_model(request, obj, form, change)
            record(request.user, obj, f"{action}.changed", before)
        else:
            super().save_model(request, obj, form, change)
            record(request.user, obj, f"{action}.created")

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        record(request.user, obj, f"challenges.{obj._meta.model_name}.deleted")
        super().delete_model(request, obj)


@admin.register(Challenge)
class ChallengeAdmin(AuditedAdmin):
    list_display = ["title", "cohort", "theme", "status", "owner"]
    list_filter = ["theme", "status", "programme"]
    search_fields = ["title", "problem_statement"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["owner"]
    filter_horizontal = ["organisations"]


class MembershipInline(admin.TabularInline[TeamMembership, ChallengeTeam]):
    model = TeamMembership
    extra = 0
    raw_id_fields = ["enrolment"]


class MilestoneInline(admin.TabularInline[Milestone, ChallengeTeam]):
    model = Milestone
    extra = 0


@admin.register(ChallengeTeam)
class ChallengeTeamAdmin(AuditedAdmin):
    list_display = ["name", "challenge", "cohort", "formed_by"]
    list_filter = ["cohort", "formed_by"]
    search_fields = ["name", "challenge__title"]
    inlines = [MembershipInline, MilestoneInline]


@admin.register(ChallengePreference)
class ChallengePreferenceAdmin(AuditedAdmin):
    list_display = ["enrolment", "challenge", "rank"]
    raw_id_fields = ["enrolment", "challenge"]
