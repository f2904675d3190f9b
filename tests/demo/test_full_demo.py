"""The whole demo, every capability's step included, seeds once and is safe to run twice."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command

from commonground.programmes.management.commands.seed_demo import FEATURE_STEPS


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in ("sessions", "django_tasks_db")
    }


def _network_grows_over_the_year() -> None:
    """Past cohorts' working ties cross sectors more at the end than at baseline; the running
    cohort has answered its baseline only."""
    from commonground.evaluation.network_figures import programme_headline
    from commonground.programmes.models import CohortStatus, Programme

    headline = programme_headline(Programme.objects.get(slug="leading-greater-essex"), None)
    assert headline.crossing_at_baseline is not None and headline.crossing_later is not None
    assert headline.crossing_later > headline.crossing_at_baseline + 0.2
    running = [c for c in headline.cohorts if c.cohort.status == CohortStatus.RUNNING]
    assert [c.later for c in running] == ["not asked yet"]
    assert running[0].baseline.endswith("%")


@pytest.mark.django_db
def test_the_whole_demo_seeds_every_capability_and_a_second_run_changes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("seed_demo")
    first = capsys.readouterr().out
    assert first.count("\n") >= 1 + len(FEATURE_STEPS)
    after_first = _counts()
    assert after_first["programmes.Cohort"] >= 11
    _network_grows_over_the_year()
    call_command("seed_demo")
    assert "already present" in capsys.readouterr().out
    assert _counts() == after_first
