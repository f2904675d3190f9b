"""Application rounds, applications with sponsor endorsement, panel reviews and selection.

Equality monitoring answers live in their own table (`EqualityResponse`), are never read by panel
pages and are reported only in aggregate.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from commonground.directory.models import Band, Organisation, Person
from commonground.programmes.models import Cohort

DEFAULT_QUESTIONS = [
    "Can you commit the time the programme asks of you?",
    "Which senior leader supports your application, and why?",
    "Are you ready to be stretched? Tell us how.",
    "What question are you asking about leading across Greater Essex?",
]
DEFAULT_CRITERIA = [
    "Moral purpose",
    "Comfort with ambiguity",
    "Influence beyond formal authority",
]
SENIOR_BANDS = [Band.CHIEF_OFFICER, Band.DIRECTOR]


class RoundManager(models.Manager["Round"]):
    def accepting_applications(self, now: dt.datetime | None = None) -> models.QuerySet[Round]:
        """Rounds open now whose places have not yet been offered."""
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now).exclude(
            proposals__confirmed_at__isnull=False
        )


class Round(models.Model):
    """The call for applications to one cohort."""

    cohort = models.OneToOneField(Cohort, models.CASCADE, related_name="recruitment_round")
    opens_at = models.DateTimeField("opens")
    closes_at = models.DateTimeField("closes")
    places = models.PositiveIntegerField(default=48)
    introduction = models.TextField(blank=True)
    questions = models.JSONField(default=list, blank=True)
    criteria = models.JSONField(default=list, blank=True)
    challenges = models.JSONField(
        default=list, blank=True, help_text="System challenges applicants may rank, by title"
    )
    eligible_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="recruitment_rounds"
    )
    eligible_bands = models.JSONField(default=list, blank=True)
    privacy_notice = models.TextField(blank=True)
    offer_days = models.PositiveIntegerField("days to answer an offer", default=14)
    waiting_list_size = models.PositiveIntegerField(default=10)
    reminder_days = models.PositiveIntegerField("days between sponsor reminders", default=7)
    retention_days = models.PositiveIntegerField(
        "days before unsuccessful applications are anonymised", default=365
    )

    objects = RoundManager()

    class Meta:
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="round_closes_after_it_opens",
                violation_error_message="A round must close after it opens.",
            )
        ]

    def __str__(self) -> str:
        return f"Applications for {self.cohort}"

    def get_absolute_url(self) -> str:
        return reverse("recruitment:round", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.opens_at <= timezone.now() < self.closes_at

    @property
    def has_closed(self) -> bool:
        return timezone.now() >= self.closes_at

    @cached_property
    def offers_sent_at(self) -> dt.datetime | None:
        """When the cohort was chosen and its offers sent, if they have been."""
        return (
            self.proposals.filter(confirmed_at__isnull=False)
            .order_by("confirmed_at")
            .values_list("confirmed_at", flat=True)
            .first()
        )

    @property
    def accepting_applications(self) -> bool:
        """Open, and its places not yet offered: once offers go out, nobody new may apply."""
        return self.is_open and self.offers_sent_at is None

    @property
    def stage(self) -> str:
        """Where the round is, in the words its tag shows: offers sent close it early."""
        if self.offers_sent_at is not None:
            return "Offers sent"
        if self.has_closed:
            return "Closed"
        return "Open" if self.is_open else "Not open yet"

    def band_labels(self) -> list[str]:
        return [Band(value).label for value in self.eligible_bands if value in Band.values]


class RuleAttribute(models.TextChoices):
    SECTOR = "sector", "Sector"
    AREA = "area", "Area"
    ORGANISATION = "organisation", "Organisation"


class BalanceRule(models.Model):
    """At least / at most so many from a sector, area or organisation; blank value: each one."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="rules")
    attribute = models.CharField(max_length=20, choices=RuleAttribute.choices)
    value = models.CharField(max_length=200, blank=True, help_text="Leave empty for each one")
    minimum = models.PositiveIntegerField(null=True, blank=True)
    maximum = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["attribute", "value", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        from .selection import EACH, Rule

        return Rule(self.attribute, self.value or EACH, self.minimum, self.maximum).label


class PanelMember(models.Model):
    round = models.ForeignKey(Round, models.CASCADE, related_name="panel")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="panels")

    class Meta:
        ordering = ["round", "user__email"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="on_panel_once")]

    def __str__(self) -> str:
        return f"{self.user} on the panel for {self.round.cohort}"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for sponsor"
    ENDORSED = "endorsed", "Complete"
    SPONSOR_DECLINED = "sponsor_declined", "Not supported by sponsor"
    WITHDRAWN = "withdrawn", "Withdrawn"
    OFFERED = "offered", "Offered a place"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined the offer"
    EXPIRED = "expired", "Offer expired"
    WAITING = "waiting", "Waiting list"
    UNSUCCESSFUL = "unsuccessful", "Unsuccessful"

    OPEN: ClassVar[tuple[Status, ...]]
    """Applications that may still change: the applicant can withdraw them before the close."""
    ENDED: ClassVar[tuple[Status, ...]]
    """Decided and not selected: anonymised after the round's retention period."""


Status.OPEN = (Status.DRAFT, Status.SUBMITTED, Status.ENDORSED)
Status.ENDED = (
    Status.SPONSOR_DECLINED,
    Status.WITHDRAWN,
    Status.DECLINED,
    Status.EXPIRED,
    Status.UNSUCCESSFUL,
)


