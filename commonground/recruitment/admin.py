"""Recruitment records in the site administrator's admin; equality answers are not listed here."""

from django.contrib import admin

from .models import Application, BalanceRule, PanelMember, Proposal, Round


class RuleInline(admin.TabularInline[BalanceRule, Round]):
    model = BalanceRule
    extra = 0


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin[Round]):
    list_display = ["cohort", "opens_at", "closes_at", "places"]
    inlines = [RuleInline]
    filter_horizontal = ["eligible_organisations"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin[Application]):
    list_display = ["__str__", "status", "organisation", "submitted_at"]
    list_filter = ["status", "round"]
    list_select_related = ["person", "round__cohort__programme", "organisation"]
    raw_id_fields = ["person", "nominated_by", "organisation"]


admin.site.register(PanelMember)
admin.site.register(Proposal)
