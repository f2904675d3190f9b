"""Mentors who volunteer, participants who ask for one, and the matches made between them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from commonground.directory.models import Person
from commonground.programmes.models import Enrolment, Programme

MAX_CAPACITY = 5


def areas(text: str) -> frozenset[str]:
    """The areas named in a comma-separated list, compared without case or spacing."""
    return frozenset(" ".join(part.split()).lower() for part in text.split(",") if part.strip())


class Mentor(models.Model):
    """An alumnus who offers to mentor participants of the programme's running cohort."""

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="mentors")
    person = models.ForeignKey(Person, models.CASCADE, related_name="mentoring_offers")
    capacity = models.PositiveSmallIntegerField(
        "how many people you could mentor at once",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
    )
    expertise = models.CharField(
        "what you could help with",
        max_length=500,
        help_text="Separate areas with commas, for example: commissioning, partnership boards",
    )
    prefers_sectors = models.JSONField(
        "sectors you would like to mentor someone from", default=list, blank=True
    )
    notes = models.TextField("anything else the programme team should know", blank=True)
    available = models.BooleanField("I can take on a mentee now", default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"],
                name="one_mentor_offer_per_programme",
                violation_error_message="You have already volunteered for this programme.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} (mentor)"

    @property
    def expertise_areas(self) -> frozenset[str]:
        return areas(self.expertise)


class MentoringRequest(models.Model):
    """A participant's request for a mentor, with what they want help with and who manages them."""

    enrolment = models.OneToOneField(Enrolment, models.CASCADE, related_name="mentoring_request")
    needs = models.CharField(
        "areas you want help with",
        max_length=500,
        help_text="Separate areas with commas, for example: commissioning, budgets",
    )
    help_with = models.TextField("what you would like a mentor to help you with")
    chain = models.ManyToManyField(
        Person,
        blank=True,
        related_name="+",
        verbose_name="mentors who manage you or sit in your line management chain",
    )
    unmatched_reason = models.CharField(max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["enrolment__person__last_name", "enrolment__person__first_name", "pk"]

    def __str__(self) -> str:
        return f"{self.enrolment.person} (asks for a mentor)"

    @property
    def need_areas(self) -> frozenset[str]:
        return areas(self.needs)


class MatchStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    PUBLISHED = "published", "Introduced"
    ENDED = "ended", "Ended"


class Match(models.Model):
    """A mentor paired with a mentee: proposed by the matching or by staff, then introduced."""

    request = models.ForeignKey(MentoringRequest, models.CASCADE, related_name="matches")
    mentor = models.ForeignKey(Mentor, models.CASCADE, related_name="matches")
    status = models.CharField(
        max_length=20, choices=MatchStatus.choices, default=MatchStatus.PROPOSED
    )
    score = models.IntegerField(default=0)
    explanation = models.CharField(max_length=500)
    by_hand = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "matches"
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=~Q(status="ended"),
                name="one_live_match_per_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor.person} mentors {self.request.enrolment.person}"
