"""Registers the audit app."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "commonground.audit"
    label = "audit"
    verbose_name = "Change history"
