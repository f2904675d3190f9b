"""The site administrator's list of partner tenants whose people may sign in with Microsoft."""

from __future__ import annotations

from django.contrib import admin

from .models import PartnerTenant


@admin.register(PartnerTenant)
class PartnerTenantAdmin(admin.ModelAdmin[PartnerTenant]):
    list_display = ["name", "tenant_id", "email_domains", "enforces_second_factor", "added_at"]
    search_fields = ["name", "tenant_id", "email_domains"]
