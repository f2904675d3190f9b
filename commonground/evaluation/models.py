"""Evaluation records: instruments in immutable versions, a cohort's waves, raters and answers.

A version's questions never change once it is published, so answers stored against it (keyed by
the questions' ids) always mean what they meant when they were given.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

# Kept apart so the command line can name waves without a database; re-exported for the apps.
from commonground.evaluation.choices import RATER_TYPE_LABELS as RATER_TYPE_LABELS
from commonground.evaluation.choices import Relationship as Relationship
from commonground.evaluation.choices import WaveKind as WaveKind
from commonground.programmes.models import Cohort, Enrolment, Programme


class Instrument(models.Model):
    """A questionnaire a programme evaluates itself with, kept as a line of versions."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, null=True, blank=True, related_name="instruments"
    )
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class InstrumentVersion(models.Model):
    instrument = models.ForeignKey(Instrument, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=VersionStatus.choices, default="draft")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.instrument.title}, version {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:version", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT


def likert_labels(text: str) -> list[str]:
    """Scale labels from a text area, one a line, lowest first."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class Theme(models.Model):
    version = models.ForeignKey(InstrumentVersion, models.CASCADE, related_name="themes")
    key = models.SlugField("id", max_length=60)
    title = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="theme_key_unique")]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """One thing a leader does; `scale_labels` empty means a 0-100 rating."""

    theme = models.ForeignKey(Theme, models.CASCADE, related_name="indicators")
    key = models.SlugField("id", max_length=60)
    self_wording = models.TextField("wording for the participant")
    rater_wording = models.TextField("wording for raters")
    scale_labels = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["theme__position", "position", "pk"]

    def __str__(self) -> str:
        return self.self_wording


class StatementKind(models.TextChoices):
    REACTION = "reaction", "Reaction"
    OUTCOME = "outcome", "Outcome"


class Statement(models.Model):
    """A reaction ("I learnt valuable things") or an outcome, asked of participants at the end."""

    version = models.ForeignKey(InstrumentVersion, models.CASCADE, related_name="statements")
    key = models.SlugField("id", max_length=60)
    kind = models.CharField(max_length=20, choices=StatementKind.choices)
    wording = models.TextField()
    scale_labels = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version", "position", "pk"]

    def __str__(self) -> str:
        return self.wording


class FreeTextQuestion(models.Model):
    version = models.ForeignKey(InstrumentVersion, models.CASCADE, related_name="free_text")
    key = models.SlugField("id", max_length=60)
    wording = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version", "position", "pk"]

    def __str__(self) -> str:
        return self.wording


class NetworkQuestionSet(models.Model):
    """The roster questions a programme asks about who works with whom (see docs/network.md).

    Each tie type is one question over the same roster; its key names it in the figures and the
    exports, so a tie type is never renamed once answers refer to it.
    """

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="network_question_sets")
    title = models.CharField(max_length=200)
    include_alumni = models.BooleanField(
        "add alumni of earlier cohorts to the roster",
        default=False,
        help_text="Participants can name alumni of the programme's earlier cohorts too.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["programme", "title", "pk"]

    def __str__(self) -> str:
        return self.title


class TieType(models.Model):
    """One roster question: "With whom have you worked on something in the last six months?"."""

    question_set = models.ForeignKey(NetworkQuestionSet, models.CASCADE, related_name="tie_types")
    key = models.SlugField("id", max_length=60)
    wording = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["question_set", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question_set", "key"], name="tie_type_key_unique")
        ]

    def __str__(self) -> str:
        return self.wording


class Wave(models.Model):
    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="evaluation_waves")
    kind = models.CharField(max_length=20, choices=WaveKind.choices)
    opens_on = models.DateField("opens")
    closes_on = models.DateField("closes")
    version = models.ForeignKey(InstrumentVersion, models.PROTECT, related_name="waves")
    includes_raters = models.BooleanField(
        "ask line managers, peers and direct reports", default=False
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    network_questions = models.ForeignKey(
        NetworkQuestionSet,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="waves",
        verbose_name="network questions",
        help_text="Ask participants whom they know and work with across the cohort.",
    )

    class Meta:
        ordering = ["cohort", "opens_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "kind"], name="one_wave_of_each_kind"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="wave_closes_after_it_opens",
                violation_error_message="A wave cannot close before it opens.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.cohort}"

    @property
    def asks_before(self) -> bool:
        """At the end, each indicator is also rated looking back: "before the programme"."""
        return self.kind == WaveKind.END

    @property
    def asks_statements(self) -> bool:
        return self.kind in (WaveKind.END, WaveKind.FOLLOW_UP_6, WaveKind.FOLLOW_UP_12)

    @property
    def closes_at(self) -> dt.datetime:
        """Links and answers are accepted until the end of the closing day."""
        end = dt.datetime.combine(self.closes_on + dt.timedelta(days=1), dt.time())
        return timezone.make_aware(end)

    def is_open(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class NominationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class Nomination(models.Model):
    """Someone a participant asks to rate them; staff approve before any email is sent."""

    enrolment = models.ForeignKey(Enrolment, models.CASCADE, related_name="rater_nominations")
    name = models.CharField(max_length=200)
    email = models.EmailField("email address")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    status = models.CharField(max_length=20, choices=NominationStatus.choices, default="pending")
    nominated_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["enrolment", "relationship", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()})"


class SurveyResponse(models.Model):
    """One questionnaire about one participant at one wave, from them or one of their raters.

    The row exists from the invitation on; `submitted_at` is empty until it is answered. Answers
    are kept by question id against `version`, the version the wave asked.
    """

    wave = models.ForeignKey(Wave, models.CASCADE, related_name="responses")
    enrolment = models.ForeignKey(Enrolment, models.CASCADE, related_name="survey_responses")
    rater_type = models.CharField(max_length=20)
    nomination = models.ForeignKey(
        Nomination, models.CASCADE, null=True, blank=True, related_name="responses"
    )
    version = models.ForeignKey(InstrumentVersion, models.PROTECT, related_name="responses")
    ratings = models.JSONField(default=dict, blank=True)
    before_ratings = models.JSONField(default=dict, blank=True)
    comments = models.JSONField(default=dict, blank=True)
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    network_submitted_at = models.DateTimeField(null=True, blank=True)
    # Set by the UPDATE that claims a row for an email, so two workers never send the same one.
    claim = models.CharField(max_length=32, blank=True, db_index=True)

    class Meta:
        ordering = ["wave", "enrolment", "rater_type", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "enrolment"],
                condition=Q(rater_type="self"),
                name="one_self_assessment_per_wave",
            ),
            models.UniqueConstraint(
                fields=["wave", "nomination"],
                condition=Q(nomination__isnull=False),
                name="one_response_per_rater_per_wave",
            ),
        ]
        indexes = [models.Index(fields=["wave", "submitted_at"])]

    def __str__(self) -> str:
        return f"{RATER_TYPE_LABELS.get(self.rater_type, self.rater_type)}, {self.wave}"

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None


class NetworkAnswer(models.Model):
    """Someone on the roster whom the respondent named on one tie type: personal data, seen
    in full by programme staff only."""

    response = models.ForeignKey(SurveyResponse, models.CASCADE, related_name="network_answers")
    tie_type = models.ForeignKey(TieType, models.PROTECT, related_name="answers")
    person = models.ForeignKey("directory.Person", models.CASCADE, related_name="+")

    class Meta:
        ordering = ["response_id", "tie_type_id", "person_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "tie_type", "person"], name="named_once_per_tie_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.tie_type.key}: {self.person_id}"


class OutsideName(models.Model):
    """A name from outside the roster, typed by the respondent; kept for programme staff only."""

    response = models.ForeignKey(SurveyResponse, models.CASCADE, related_name="outside_names")
    tie_type = models.ForeignKey(TieType, models.PROTECT, related_name="outside_names")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["response_id", "tie_type_id", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class SnapshotStatus(models.TextChoices):
    WAITING = "waiting", "Waiting to start"
    RUNNING = "running", "Working out the figures"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class ReportSnapshot(models.Model):
    """A computed report of a cohort (or, with no cohort, a whole programme) for one audience.

    The statistics are worked out by a background task and kept here as plain JSON (the tables
    and charts the pages show), so report pages and the board PDF render without recomputing.
    `fingerprint` names the answers the stored figures come from (the instrument version, the
    number of responses, the latest submission); when the answers change, the page asks for a
    fresh computation and shows the previous figures, marked as such, with its progress.
    `key` is the scope and audience: "programme:3:all" (staff, every number) or "cohort:12:min5".
    A cohort's snapshot also keeps the report's every figure (`figures`), which the API serves.
    """

    key = models.CharField(max_length=60, unique=True)
    programme = models.ForeignKey(Programme, models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, models.CASCADE, null=True, blank=True, related_name="+")
    threshold = models.PositiveSmallIntegerField(null=True, blank=True)
    fingerprint = models.CharField(max_length=120, blank=True)
    wanted = models.CharField(max_length=120, blank=True)
    status = models.CharField(
        max_length=10, choices=SnapshotStatus.choices, default=SnapshotStatus.WAITING
    )
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)
    # A cohort's report as the statistics library computes it, every figure, for the API.
    figures = models.JSONField(null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    requested_at = models.DateTimeField(default=timezone.now)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key

    @property
    def in_progress(self) -> bool:
        return self.status in (SnapshotStatus.WAITING, SnapshotStatus.RUNNING)

    @property
    def percent(self) -> int:
        return round(100 * self.progress)

    @property
    def current(self) -> bool:
        """The stored figures are those of the answers as they stand."""
        return bool(self.data) and self.fingerprint == self.wanted
