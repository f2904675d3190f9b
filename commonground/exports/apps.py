"""Registers the exports app; the apps above it register their exports from their own ready()."""

from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "commonground.exports"
    label = "exports"
    verbose_name = "Exports"
