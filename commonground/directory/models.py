"""Organisations of the partnership, the people who work in them and the posts they hold."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

if TYPE_CHECKING:
    from commonground.lib.access import Viewer


class Sector(models.TextChoices):
    LOCAL_GOVERNMENT = "Local government", "Local government"
    HEALTH_AND_CARE = "Health and care", "Health and care"
    POLICE_AND_JUSTICE = "Police and justice", "Police and justice"
    FIRE_AND_RESCUE = "Fire and rescue", "Fire and rescue"
    EDUCATION = "Education", "Education"
    CENTRAL_GOVERNMENT = "Central government", "Central government"
    VOLUNTARY_AND_COMMUNITY = "Voluntary and community", "Voluntary and community"
    PARTNERSHIP = "Partnership", "Partnership"
    PRIVATE = "Private sector", "Private sector"


class Area(models.TextChoices):
    ESSEX = "Essex"
    SOUTHEND = "Southend"
    THURROCK = "Thurrock"
    GREATER_ESSEX = "Greater Essex", "Greater Essex-wide"


class Band(models.TextChoices):
    """Seniority bands, most senior first."""

    CHIEF_OFFICER = "chief_officer", "Chief officer"
    DIRECTOR = "director", "Director"
    ASSISTANT_DIRECTOR = "assistant_director", "Assistant director"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    OTHER = "other", "Other"

    @classmethod
    def rank(cls, value: str) -> int:
        """0 for the most senior band; a smaller rank is a more senior post."""
        return list(cls.values).index(value)


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    sector = models.CharField(max_length=40, choices=Sector.choices)
    kind = models.CharField(max_length=100, blank=True, help_text="For example: District council")
    area = models.CharField(max_length=20, choices=Area.choices)
    locality = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        # The organisations list filters by sector and area, sorted by name (search: search.py).
        indexes = [
            models.Index(fields=["sector", "name"], name="organisation_by_sector"),
            models.Index(fields=["area", "name"], name="organisation_by_area"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation", args=[self.pk])

    @property
    def label(self) -> str:
        return self.short_name or self.name


class PersonManager(models.Manager["Person"]):
    def visible_to(self, viewer: Viewer) -> models.QuerySet[Person]:
        """The whole directory for programme staff and facilitators; for anyone else their own
        record and those of the people they sponsor (`Viewer.may_see_person` for one record)."""
        if viewer.reads_directory:
            return self.get_queryset()
        return self.filter(Q(pk=viewer.person_id) | Q(pk__in=viewer.sponsored_person_ids))


class Person(models.Model):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField("email address")
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="people"
    )
    job_title = models.CharField(max_length=200, blank=True)
    band = models.CharField("seniority band", max_length=20, choices=Band.choices, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="person"
    )

    objects = PersonManager()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name_plural = "people"
        # The people list is sorted by name (search: search.py).
        indexes = [models.Index(fields=["last_name", "first_name", "id"], name="person_by_name")]
        constraints = [models.UniqueConstraint(Lower("email"), name="person_email_unique_ci")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("directory:person", args=[self.pk])

    def validate_constraints(self, exclude: Any = None) -> None:
        # The form sees the lower-cased address, so "Ann@X" and "ann@x" clash as they should.
        self.email = self.email.strip().lower()
        super().validate_constraints(exclude=exclude)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class BandSource(models.TextChoices):
    """Who said which band a post is on: the ladder's suggestion, the person, or staff."""

    STATED = "stated", "Given by the person"
    SUGGESTED = "suggested", "Suggested from the job title"
    CORRECTED = "corrected", "Corrected by programme staff"


class Rung(models.Model):
    """One rung of a programme's ladder: a band, in the fixed order every programme shares so
    that progression compares alike, named and described in the programme's own words."""

    programme = models.ForeignKey(
        "programmes.Programme", models.CASCADE, related_name="rungs", editable=False
    )
    band = models.CharField("seniority band", max_length=20, choices=Band.choices, editable=False)
    label = models.CharField(max_length=80)
    meaning = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "band"], name="rung_once_per_programme")
        ]

    def __str__(self) -> str:
        return self.label


class BandExample(models.Model):
    """A job title as one sector says it, placed on a programme's ladder, so that the same
    title lands on the same band whoever enters it ("Chief Superintendent" in police and
    justice is an assistant director or equivalent)."""

    programme = models.ForeignKey(
        "programmes.Programme", models.CASCADE, related_name="band_examples", editable=False
    )
    sector = models.CharField(max_length=40, choices=Sector.choices)
    title = models.CharField(max_length=200)
    band = models.CharField("seniority band", max_length=20, choices=Band.choices)

    class Meta:
        ordering = ["sector", "title"]
        constraints = [
            models.UniqueConstraint(
                "programme", "sector", Lower("title"), name="band_example_once_per_sector"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.sector}): {self.get_band_display()}"


class Post(models.Model):
    """A job a person held: the career history that shows movement into more senior roles."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="posts")
    organisation = models.ForeignKey(Organisation, models.PROTECT, related_name="posts")
    title = models.CharField(max_length=200)
    band = models.CharField("seniority band", max_length=20, choices=Band.choices)
    started_on = models.DateField("from")
    ended_on = models.DateField("to", null=True, blank=True)
    band_source = models.CharField(
        max_length=20, choices=BandSource.choices, default=BandSource.STATED
    )
    # A second post held at the same time (a joint appointment), said so by the person.
    held_alongside = models.BooleanField("held alongside another post", default=False)
    # The yearly "still in this role?" question: when it was last asked and last answered yes.
    asked_on = models.DateField(null=True, blank=True, editable=False)
    confirmed_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="post_ends_after_it_starts",
                violation_error_message="A post cannot end before it starts.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation}"

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "A post cannot end before it starts."})


class CareerChoice(models.Model):
    """What a person chose after reading the career record's privacy notice, and when.

    `follow_up` is whether they agree to keep their record up to date once a year and to have it
    counted, without their name, in the programme's progression figures.
    """

    person = models.OneToOneField(Person, models.CASCADE, related_name="career_choice")
    follow_up = models.BooleanField()
    notice_version = models.CharField(max_length=20)
    chosen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.person}: {'follow up' if self.follow_up else 'do not follow up'}"
