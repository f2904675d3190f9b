"""Registers the mentoring app: its part of participants' and alumni's homes, and its figure
for the board's movement dashboard."""

from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "commonground.mentoring"
    label = "mentoring"
    verbose_name = "Mentoring"

    def ready(self) -> None:
        from commonground.programmes import movement
        from commonground.programmes import year as programme_year

        from . import figures, year

        programme_year.register(
            "mentoring", tasks=year.participant_tasks, alumni_news=year.alumni_news
        )
        movement.register("mentoring", figures.movement_figures)

        from .privacy import register_holdings

        register_holdings()
