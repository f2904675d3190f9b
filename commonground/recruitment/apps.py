"""Registers the recruitment app and its exports."""

from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "commonground.recruitment"
    label = "recruitment"
    verbose_name = "Recruitment and selection"

    def ready(self) -> None:
        from commonground.programmes import year as programme_year

        from . import year
        from .exports import register_exports

        programme_year.register(
            "recruitment",
            part=year.part,
            attention=year.attention,
            sponsor_tasks=year.sponsor_tasks,
            alumni_news=year.alumni_news,
        )
        register_exports()

        from .privacy import register_holdings

        register_holdings()
