"""Mentors, requests and matches in Django's admin, for the site administrator; changes are
audited."""

from __future__ import annotations

from django.contrib import admin

from commonground.audit.admin import AuditedAdmin

from .models import Match, Mentor, MentoringRequest


@admin.register(Mentor)
class MentorAdmin(AuditedAdmin):
    list_display = ["person", "programme", "capacity", "available"]
    list_filter = ["programme", "available"]
    search_fields = ["person__first_name", "person__last_name", "expertise"]
    raw_id_fields = ["person"]


@admin.register(MentoringRequest)
class MentoringRequestAdmin(AuditedAdmin):
    list_display = ["enrolment", "needs", "unmatched_reason"]
    search_fields = ["enrolment__person__first_name", "enrolment__person__last_name", "needs"]
    raw_id_fields = ["enrolment", "chain"]


@admin.register(Match)
class MatchAdmin(AuditedAdmin):
    list_display = ["mentor", "request", "status", "by_hand", "published_at"]
    list_filter = ["status", "by_hand"]
    raw_id_fields = ["mentor", "request", "ended_by"]
