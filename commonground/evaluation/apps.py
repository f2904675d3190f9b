"""Registers the evaluation app (its statistics package stays free of Django)."""

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "commonground.evaluation"
    label = "evaluation"
    verbose_name = "Evaluation"
