"""Groupings of a cohort: learning sets, challenge teams and mixing plans, with their groups.

A grouping holds the rules staff chose and the engine's last result: its groups (one set per
round), who is placed where, and the explanation (each group's mix, each rule met or broken).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from commonground.lib import heartbeat
from commonground.programmes.models import Cohort, Enrolment


class Kind(models.TextChoices):
    LEARNING_SETS = "learning_sets", "Learning sets"
    CHALLENGE_TEAMS = "challenge_teams", "Challenge teams"
    MIXING_PLAN = "mixing_plan", "Mixing plan"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    QUEUED = "queued", "Waiting to run"
    RUNNING = "running", "Running"
    READY = "ready", "Ready"
    PUBLISHED = "published", "Published"
    FAILED = "failed", "Failed"


# Rules, pairs and placements change only when no run is under way and nothing is published.
EDITABLE = (Status.DRAFT, Status.READY, Status.FAILED)
IN_PROGRESS = (Status.QUEUED, Status.RUNNING)


def default_rules() -> dict[str, Any]:
    """Colleagues apart (hard), sectors, areas and bands mixed, seniority balanced."""
    return {
        "spread": {
            "organisation": {"mode": "hard", "weight": 1.0},
            "sector": {"mode": "weighted", "weight": 1.0},
            "area": {"mode": "weighted", "weight": 1.0},
            "band": {"mode": "weighted", "weight": 1.0},
        },
        "balance": [{"attribute": "seniority", "hard": False, "weight": 1.0, "tolerance": None}],
        "do_not_isolate": [],
    }


class Grouping(models.Model):
    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="groupings")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.LEARNING_SETS)
    name = models.CharField(max_length=200)
    rounds = models.PositiveSmallIntegerField(default=1)
    group_count = models.PositiveSmallIntegerField("number of groups", null=True, blank=True)
    target_size = models.PositiveSmallIntegerField("group size", null=True, blank=True)
    rules = models.JSONField(default=default_rules)
    seed = models.PositiveIntegerField(default=1)
    time_limit = models.PositiveSmallIntegerField("time limit in seconds", default=10)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    progress = models.FloatField(default=0.0)
    progress_message = models.CharField(max_length=200, blank=True)
    explanation = models.JSONField(default=dict, blank=True)
    error_message = models.TextField(blank=True)
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="When the running task last reported progress"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cohort", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rounds__gte=1), name="grouping_has_a_round"),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=1),
                name="grouping_progress_is_a_fraction",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("grouping:grouping", args=[self.pk])

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    @property
    def in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    def recover_if_stopped(self) -> None:
        """A run whose worker died is marked failed, so staff can run it again."""
        if self.status not in IN_PROGRESS or not heartbeat.has_stopped(self.heartbeat_at):
            return
        failed = {
            "status": Status.FAILED,
            "error_message": heartbeat.STOPPED_MESSAGE,
            "progress": 0.0,
            "progress_message": "",
        }
        if heartbeat.mark_stopped(Grouping.objects.filter(pk=self.pk), IN_PROGRESS, **failed):
            for name, value in failed.items():
                setattr(self, name, value)

    @property
    def size_text(self) -> str:
        if self.kind == Kind.CHALLENGE_TEAMS:
            return "one team per challenge"
        if self.group_count:
            return f"{self.group_count} groups"
        return f"groups of about {self.target_size}"

    @property
    def percent(self) -> int:
        return round(self.progress * 100)


class Group(models.Model):
    grouping = models.ForeignKey(Grouping, models.CASCADE, related_name="groups")
    round = models.PositiveSmallIntegerField(default=1)
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    challenge = models.ForeignKey(
        "challenges.Challenge",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="grouping_groups",
        help_text="For challenge teams: the challenge this group works on",
    )

    class Meta:
        ordering = ["grouping", "round", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["grouping", "round", "number"], name="group_number_unique_in_round"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Placement(models.Model):
    group = models.ForeignKey(Group, models.CASCADE, related_name="placements")
    enrolment = models.ForeignKey(Enrolment, models.CASCADE, related_name="grouping_placements")
    pinned = models.BooleanField(
        default=False, help_text="Staff placed them by hand: a re-run keeps them here"
    )

    class Meta:
        ordering = ["group", "enrolment__person__last_name", "enrolment__person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "enrolment"], name="placed_once_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.person} in {self.group}"


class PairKind(models.TextChoices):
    APART = "apart", "Keep apart"
    TOGETHER = "together", "Keep together"


class PairRule(models.Model):
    """Two people to keep apart (a line manager and their report) or together; always hard."""

    grouping = models.ForeignKey(Grouping, models.CASCADE, related_name="pair_rules")
    kind = models.CharField(max_length=20, choices=PairKind.choices, default=PairKind.APART)
    first = models.ForeignKey(Enrolment, models.CASCADE, related_name="+")
    second = models.ForeignKey(Enrolment, models.CASCADE, related_name="+")
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["grouping", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(first=F("second")),
                name="pair_of_two_people",
                violation_error_message="Choose two different people.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.first.person} and {self.second.person}"
