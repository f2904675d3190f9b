"""Registers the recruitment app."""

from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "commonground.recruitment"
    label = "recruitment"
    verbose_name = "Recruitment and selection"
