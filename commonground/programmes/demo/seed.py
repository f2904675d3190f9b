"""Writes the demo plan to the database in one transaction, with bulk inserts and no audit entries.

Seeded rows are not changes made by a user, so they are not in the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from commonground.accounts.models import User
from commonground.directory.models import Organisation, Person, Post
from commonground.directory.reference import load_organisations, read_organisations
from commonground.programmes.models import (
    Activity,
    Attendance,
    Cohort,
    Enrolment,
    Programme,
    ProgrammeRole,
)

from .build import build_plan
from .logins import DEMO_PASSWORD, OWNER
from .plan import CohortPlan, DemoPlan, LoginPlan, PersonPlan

SLUG = "leading-greater-essex"
DESCRIPTION = (
    "A year-long programme for senior leaders from councils, police, fire, the NHS, education, "
    "central government and the voluntary sector across Essex, Southend and Thurrock, who learn "
    "to lead across organisational boundaries."
)


@dataclass
class Summary:
    organisations: int
    people: int
    posts: int
    cohorts: int
    enrolments: int
    alumni: int
    activities: int
    attendance: int
    logins: int


def demo_present() -> bool:
    return Cohort.objects.filter(programme__slug=SLUG).exists()


@transaction.atomic
def seed(today: dt.date | None = None) -> Summary | None:
    """Seed the demo; None when it is already there, so a second run changes nothing."""
    if demo_present():
        return None
    plan = build_plan(today or timezone.localdate(), read_organisations())
    organisations = load_organisations()
    programme, _ = Programme.objects.get_or_create(
        slug=SLUG,
        defaults={
            "name": "Leading Greater Essex",
            "owner": organisations[OWNER],
            "description": DESCRIPTION,
        },
    )
    people = _people(plan.people, organisations)
    users = _logins(plan.logins, people, programme)
    cohorts = _cohorts(plan.cohorts, programme)
    enrolments = _enrolments(plan.cohorts, cohorts, people)
    activities, attendance = _activities(plan, cohorts, people, enrolments, users)
    return Summary(
        organisations=len(organisations),
        people=len(people),
        posts=sum(len(p.posts) for p in plan.people),
        cohorts=len(cohorts),
        enrolments=len(enrolments),
        alumni=len({key[1] for key, e in enrolments.items() if e.status == "completed"}),
        activities=activities,
        attendance=attendance,
        logins=len(users),
    )


def _people(plan: list[PersonPlan], organisations: dict[str, Organisation]) -> dict[str, Person]:
    people = Person.objects.bulk_create(
        [
            Person(
                first_name=p.first_name,
                last_name=p.last_name,
                email=p.email.lower(),
                organisation=organisations[p.organisation],
                job_title=p.current.title,
                band=p.current.band,
            )
            for p in plan
        ]
    )
    by_email = {person.email: person for person in people}
    Post.objects.bulk_create(
        [
            Post(
                person=by_email[p.email],
                organisation=organisations[post.organisation],
                title=post.title,
                band=post.band,
                started_on=post.started_on,
                ended_on=post.ended_on,
            )
            for p in plan
            for post in p.posts
        ]
    )
    return by_email


def _logins(
    plan: list[LoginPlan], people: dict[str, Person], programme: Programme
) -> dict[str, User]:
    # One hash for the one shared demo password: hashing eight times would only be slower.
    password = make_password(DEMO_PASSWORD)
    User.objects.bulk_create(
        [
            User(
                email=login.email,
                name=login.name,
                password=password,
                is_superuser=login.superuser,
                is_staff=login.superuser,
            )
            for login in plan
            if not User.objects.filter(email__iexact=login.email).exists()
        ]
    )
    users = {u.email: u for u in User.objects.filter(email__in=[x.email for x in plan])}
    linked = []
    for login in plan:
        if login.person is not None:
            person = people[login.person.email]
            person.user = users[login.email]
            linked.append(person)
    Person.objects.bulk_update(linked, ["user"])
    ProgrammeRole.objects.bulk_create(
        [
            ProgrammeRole(programme=programme, user=users[x.email], role=x.programme_role)
            for x in plan
            if x.programme_role
        ]
    )
    return {x.role: users[x.email] for x in plan}


def _cohorts(plan: list[CohortPlan], programme: Programme) -> dict[str, Cohort]:
    cohorts = Cohort.objects.bulk_create(
        [
            Cohort(
                programme=programme,
                name=c.name,
                starts_on=c.starts_on,
                ends_on=c.ends_on,
                capacity=50,
                status=c.status,
            )
            for c in plan
        ]
    )
    return {c.name: c for c in cohorts}


EnrolmentKey = tuple[str, str]  # cohort name, person email


def _enrolments(
    plan: list[CohortPlan], cohorts: dict[str, Cohort], people: dict[str, Person]
) -> dict[EnrolmentKey, Enrolment]:
    rows = [
        (
            (c.name, e.person.email),
            Enrolment(
                cohort=cohorts[c.name],
                person=people[e.person.email],
                sponsor=people[e.sponsor.email],
                status=e.status,
                enrolled_on=e.enrolled_on,
                left_on=e.left_on,
            ),
        )
        for c in plan
        for e in c.enrolments
    ]
    Enrolment.objects.bulk_create([row for _, row in rows])
    return dict(rows)


def _activities(
    plan: DemoPlan,
    cohorts: dict[str, Cohort],
    people: dict[str, Person],
    enrolments: dict[EnrolmentKey, Enrolment],
    users: dict[str, User],
) -> tuple[int, int]:
    pairs = [
        (
            a,
            Activity(
                cohort=cohorts[c.name],
                kind=a.kind,
                title=a.title,
                starts_at=a.starts_at,
                ends_at=a.ends_at,
                place=a.place,
                online_link=a.online_link,
            ),
            c.name,
        )
        for c in plan.cohorts
        for a in c.activities
    ]
    Activity.objects.bulk_create([activity for _, activity, _ in pairs])
    Through = Activity.facilitators.through
    Through.objects.bulk_create(
        [
            Through(activity_id=activity.pk, person_id=people[f.email].pk)
            for a, activity, _ in pairs
            for f in a.facilitators
        ]
    )
    marks = Attendance.objects.bulk_create(
        [
            Attendance(
                activity=activity,
                enrolment=enrolments[(cohort, mark.person.email)],
                status=mark.status,
                recorded_by=users[a.recorded_by],
                recorded_at=mark.recorded_at,
            )
            for a, activity, cohort in pairs
            for mark in a.marks
        ],
        batch_size=2000,
    )
    return len(pairs), len(marks)
