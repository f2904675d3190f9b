"""Registers the challenges app."""

from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "commonground.challenges"
    label = "challenges"
    verbose_name = "System challenges"
