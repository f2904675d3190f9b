"""System challenges: real cross-agency problems that cohort teams work on for 100 days.

A challenge belongs to a programme and usually to the cohort that took it on (a standing
challenge has no cohort). Participants rank the challenges of their cohort; teams are formed by
hand or by the grouping engine; each team follows a 100-day plan of milestones, posts updates and
links, and presents at a showcase to the sponsors.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from commonground.directory.models import Organisation, Person
from commonground.programmes.models import Cohort, Enrolment, Programme

# The 100-day plan: the day of each milestone counted from the team's start.
PLAN_DAYS = {"start": 0, "midpoint": 50, "final": 100}


class Theme(models.TextChoices):
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    MENTAL_HEALTH = "mental_health", "Mental health and suicide prevention"
    CHILDRENS_MENTAL_HEALTH = "childrens_mental_health", "Children's mental health"
    HOMELESSNESS = "homelessness", "Homelessness"
    AGEING = "ageing", "Ageing population"
    SKILLS = "skills", "Skills and employment"
    HOSPITAL_DISCHARGE = "hospital_discharge", "Hospital discharge"
    KNIFE_CRIME = "knife_crime", "Knife crime and serious violence"
    COST_OF_LIVING = "cost_of_living", "Cost of living"
    NET_ZERO = "net_zero", "Net zero and climate"
    OTHER = "other", "Other"


class ChallengeStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    SHOWCASED = "showcased", "Showcased"
    CLOSED = "closed", "Closed"


class Challenge(models.Model):
    programme = models.ForeignKey(Programme, models.CASCADE, related_name="challenges")
    cohort = models.ForeignKey(
        Cohort,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="challenges",
        help_text="The year it was offered; leave empty for a standing challenge",
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    problem_statement = models.TextField()
    owner = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_challenges",
        help_text="The senior sponsor who owns the challenge",
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="challenges", verbose_name="organisations involved"
    )
    theme = models.CharField(max_length=40, choices=Theme.choices)
    capacity = models.PositiveSmallIntegerField(
        "largest team", default=6, help_text="The most people one team can take"
    )
    minimum = models.PositiveSmallIntegerField(
        "smallest team", default=3, help_text="The fewest people a team needs"
    )
    status = models.CharField(
        max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.PROPOSED
    )
    outcomes = models.TextField(blank=True, help_text="What came of it, written after the showcase")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "slug"],
                condition=Q(cohort__isnull=False),
                name="challenge_slug_unique_in_cohort",
            ),
            models.UniqueConstraint(
                fields=["programme", "slug"],
                condition=Q(cohort__isnull=True),
                name="standing_challenge_slug_unique",
            ),
            models.CheckConstraint(
                condition=Q(minimum__gte=1) & Q(minimum__lte=F("capacity")),
                name="challenge_minimum_within_capacity",
                violation_error_message="The smallest team must be between 1 and the largest team.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("challenges:challenge", args=[self.pk])

    def clean(self) -> None:
        if self.minimum is not None and self.capacity is not None:
            if self.minimum < 1:
                raise ValidationError({"minimum": "The smallest team must be at least 1 person."})
            if self.minimum > self.capacity:
                raise ValidationError(
                    {"minimum": "The smallest team cannot be larger than the largest team."}
                )
        if (
            self.cohort is not None
            and self.programme_id
            and self.cohort.programme_id != self.programme_id
        ):
            raise ValidationError({"cohort": "Choose a cohort of the challenge's programme."})


class ChallengePreference(models.Model):
    """A participant's ranking of a challenge of their cohort: rank 1 is their first choice."""

    enrolment = models.ForeignKey(Enrolment, models.CASCADE, related_name="challenge_preferences")
    challenge = models.ForeignKey(Challenge, models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["enrolment", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "rank"], name="one_challenge_per_rank"),
            models.UniqueConstraint(
                fields=["enrolment", "challenge"], name="one_rank_per_challenge"
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="preference_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.person}: {self.rank}. {self.challenge}"


class FormedBy(models.TextChoices):
    HAND = "hand", "By hand"
    GROUPING = "grouping", "By the grouping engine"


class ChallengeTeam(models.Model):
    challenge = models.ForeignKey(Challenge, models.CASCADE, related_name="teams")
    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="challenge_teams")
    name = models.CharField(max_length=200)
    members = models.ManyToManyField(
        Enrolment, through="TeamMembership", related_name="challenge_teams"
    )
    formed_by = models.CharField(max_length=20, choices=FormedBy.choices, default=FormedBy.HAND)
    starts_on = models.DateField(
        "start of the 100 days",
        null=True,
        blank=True,
        help_text="Leave empty to start on the cohort's start date",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cohort", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "name"], name="team_name_unique_in_cohort")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("challenges:team", args=[self.pk])

    @property
    def start_date(self) -> dt.date:
        return self.starts_on or self.cohort.starts_on

    def due_on(self, kind: str) -> dt.date:
        return self.start_date + dt.timedelta(days=PLAN_DAYS[kind])


class TeamRole(models.TextChoices):
    MEMBER = "member", "Member"
    LEAD = "lead", "Lead"


class TeamMembership(models.Model):
    team = models.ForeignKey(ChallengeTeam, models.CASCADE, related_name="memberships")
    enrolment = models.ForeignKey(Enrolment, models.CASCADE, related_name="team_memberships")
    role = models.CharField(max_length=20, choices=TeamRole.choices, default=TeamRole.MEMBER)

    class Meta:
        ordering = ["team", "enrolment__person__last_name", "enrolment__person__first_name"]
        constraints = [models.UniqueConstraint(fields=["team", "enrolment"], name="in_a_team_once")]

    def __str__(self) -> str:
        return f"{self.enrolment.person} in {self.team}"


class MilestoneKind(models.TextChoices):
    START = "start", "Start"
    MIDPOINT = "midpoint", "Mid-point review"
    FINAL = "final", "Final review and showcase"


class Milestone(models.Model):
    team = models.ForeignKey(ChallengeTeam, models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=20, choices=MilestoneKind.choices)
    due_on = models.DateField("due")
    done_on = models.DateField("done", null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["team", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["team", "kind"], name="one_milestone_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.team})"

    @property
    def day(self) -> int:
        return PLAN_DAYS[self.kind]


class TeamUpdate(models.Model):
    team = models.ForeignKey(ChallengeTeam, models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Update to {self.team} at {self.created_at:%Y-%m-%d %H:%M}"


class LinkKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    LINK = "link", "Link"


class TeamLink(models.Model):
    team = models.ForeignKey(ChallengeTeam, models.CASCADE, related_name="links")
    title = models.CharField(max_length=200)
    url = models.URLField("web address", max_length=500)
    kind = models.CharField(max_length=20, choices=LinkKind.choices, default=LinkKind.LINK)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["team", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class Showcase(models.Model):
    """A team's final presentation to the sponsors, and what came of it."""

    team = models.OneToOneField(ChallengeTeam, models.CASCADE, related_name="showcase")
    held_on = models.DateField("date", null=True, blank=True)
    presentation_link = models.URLField(max_length=500, blank=True)
    outcomes_summary = models.TextField("outcomes", blank=True)
    presented = models.BooleanField("the team presented", default=False)
    sponsor_feedback = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Showcase of {self.team}"
