"""Registers the challenges app, its export, and the completion rule it measures: the challenge
presented."""

from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "commonground.challenges"
    label = "challenges"
    verbose_name = "System challenges"

    def ready(self) -> None:
        from commonground.programmes import shared_groups
        from commonground.programmes import year as programme_year
        from commonground.programmes.measures import Measure, register

        from . import year
        from .exports import register_exports
        from .services import presented_enrolment_ids
        from .shared import team_members

        shared_groups.register("challenge_team", team_members)

        register(
            Measure(
                switch="challenge_presented",
                rule="Challenge presented",
                met_by=presented_enrolment_ids,
                met="The challenge team has presented.",
                not_met="The challenge team has not presented yet.",
            )
        )
        programme_year.register("challenges", part=year.part, attention=year.attention)
        register_exports()

        from .privacy import register_holdings

        register_holdings()
