"""The evaluation records in Django's admin, read mostly: pages and services make the changes."""

from __future__ import annotations

from django.contrib import admin

from .models import Instrument, InstrumentVersion, Nomination, SurveyResponse, Wave


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin[Instrument]):
    list_display = ["title", "programme", "created_at"]


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin[InstrumentVersion]):
    list_display = ["instrument", "number", "status", "published_at"]
    list_filter = ["status"]


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin[Wave]):
    list_display = ["cohort", "kind", "opens_on", "closes_on", "version", "invited_at"]
    list_filter = ["kind"]
    list_select_related = ["cohort__programme", "version__instrument"]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin[Nomination]):
    list_display = ["name", "relationship", "enrolment", "status"]
    list_filter = ["status", "relationship"]
    list_select_related = ["enrolment__person", "enrolment__cohort__programme"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin[SurveyResponse]):
    list_display = ["wave", "rater_type", "enrolment", "submitted_at"]
    list_filter = ["rater_type", "wave__kind"]
    list_select_related = ["wave__cohort__programme", "enrolment__person"]
    exclude = ["token_hash", "claim"]
    readonly_fields = ["ratings", "before_ratings", "comments", "submitted_at"]
