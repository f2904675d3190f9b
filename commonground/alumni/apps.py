"""Registers the alumni network, and what it adds to lower apps' screens: the alumni home's news,
the calendar feed's alumni events and the movement's figures."""

from django.apps import AppConfig


class AlumniConfig(AppConfig):
    name = "commonground.alumni"
    label = "alumni"
    verbose_name = "Alumni network"

    def ready(self) -> None:
        from commonground.programmes import calendar, movement
        from commonground.programmes import year as programme_year

        from . import events, figures, year

        programme_year.register("alumni", alumni_news=year.alumni_news)
        calendar.register_feed_entries("alumni", events.feed_entries)
        movement.register("alumni", figures.provider)

        from .privacy import register_holdings

        register_holdings()
