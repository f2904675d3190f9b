"""Registers the evaluation app (its statistics package stays free of Django), its export, and
the completion rule it measures: the end-of-year survey answered."""

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "commonground.evaluation"
    label = "evaluation"
    verbose_name = "Evaluation"

    def ready(self) -> None:
        from commonground.programmes import movement
        from commonground.programmes import year as programme_year
        from commonground.programmes.measures import Measure, register

        from . import year
        from .exports import register_exports
        from .network_figures import movement_figures
        from .services import end_survey_respondent_ids

        register(
            Measure(
                switch="end_survey_answered",
                rule="End-of-year survey answered",
                met_by=end_survey_respondent_ids,
                met="The end-of-year survey is answered.",
                not_met="The end-of-year survey is not answered yet.",
            )
        )
        programme_year.register(
            "evaluation", part=year.part, tasks=year.participant_tasks, attention=year.attention
        )
        movement.register("network", movement_figures)
        register_exports()

        from .privacy import register_holdings

        register_holdings()
