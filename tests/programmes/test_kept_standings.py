"""Each enrolment's attendance standing is kept as registers are taken, marks changed and
activities added, moved or deleted, and the staff home counts who is at risk from it: the same
figures as from the marks themselves, whatever changed and whenever the home is looked at."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from commonground.programmes.commitment import standings
from commonground.programmes.kept_standings import (
    FOREVER,
    at_risk_by_cohort,
    keep,
    keep_run_out,
    run_out,
)
from commonground.programmes.models import (
    Activity,
    ActivityKind,
    Attendance,
    Cohort,
    CompletionRules,
    Enrolment,
)
from tests.conftest import World
from tests.programmes.conftest import grow_cohort

AT_RISK = "participant at risk of not completing</a>"


def _past_days(world: World, count: int) -> list[Activity]:
    """`count` counted days already held in the world's cohort, no register taken yet."""
    now = timezone.now()
    return [
        Activity.objects.create(
            cohort=world.cohort,
            kind=ActivityKind.LEARNING_DAY,
            title=f"Past day {number}",
            starts_at=now - dt.timedelta(days=60 - number),
            ends_at=now - dt.timedelta(days=60 - number, hours=-6),
        )
        for number in range(count)
    ]


def _register(world: World, activity: Activity, status: str) -> None:
    url = reverse("programmes:register", args=[activity.pk])
    response = world.client("staff").post(url, {f"mark-{world.enrolment.pk}": status})
    assert response.status_code == 302


def _kept(world: World) -> tuple[int, int, bool]:
    enrolment = Enrolment.objects.get(pk=world.enrolment.pk)
    return enrolment.standing_held, enrolment.standing_attended, enrolment.standing_short


def _home_says_at_risk(world: World) -> bool:
    page = world.client("staff").get(reverse("home")).content.decode()
    return f"1 {AT_RISK} in {world.cohort}" in page


def test_a_register_taken_changes_the_standing_and_the_home(world: World) -> None:
    days = _past_days(world, 4)
    assert _kept(world) == (4, 0, True)
    assert _home_says_at_risk(world)
    for day in days:
        _register(world, day, "present")
    assert _kept(world) == (4, 4, False)
    assert not _home_says_at_risk(world)


def test_a_mark_changed_changes_the_standing_and_the_home(world: World) -> None:
    days = _past_days(world, 5)
    for day in days:
        _register(world, day, "present")
    assert not _home_says_at_risk(world)
    for day in days[:2]:
        _register(world, day, "absent")  # 3 of 5: 60%, below the 80% asked for
    assert _kept(world) == (5, 3, True)
    assert _home_says_at_risk(world)
    _register(world, days[0], "late")  # late counts as attended: 4 of 5
    assert _kept(world) == (5, 4, False)
    assert not _home_says_at_risk(world)


def test_an_activity_deleted_or_moved_changes_the_standing_and_the_home(world: World) -> None:
    days = _past_days(world, 5)
    for day in days[:3]:
        _register(world, day, "present")
    assert _home_says_at_risk(world)  # 3 of 5
    days[3].delete()
    assert _kept(world) == (4, 3, True)  # 3 of 4: 75%
    days[4].starts_at = timezone.now() + dt.timedelta(days=3)  # moved to later on
    days[4].ends_at = days[4].starts_at + dt.timedelta(hours=6)
    days[4].save()
    assert _kept(world) == (3, 3, False)
    assert not _home_says_at_risk(world)


def test_apologies_sent_ahead_count_once_the_day_is_held(world: World) -> None:
    _past_days(world, 2)
    start = timezone.now() + dt.timedelta(hours=2)
    later = Activity.objects.create(
        cohort=world.cohort,
        kind=ActivityKind.LEARNING_DAY,
        title="Later day",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=6),
    )
    enrolment = Enrolment.objects.get(pk=world.enrolment.pk)
    assert enrolment.standing_until is not None and enrolment.standing_until <= start
    cohorts = Cohort.objects.filter(pk=world.cohort.pk)
    # Present at both days held (marks written in bulk, kept with the next register taken).
    Attendance.objects.bulk_create(
        Attendance(activity=day, enrolment=world.enrolment, status="present")
        for day in Activity.objects.filter(title__startswith="Past day")
    )
    _register(world, later, "apologies")
    assert at_risk_by_cohort(cohorts, timezone.now()).get(world.cohort.pk, 0) == 0
    # Once the later day has started, its apologies and its place among the days held count:
    # 2 of 3 attended (67%), so at risk, though nothing was saved in between.
    tomorrow = timezone.now() + dt.timedelta(days=1)
    assert at_risk_by_cohort(cohorts, tomorrow) == {world.cohort.pk: 1}


