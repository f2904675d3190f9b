"""Initiatives: the joined-up work alumni lead or take part in after their year, and its outcomes.

An initiative (the county's domestic-abuse partnership, say) belongs to a programme, names the
organisations that work on it, the alumni and participants involved (leading it or taking part)
and the 100-day challenges it grew out of. Its indicators carry values over time; its stories say
what changed, for whom and on what evidence, and may be used in reports only once everyone named
in them has agreed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from commonground.challenges.models import Challenge
from commonground.directory.models import Organisation, Person
from commonground.programmes.models import Programme


class InitiativeStatus(models.TextChoices):
    ACTIVE = "active", "Under way"
    ENDED = "ended", "Ended"


class Initiative(models.Model):
    programme = models.ForeignKey(Programme, models.CASCADE, related_name="initiatives")
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="What the work is, and what it set out to change")
    started_on = models.DateField("started")
    status = models.CharField(
        max_length=20, choices=InitiativeStatus.choices, default=InitiativeStatus.ACTIVE
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="initiatives", verbose_name="organisations involved"
    )
    challenges = models.ManyToManyField(
        Challenge,
        blank=True,
        related_name="initiatives",
        verbose_name="challenges that led to it",
    )
    people = models.ManyToManyField(Person, through="Involvement", related_name="initiatives")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "title"], name="initiative_title_unique_in_programme"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:initiative", args=[self.pk])


class InvolvementRole(models.TextChoices):
    LEADS = "leads", "Leads it"
    TAKES_PART = "takes_part", "Takes part"


class Involvement(models.Model):
    """One person's part in an initiative."""

    initiative = models.ForeignKey(Initiative, models.CASCADE, related_name="involvements")
    person = models.ForeignKey(Person, models.CASCADE, related_name="involvements")
    role = models.CharField(max_length=20, choices=InvolvementRole.choices)

    class Meta:
        ordering = ["initiative", "role", "person__last_name", "person__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "person"], name="involved_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display().lower()}) in {self.initiative}"


class Indicator(models.Model):
    """Something the initiative measures over time, such as repeat referrals in a quarter."""

    initiative = models.ForeignKey(Initiative, models.CASCADE, related_name="indicators")
    name = models.CharField(max_length=200)
    unit = models.CharField(
        max_length=60, help_text="What one value counts, for example: referrals, %, days"
    )
    definition = models.TextField(help_text="What is counted, from which source, and how often")
    higher_is_better = models.BooleanField(
        "a higher value is better", default=True, help_text="Untick where a fall is the aim"
    )

    class Meta:
        ordering = ["initiative", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "name"], name="indicator_name_unique_in_initiative"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("initiatives:indicator", args=[self.pk])


class IndicatorValue(models.Model):
    """The indicator's value for the period ending on a date (a quarter's last day, say)."""

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="values")
    period_end = models.DateField("end of the period")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["indicator", "period_end"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period_end"], name="one_value_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} to {self.period_end:%d %b %Y}"


class Story(models.Model):
    """What changed, for whom, and the evidence, told by someone involved."""

    initiative = models.ForeignKey(Initiative, models.CASCADE, related_name="stories")
    title = models.CharField(max_length=200)
    what_changed = models.TextField("what changed")
    for_whom = models.TextField("for whom")
    evidence = models.TextField(help_text="How we know: figures, feedback, documents")
    author = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="stories_written"
    )
    written_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["-written_on", "pk"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("initiatives:story", args=[self.pk])

    @property
    def usable(self) -> bool:
        """Whether it may be used in reports: everyone it names has agreed, or it names no one.

        Reads `named_people`, so a list of stories prefetches them.
        """
        return all(person.consent == Consent.GIVEN for person in self.named_people.all())

    @property
    def waiting_for(self) -> list[str]:
        """The names of the people who have not agreed to be named."""
        return [p.name for p in self.named_people.all() if p.consent != Consent.GIVEN]


class Consent(models.TextChoices):
    NOT_ASKED = "not_asked", "Not asked yet"
    GIVEN = "given", "Agreed"
    REFUSED = "refused", "Refused"


class NamedPerson(models.Model):
    """Someone a story names, and whether they agreed to be named in reports."""

    story = models.ForeignKey(Story, models.CASCADE, related_name="named_people")
    name = models.CharField(max_length=200)
    consent = models.CharField(max_length=20, choices=Consent.choices, default=Consent.NOT_ASKED)
    consent_on = models.DateField("consent recorded on", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["story", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["story", "name"], name="named_once_in_a_story"),
            models.CheckConstraint(
                condition=Q(consent="not_asked") | Q(consent_on__isnull=False),
                name="consent_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} in {self.story}"


def period_label(day: dt.date) -> str:
    """The period a value covers, named by the month it ends in: "Jun 2025"."""
    return f"{day:%b %Y}"
