"""Time to first move up is counted from each completer's own completion date, and someone who
has not moved up is censored on the last day their record was confirmed or changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from commonground.audit.models import AuditEntry
from commonground.directory.models import Band, Person, Post
from commonground.programmes.models import Enrolment, EnrolmentStatus
from commonground.progression.careers import DAYS_A_YEAR, Held, career
from commonground.progression.records import load
from commonground.progression.report import follows
from commonground.progression.survival import kaplan_meier
from tests.conftest import World
from tests.progression.test_survival import RELAPSED, WEEKS

TODAY = dt.date(2026, 11, 1)
FIRST_COMPLETION = dt.date(2025, 6, 2)


def _completer(world: World, n: int, completed: dt.date) -> Person:
    person = Person.objects.create(
        first_name=f"Dated{n}", last_name="Test", email=f"dated{n}@example.org"
    )
    Enrolment.objects.create(
        person=person,
        cohort=world.past_cohort,
        status=EnrolmentStatus.COMPLETED,
        enrolled_on=world.past_cohort.starts_on,
        left_on=completed,
    )
    return person


def _post(person: Person, world: World, band: str, started: dt.date, **dates: object) -> Post:
    return Post.objects.create(
        person=person,
        organisation=world.organisation,
        title=band,
        band=band,
        started_on=started,
        **dates,
    )


@pytest.mark.django_db
def test_the_curve_from_dated_completions_matches_the_textbook_table(world: World) -> None:
    """The 6-MP arm of Freireich's trial again (Kleinbaum and Klein, Survival Analysis, table
    2.1), now as 21 completers who each completed on a different day: a relapse at week w is a
    move up w weeks after their own completion; a censored time is the day their record was last
    confirmed, or, for one of them, last changed (the audit log's date)."""
    post_type = ContentType.objects.get_for_model(Post)
    for n, (weeks, moved) in enumerate(zip(WEEKS, RELAPSED, strict=True)):
        completed = FIRST_COMPLETION + dt.timedelta(days=3 * n)
        at = completed + dt.timedelta(weeks=weeks)
        person = _completer(world, n, completed)
        if moved:
            _post(person, world, Band.HEAD_OF_SERVICE, dt.date(2020, 1, 6), ended_on=at)
            _post(person, world, Band.DIRECTOR, at)
        elif n % 2:
            _post(person, world, Band.HEAD_OF_SERVICE, dt.date(2020, 1, 6), confirmed_on=at)
        else:
            post = _post(person, world, Band.HEAD_OF_SERVICE, dt.date(2020, 1, 6))
            AuditEntry.objects.create(
                action="directory.post.changed",
                content_type=post_type,
                object_id=str(post.pk),
                object_repr=str(post),
                created_at=timezone.make_aware(dt.datetime.combine(at, dt.time(12))),
            )
    records = load(world.programme, TODAY)
    steps = kaplan_meier(follows([c.career for c in records.completers]))
    table = [
        (round(s.years * DAYS_A_YEAR / 7), s.at_risk, s.moved_up, round(s.not_yet, 4))
        for s in steps
    ]
    assert table == [
        (6, 21, 3, 0.8571),
        (7, 17, 1, 0.8067),
        (10, 15, 1, 0.7529),
        (13, 12, 1, 0.6902),
        (16, 11, 1, 0.6275),
        (22, 7, 1, 0.5378),
        (23, 6, 1, 0.4482),
    ]


def test_a_move_up_is_timed_from_completion_not_from_the_start_of_the_year() -> None:
    posts = [
        Held(Band.HEAD_OF_SERVICE, dt.date(2020, 1, 1), dt.date(2026, 7, 31)),
        Held(Band.DIRECTOR, dt.date(2026, 8, 1), None),
    ]
    moved = career(posts, dt.date(2024, 9, 1), dt.date(2025, 8, 1), TODAY)
    assert moved.moved_up_after == pytest.approx(1.0, abs=0.01)


def test_a_move_up_during_the_year_counts_as_moved_on_completion() -> None:
    posts = [
        Held(Band.HEAD_OF_SERVICE, dt.date(2020, 1, 1), dt.date(2025, 1, 31)),
        Held(Band.DIRECTOR, dt.date(2025, 2, 1), None),
    ]
    assert career(posts, dt.date(2024, 9, 1), dt.date(2025, 7, 31), TODAY).moved_up_after == 0


def test_someone_not_moved_is_followed_only_until_their_record_was_last_confirmed() -> None:
    confirmed = Held(Band.HEAD_OF_SERVICE, dt.date(2020, 1, 1), None, dt.date(2026, 7, 31))
    stale = Held(Band.HEAD_OF_SERVICE, dt.date(2020, 1, 1), None)
    completed = dt.date(2025, 7, 31)
    assert career([confirmed], dt.date(2024, 9, 1), completed, TODAY).followed_for == (
        pytest.approx(1.0, abs=0.01)
    )
    # Never confirmed since before the year: known only up to completion, so followed for 0.
    assert career([stale], dt.date(2024, 9, 1), completed, TODAY).followed_for == 0


def test_a_post_ending_in_the_future_is_not_taken_as_known_beyond_today() -> None:
    leaving = Held(Band.HEAD_OF_SERVICE, dt.date(2020, 1, 1), dt.date(2030, 1, 1))
    followed = career([leaving], dt.date(2024, 9, 1), dt.date(2025, 11, 1), TODAY).followed_for
    assert followed == pytest.approx(1.0, abs=0.01)
