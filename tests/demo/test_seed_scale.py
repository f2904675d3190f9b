"""`manage.py seed_scale` at a tiny size: the sizes asked for, every kind of record, the same rows
from the same seed, and the demo logins able to see it all."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from commonground.directory.models import Organisation, Person
from commonground.evaluation.models import SurveyResponse, Wave
from commonground.programmes.models import Activity, Attendance, Cohort, Enrolment, ProgrammeRole
from commonground.recruitment.models import Application

pytestmark = pytest.mark.django_db

TINY = [
    "--no-demo",
    "--organisations=25",
    "--people=80",
    "--programmes=2",
    "--cohorts=6",
    "--enrolments-per-cohort=6",
    "--activities-per-cohort=4",
    "--applications-per-round=7",
]


class _Undo(Exception):
    """Raised to roll the seeded rows back, so the next seeding starts from an empty database."""


def _rows() -> dict[str, Any]:
    """What the data set holds, without the database's ids (which differ between two runs)."""
    return {
        "people": list(
            Person.objects.order_by("email").values_list(
                "first_name", "last_name", "email", "band", "organisation__name"
            )
        ),
        "cohorts": list(
            Cohort.objects.order_by("programme__slug", "starts_on").values_list(
                "programme__name", "name", "status", "starts_on"
            )
        ),
        "enrolments": list(
            Enrolment.objects.order_by("person__email", "cohort__starts_on").values_list(
                "person__email", "cohort__name", "status", "left_on", "sponsor__email"
            )
        ),
        "marks": Counter(Attendance.objects.values_list("status", flat=True)),
        "answers": sorted(
            SurveyResponse.objects.values_list(
                "enrolment__person__email", "wave__kind", "rater_type", "ratings", "before_ratings"
            ),
            key=repr,
        ),
        "applications": sorted(
            Application.objects.values_list("person__email", "status", "answers"), key=repr
        ),
    }


def _seeded(*args: str) -> dict[str, Any]:
    try:
        with transaction.atomic():
            call_command("seed_scale", *TINY, *args)
            rows = _rows()
            raise _Undo
    except _Undo:
        return rows


def test_it_seeds_the_sizes_asked_for() -> None:
    call_command("seed_scale", *TINY)
    assert Organisation.objects.count() == 25
    assert Person.objects.count() == 80
    cohorts = Cohort.objects.filter(programme__slug__startswith="national-")
    assert cohorts.count() == 6
    assert Enrolment.objects.count() == 6 * 6
    assert Activity.objects.count() == 6 * 4
    held = Activity.objects.filter(starts_at__date__lt=cohorts.latest("starts_on").starts_on)
    assert 0 < Attendance.objects.count() <= held.count() * 6
    assert Wave.objects.filter(cohort__in=cohorts).count() > 0
    answered = SurveyResponse.objects.filter(submitted_at__isnull=False)
    assert answered.filter(rater_type="self").exists()
    assert answered.exclude(rater_type="self").exists()
    # Each programme's newest cohort recruits, with the applications asked for.
    assert Application.objects.count() == 2 * 7


def test_the_same_seed_gives_the_same_rows_and_another_seed_others() -> None:
    first = _seeded()
    assert first["answers"] and first["marks"]
    assert _seeded() == first
    assert _seeded("--seed=7")["people"] != first["people"]


def test_a_second_run_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("seed_scale", *TINY)
    people = Person.objects.count()
    call_command("seed_scale", *TINY)
    assert "already present: nothing changed" in capsys.readouterr().out
    assert Person.objects.count() == people


def test_the_demo_logins_get_a_role_in_every_national_programme() -> None:
    call_command("seed_scale", *[a for a in TINY if a != "--no-demo"])
    roles = ProgrammeRole.objects.filter(programme__slug__startswith="national-")
    by_login = Counter(roles.values_list("user__email", flat=True))
    assert by_login == {
        f"{role}@demo.commonground.example": 2
        for role in ("staff", "facilitator", "evaluator", "board")
    }


def test_a_size_below_one_is_refused_with_its_name() -> None:
    with pytest.raises(CommandError, match="--people must be at least 1"):
        call_command("seed_scale", "--no-demo", "--people=0")
    with pytest.raises(CommandError, match="--scale must be more than 0"):
        call_command("seed_scale", "--no-demo", "--scale=0")
    assert not Person.objects.exists()