def test_a_change_of_the_minimum_changes_the_standings(world: World) -> None:
    days = _past_days(world, 4)
    for day in days[:3]:
        _register(world, day, "present")
    assert _home_says_at_risk(world)  # 75%, below 80%
    CompletionRules.objects.create(programme=world.programme, minimum_attendance=70)
    assert _kept(world) == (4, 3, False)
    assert not _home_says_at_risk(world)


def test_the_kept_figures_are_those_worked_out_from_the_marks(world: World) -> None:
    grow_cohort(world, world.cohort, enrolments=12, activities=6)  # marks written in bulk
    keep(Enrolment.objects.filter(cohort=world.cohort))  # as the seeds do after them
    enrolments = list(Enrolment.objects.filter(cohort=world.cohort).select_related("cohort"))
    worked_out = standings(enrolments)
    for enrolment in enrolments:
        found = worked_out[enrolment.pk]
        assert (
            enrolment.standing_counted,
            enrolment.standing_held,
            enrolment.standing_attended,
            enrolment.standing_apologies,
        ) == (found.counted, found.held, found.attended, found.apologies)
        if enrolment.status == "active":
            assert enrolment.standing_short == found.at_risk


def test_standings_never_worked_out_are_counted_from_the_marks_then_kept(world: World) -> None:
    grow_cohort(world, world.cohort, enrolments=10, activities=6)  # marks written in bulk
    keep(Enrolment.objects.filter(cohort=world.cohort))
    cohorts = Cohort.objects.filter(pk=world.cohort.pk)
    before = at_risk_by_cohort(cohorts, timezone.now())
    Enrolment.objects.filter(cohort=world.cohort).update(
        standing_until=None, standing_short=False, standing_held=0
    )
    assert at_risk_by_cohort(cohorts, timezone.now()) == before
    waiting = run_out(Enrolment.objects.all(), timezone.now()).count()
    assert waiting >= Enrolment.objects.filter(cohort=world.cohort).count()
    assert keep_run_out() == waiting
    assert not Enrolment.objects.filter(cohort=world.cohort, standing_until__isnull=True).exists()
    assert at_risk_by_cohort(cohorts, timezone.now()) == before
    assert keep_run_out() == 0  # nothing ran out since


def test_a_mark_changed_in_the_admin_is_counted_from_the_marks(world: World) -> None:
    days = _past_days(world, 5)
    for day in days:
        _register(world, day, "present")
    mark = Attendance.objects.get(enrolment=world.enrolment, activity=days[0])
    mark.status = "absent"
    mark.save()  # one at a time, as the admin saves it: 4 of 5 (80%) still
    assert Enrolment.objects.get(pk=world.enrolment.pk).standing_until is None
    assert not _home_says_at_risk(world)
    Attendance.objects.get(enrolment=world.enrolment, activity=days[1]).delete()
    assert _home_says_at_risk(world)  # 3 of 5


def test_a_standing_no_activity_can_change_holds_for_ever(world: World) -> None:
    world.activity.delete()  # the cohort's only day to come
    _past_days(world, 1)
    assert Enrolment.objects.get(pk=world.enrolment.pk).standing_until == FOREVER


def test_the_hourly_command_renews_the_standings_that_ran_out(world: World) -> None:
    _past_days(world, 2)
    Enrolment.objects.filter(pk=world.enrolment.pk).update(standing_until=None)
    waiting = run_out(Enrolment.objects.all(), timezone.now()).count()
    out = StringIO()
    call_command("keep_standings", stdout=out)
    assert f"Kept {waiting} attendance standings." in out.getvalue()
    assert _kept(world) == (2, 0, True)
    assert Enrolment.objects.get(pk=world.enrolment.pk).standing_until is not None
