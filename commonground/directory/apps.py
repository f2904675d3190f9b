"""Registers the directory app."""

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "commonground.directory"
    label = "directory"
    verbose_name = "Directory"
