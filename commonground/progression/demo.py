"""The progression report's part of the demo: past rounds of Leading Greater Essex, so that its
completers have a comparison group of applicants who were not selected (some scored just below
the line), with careers of their own; and the demo alumnus's choice about their career record.

The completers' careers come from the programme's demo (about a third move up). Applicants who
were not selected move up less often, so the report has a difference to show, with an interval
wide enough to be honest about it. Most people answered the yearly "still in this role?" within
the past year; some have not answered for years, so the curve has stale records to censor.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from commonground.directory.models import Band, CareerChoice, Organisation, Person, Post
from commonground.programmes.demo.people import title_for
from commonground.programmes.models import Cohort, Enrolment, EnrolmentStatus, Programme
from commonground.recruitment.demo import DOMAIN, SLUG, Maker
from commonground.recruitment.models import Application, Round, Status

SEED = 20160901
PAST_COHORTS = ("2017/18", "2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24")
NOT_SELECTED_PER_ROUND = 16
STALE_SHARE = 0.15
STARTING_BANDS = (Band.SENIOR_MANAGER, Band.HEAD_OF_SERVICE, Band.ASSISTANT_DIRECTOR)


def _chance_of_moving(years_since: float) -> float:
    """Less than the completers' chance in the programme's demo, rising with time."""
    return min(0.2, 0.02 + 0.02 * years_since)


def _promote(band: str) -> str:
    return list(Band.values)[max(Band.rank(band) - 1, 0)]


class _Past:
    def __init__(self, rng: random.Random, organisations: list[Organisation]) -> None:
        self.rng = rng
        self.maker = Maker(rng, organisations)
        self.today = timezone.localdate()

    def round_for(self, cohort: Cohort) -> int:
        rng = self.rng
        opens = timezone.make_aware(dt.datetime(cohort.starts_on.year, 2, 1, 9))
        application_round = Round.objects.create(
            cohort=cohort,
            opens_at=opens,
            closes_at=opens + dt.timedelta(days=45),
            places=cohort.capacity or 48,
        )
        decided = opens + dt.timedelta(days=75)
        rows = []
        for enrolment in Enrolment.objects.filter(
            cohort=cohort, status__in=EnrolmentStatus.TAKING_A_PLACE
        ).select_related("person__organisation"):
            row = self.maker.application(application_round, enrolment.person, Status.ACCEPTED, None)
            row.decided_at, row.moderated_score = decided, rng.randint(14, 24)
            rows.append(row)
        for person in self.maker.people(NOT_SELECTED_PER_ROUND, "c"):
            band = rng.choice(STARTING_BANDS)
            self._career(person, band, cohort)
            row = self.maker.application(application_round, person, Status.UNSUCCESSFUL, None)
            # Scores of 11 to 13 are just below the line of 14; the rest further below.
            row.decided_at, row.moderated_score = decided, rng.randint(6, 13)
            row.band = band
            rows.append(row)
        Application.objects.bulk_create(rows)
        return len(rows)

    def _career(self, person: Person, band: str, cohort: Cohort) -> None:
        """A post held when the year began; perhaps a more senior one since."""
        rng = self.rng
        organisation = person.organisation
        assert organisation is not None
        started = cohort.starts_on - dt.timedelta(days=rng.randint(200, 2000))
        posts = [Post(person=person, organisation=organisation, band=band, started_on=started)]
        years_since = (self.today - cohort.starts_on).days / 365.25
        if rng.random() < _chance_of_moving(years_since):
            days = rng.randint(120, max(121, (self.today - cohort.starts_on).days - 30))
            moved = cohort.starts_on + dt.timedelta(days=days)
            posts[0].ended_on = moved - dt.timedelta(days=1)
            posts.append(
                Post(
                    person=person,
                    organisation=organisation,
                    band=_promote(band),
                    started_on=moved,
                )
            )
        for post in posts:
            post.title = title_for(rng, organisation.sector, post.band)
        Post.objects.bulk_create(posts)
        person.job_title, person.band = posts[-1].title, posts[-1].band
        person.save(update_fields=["job_title", "band"])


def _confirm_current_posts(rng: random.Random, programme: Programme) -> None:
    """The yearly question answered yes: within the past year for most, years ago for some."""
    today = timezone.localdate()
    completers = Enrolment.objects.filter(
        cohort__programme=programme, status=EnrolmentStatus.COMPLETED
    ).values("person_id")
    applicants = Application.objects.filter(round__cohort__programme=programme).values("person_id")
    posts = list(
        Post.objects.filter(ended_on__isnull=True)
        .filter(Q(person_id__in=completers) | Q(person_id__in=applicants))
        .order_by("pk")
    )
    for post in posts:
        back = rng.randint(400, 1500) if rng.random() < STALE_SHARE else rng.randint(1, 360)
        post.confirmed_on = max(post.started_on, today - dt.timedelta(days=back))
    Post.objects.bulk_update(posts, ["confirmed_on"], batch_size=500)


@transaction.atomic
def seed() -> str | None:
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None:
        return None
    cohorts = list(Cohort.objects.filter(programme=programme, name__in=PAST_COHORTS))
    if not cohorts or Round.objects.filter(cohort__in=cohorts).exists():
        return None
    rng = random.Random(SEED)  # nosec B311  # seeded on purpose, so the demo is the same every time
    past = _Past(rng, list(Organisation.objects.exclude(programmes=programme).order_by("name")))
    applications = sum(
        past.round_for(cohort) for cohort in sorted(cohorts, key=lambda c: c.starts_on)
    )
    _confirm_current_posts(rng, programme)
    alumnus = Person.objects.filter(user__email=f"alumnus@{DOMAIN}").first()
    if alumnus is not None:
        CareerChoice.objects.get_or_create(
            person=alumnus,
            defaults={"follow_up": True, "notice_version": "2026-1", "chosen_at": timezone.now()},
        )
    return (
        f"Seeded progression: past rounds for {len(cohorts)} cohorts with {applications} "
        f"applications, {len(cohorts) * NOT_SELECTED_PER_ROUND} of them not selected, with careers."
    )
