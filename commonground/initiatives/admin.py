"""Initiatives, indicators and stories in Django's admin, for the site administrator; audited."""

from __future__ import annotations

from django.contrib import admin

from commonground.audit.admin import AuditedAdmin

from .models import Indicator, IndicatorValue, Initiative, Involvement, NamedPerson, Story


class InvolvementInline(admin.TabularInline[Involvement, Initiative]):
    model = Involvement
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Initiative)
class InitiativeAdmin(AuditedAdmin):
    list_display = ["title", "programme", "status", "started_on"]
    list_filter = ["status", "programme"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["organisations", "challenges"]
    inlines = [InvolvementInline]


class ValueInline(admin.TabularInline[IndicatorValue, Indicator]):
    model = IndicatorValue
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ["name", "initiative", "unit"]
    search_fields = ["name"]
    inlines = [ValueInline]


class NamedPersonInline(admin.TabularInline[NamedPerson, Story]):
    model = NamedPerson
    extra = 0
    raw_id_fields = ["recorded_by"]


@admin.register(Story)
class StoryAdmin(AuditedAdmin):
    list_display = ["title", "initiative", "written_on"]
    search_fields = ["title", "what_changed"]
    raw_id_fields = ["author"]
    inlines = [NamedPersonInline]