class Application(models.Model):
    round = models.ForeignKey(Round, models.CASCADE, related_name="applications")
    person = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="applications"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # What the rules count, kept so that anonymised applications still count in the figures.
    organisation = models.ForeignKey(
        Organisation, models.PROTECT, null=True, blank=True, related_name="applications"
    )
    job_title = models.CharField(max_length=200, blank=True)
    band = models.CharField(max_length=20, choices=Band.choices, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    statements = models.JSONField(default=dict, blank=True)
    challenge_ranking = models.JSONField(default=list, blank=True)
    consent = models.BooleanField(default=False)
    sponsor_name = models.CharField(max_length=200, blank=True)
    sponsor_email = models.EmailField(blank=True)
    nominated_by = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="nominations"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    moderated_score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    moderation_note = models.TextField(blank=True)
    waiting_rank = models.PositiveIntegerField(null=True, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_deadline = models.DateTimeField(null=True, blank=True)
    consider_next_year = models.BooleanField(default=False)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="apply_once_per_round")
        ]
        # The applications list filters a round's applications by status in the database.
        indexes = [models.Index(fields=["round", "status"], name="application_by_status")]

    def __str__(self) -> str:
        who = self.person.name if self.person else f"Anonymised applicant {self.pk}"
        return f"{who}, {self.round.cohort.name}"

    def get_absolute_url(self) -> str:
        return reverse("recruitment:application", args=[self.pk])

    @property
    def name(self) -> str:
        return self.person.name if self.person else f"Anonymised applicant {self.pk}"

    def answer_pairs(self) -> list[tuple[str, str]]:
        return [(q, self.answers.get(str(i), "")) for i, q in enumerate(self.round.questions)]

    def statement_pairs(self) -> list[tuple[str, str]]:
        return [(c, self.statements.get(str(i), "")) for i, c in enumerate(self.round.criteria)]

    @property
    def is_complete(self) -> bool:
        return self.status not in (
            Status.DRAFT,
            Status.SUBMITTED,
            Status.SPONSOR_DECLINED,
            Status.WITHDRAWN,
        )


class EndorsementStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    ENDORSED = "endorsed", "Endorsed"
    DECLINED = "declined", "Declined"


class Endorsement(models.Model):
    """The named senior leader's support, given through a personal link (stored hashed)."""

    application = models.OneToOneField(Application, models.CASCADE, related_name="endorsement")
    sponsor = models.ForeignKey(Person, models.PROTECT, related_name="endorsements")
    token_digest = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=20, choices=EndorsementStatus.choices, default=EndorsementStatus.PENDING
    )
    statement = models.TextField(blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveIntegerField(default=0)
    next_reminder_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return f"{self.sponsor} for {self.application}"


class ContinueLink(models.Model):
    """An emailed link that signs a new applicant in once, to carry on with one application.

    It is bound to the application and the address it was sent to, stored only as a hash, lasts
    a few days and works once. It signs in only accounts that exist for applying alone (no
    password, no second factor, no other role): anyone else signs in through the sign-in form.
    """

    application = models.ForeignKey(Application, models.CASCADE, related_name="continue_links")
    email = models.EmailField()
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Sign-in link for {self.application}"


class Review(models.Model):
    """One panel member's marks for one application: criterion to a mark from 1 to 5."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="reviews")
    scores = models.JSONField(default=dict)
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "reviewer__email"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="review_once")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.application}"

    @property
    def total(self) -> int:
        return sum(int(v) for v in self.scores.values())


class Proposal(models.Model):
    """A proposed cohort from the solver, which staff may change by hand and then confirm."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="proposals")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20)
    objective = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    seconds = models.FloatField(default=0)
    chosen = models.JSONField(default=list)  # application ids
    solver_chosen = models.JSONField(default=list)
    conflicts = models.JSONField(default=list)  # rule labels
    changed_by_hand = models.BooleanField(default=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Proposal {self.pk} for {self.round.cohort}"

    def get_absolute_url(self) -> str:
        return reverse("recruitment:proposal", args=[self.pk])


PREFER_NOT = ("prefer_not", "Prefer not to say")


class AgeBand(models.TextChoices):
    UNDER_35 = "under_35", "Under 35"
    FROM_35 = "35_44", "35 to 44"
    FROM_45 = "45_54", "45 to 54"
    OVER_55 = "55_plus", "55 or over"
    PREFER_NOT = PREFER_NOT


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT = PREFER_NOT


class Ethnicity(models.TextChoices):
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Another ethnic group"
    PREFER_NOT = PREFER_NOT


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT


class EqualityResponse(models.Model):
    """Optional equality monitoring: special-category data, kept apart, seen in aggregate."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="equality_responses")
    application = models.OneToOneField(
        Application, models.SET_NULL, null=True, blank=True, related_name="equality"
    )
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, blank=True)
    sex = models.CharField(max_length=20, choices=Sex.choices, blank=True)
    ethnicity = models.CharField(max_length=20, choices=Ethnicity.choices, blank=True)
    disability = models.CharField(
        "disabled or long-term condition", max_length=20, choices=YesNo.choices, blank=True
    )
    caring = models.CharField(
        "caring responsibilities", max_length=20, choices=YesNo.choices, blank=True
    )

    class Meta:
        ordering = ["round", "pk"]

    def __str__(self) -> str:
        return f"Equality monitoring response {self.pk}"


EQUALITY_FIELDS = ("age_band", "sex", "ethnicity", "disability", "caring")
