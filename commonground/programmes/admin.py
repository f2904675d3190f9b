"""The programme records in Django's admin, for the site administrator; changes are audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from commonground.audit.admin import AuditedAdmin

from .calendar import shows_differently
from .models import Activity, Attendance, Cohort, Enrolment, Programme, ProgrammeRole


class CohortInline(admin.TabularInline[Cohort, Programme]):
    model = Cohort
    extra = 0
    fields = ["name", "starts_on", "ends_on", "capacity", "status"]
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdmin):
    list_display = ["name", "slug", "owner"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CohortInline]


@admin.register(ProgrammeRole)
class ProgrammeRoleAdmin(AuditedAdmin):
    list_display = ["user", "programme", "role"]
    list_filter = ["programme", "role"]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user"]


@admin.register(Cohort)
class CohortAdmin(AuditedAdmin):
    list_display = ["name", "programme", "starts_on", "ends_on", "status", "capacity"]
    list_filter = ["programme", "status"]
    search_fields = ["name", "programme__name"]
    list_select_related = ["programme"]


@admin.register(Enrolment)
class EnrolmentAdmin(AuditedAdmin):
    list_display = ["person", "cohort", "status", "sponsor", "enrolled_on", "left_on"]
    list_filter = ["status", "cohort__programme", "cohort"]
    search_fields = ["person__first_name", "person__last_name", "person__email"]
    raw_id_fields = ["person", "sponsor"]
    list_select_related = ["person", "sponsor", "cohort__programme"]


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin):
    list_display = ["title", "cohort", "kind", "starts_at", "counts_towards_completion"]
    list_filter = ["kind", "cohort__programme", "cohort"]
    search_fields = ["title"]
    raw_id_fields = ["facilitators"]
    list_select_related = ["cohort__programme"]
    date_hierarchy = "starts_at"

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        # A change calendars show is a new version there, however it is made.
        if change and isinstance(obj, Activity) and shows_differently(obj):
            obj.sequence += 1
        super().save_model(request, obj, form, change)


@admin.register(Attendance)
class AttendanceAdmin(AuditedAdmin):
    list_display = ["enrolment", "activity", "status", "recorded_by", "recorded_at"]
    list_filter = ["status", "activity__cohort"]
    raw_id_fields = ["enrolment", "activity", "recorded_by"]
    list_select_related = ["enrolment__person", "enrolment__cohort__programme", "activity"]
