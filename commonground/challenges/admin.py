"""Challenges and their teams in Django's admin, for the site administrator; changes are audited."""

from __future__ import annotations

from django.contrib import admin

from commonground.audit.admin import AuditedAdmin

from .models import Challenge, ChallengePreference, ChallengeTeam, Milestone, TeamMembership


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
