"""The directory in Django's admin, for the site administrator."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from commonground.audit.admin import AuditedAdmin

from .models import BandExample, Organisation, Person, Post


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "short_name", "sector", "kind", "area", "locality"]
    search_fields = ["name", "short_name", "kind", "locality"]
    list_filter = ["sector", "area"]


class PostInline(admin.TabularInline[Post, Person]):
    model = Post
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ["last_name", "first_name", "email", "organisation", "job_title", "band"]
    search_fields = ["first_name", "last_name", "email", "job_title"]
    list_filter = ["band", "organisation__sector", "organisation__area"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user"]
    inlines = [PostInline]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin[Post]):
    list_display = ["person", "title", "organisation", "band", "started_on", "ended_on"]
    search_fields = ["title", "person__first_name", "person__last_name", "organisation__name"]
    list_filter = ["band", "organisation__sector"]
    list_select_related = ["person", "organisation"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(BandExample)
class BandExampleAdmin(AuditedAdmin):
    """The ladder's examples: a sector's job title and the band it is on, kept by the programme."""

    list_display = ["title", "sector", "band", "programme"]
    search_fields = ["title"]
    list_filter = ["programme", "sector", "band"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # An example belongs to one programme's ladder: staff add it on the ladder page.
        return False
