"""A programme runs a cohort a year; participants enrol, attend activities and complete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from commonground.directory.models import Organisation, Person

if TYPE_CHECKING:
    from commonground.lib.access import Viewer


# Visibility lives on managers (`Cohort.objects.visible_to(viewer)`) rather than on custom
# querysets: the type checker loses `annotate()`'s fields on a custom queryset.
def _readable_programme_ids(viewer: Viewer) -> set[int] | None:
    """Programmes whose records the viewer sees in full: as their staff or facilitators."""
    # Imported here: the access module builds on these models.
    from commonground.lib.access import Level

    return viewer.programme_ids(Level.READ)


class Programme(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(unique=True)
    owner = models.ForeignKey(Organisation, models.PROTECT, related_name="programmes")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:programme", args=[self.slug])


class Role(models.TextChoices):
    """What someone does in a programme; participants, alumni and sponsors follow from records."""

    STAFF = "staff", "Programme staff"
    FACILITATOR = "facilitator", "Facilitator"
    EVALUATOR = "evaluator", "Evaluator"
    BOARD = "board", "Board viewer"


class ProgrammeRole(models.Model):
    programme = models.ForeignKey(Programme, models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="programme_roles"
    )
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "user", "role"], name="one_role_each")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.programme})"


class CohortStatus(models.TextChoices):
    PLANNING = "planning", "Planning"
    RECRUITING = "recruiting", "Recruiting"
    SELECTING = "selecting", "Selecting"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"


class CohortManager(models.Manager["Cohort"]):
    def visible_to(self, viewer: Viewer) -> models.QuerySet[Cohort]:
        """Cohorts of the programmes the viewer runs or facilitates, and the viewer's own cohorts
        (now or completed); board viewers and evaluators see programme counts, not cohorts."""
        ids = _readable_programme_ids(viewer)
        if ids is None:
            return self.get_queryset()
        return self.filter(Q(programme_id__in=ids) | Q(pk__in=viewer.cohort_ids))


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=50, help_text="For example: 2022/23")
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date")
    capacity = models.PositiveIntegerField(default=50)
    status = models.CharField(max_length=20, choices=CohortStatus.choices, default="planning")

    objects = CohortManager()

    class Meta:
        ordering = ["programme", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="cohort_name_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="cohort_ends_after_it_starts",
                violation_error_message="A cohort cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.name} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:cohort", args=[self.pk])

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The end date must be on or after the start date."})


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DEFERRED = "deferred", "Deferred"
    COMPLETED = "completed", "Completed"

    TAKING_A_PLACE: ClassVar[tuple[EnrolmentStatus, ...]]
    """Who holds a place in a cohort: on the programme now or completed it; people who withdrew
    or deferred have freed theirs. They are asked to evaluate, join challenge teams and see the
    cohort's activities in their calendar."""
    TOOK_A_PLACE: ClassVar[tuple[EnrolmentStatus, ...]]
    """Who counts as one of a cohort's participants: those who took a place, even if they left
    it; people who deferred count in the cohort they join later."""


EnrolmentStatus.TAKING_A_PLACE = (EnrolmentStatus.ACTIVE, EnrolmentStatus.COMPLETED)
EnrolmentStatus.TOOK_A_PLACE = (
    EnrolmentStatus.ACTIVE,
    EnrolmentStatus.COMPLETED,
    EnrolmentStatus.WITHDRAWN,
)


class EnrolmentManager(models.Manager["Enrolment"]):
    def visible_to(self, viewer: Viewer) -> models.QuerySet[Enrolment]:
        """Every enrolment of the programmes the viewer runs or facilitates; for anyone, their
        own enrolments and those they sponsor; for members of a cohort, their fellow members."""
        ids = _readable_programme_ids(viewer)
        if ids is None:
            return self.get_queryset()
        visible = Q(cohort__programme_id__in=ids) | Q(
            cohort_id__in=viewer.cohort_ids, status__in=EnrolmentStatus.TAKING_A_PLACE
        )
        if viewer.person_id is not None:
            visible |= Q(person_id=viewer.person_id) | Q(sponsor_id=viewer.person_id)
        return self.filter(visible)


class Enrolment(models.Model):
    person = models.ForeignKey(Person, models.PROTECT, related_name="enrolments")
    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="enrolments")
    status = models.CharField(max_length=20, choices=EnrolmentStatus.choices, default="active")
    enrolled_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(
        null=True, blank=True, help_text="When they completed, withdrew or deferred"
    )
    sponsor = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsored_enrolments",
        help_text="The senior leader who supports them",
    )
    leaving_reason = models.TextField(
        blank=True, help_text="Why they withdrew, or why completion was confirmed by exception"
    )
    deferred_to = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="deferred_from",
        help_text="Their enrolment in a later cohort, when they deferred",
    )
    # Their attendance standing, kept by `kept_standings` whenever marks, activities or rules
    # change, so that counting who is at risk reads no attendance marks. It holds until
    # `standing_until` (the next counted activity's start); empty: not yet worked out.
    standing_counted = models.PositiveIntegerField(default=0, editable=False)
    standing_held = models.PositiveIntegerField(default=0, editable=False)
    standing_attended = models.PositiveIntegerField(default=0, editable=False)
    standing_apologies = models.PositiveIntegerField(default=0, editable=False)
    standing_short = models.BooleanField(default=False, editable=False)
    standing_until = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EnrolmentManager()

    class Meta:
        ordering = ["cohort", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "cohort"], name="enrolled_once"),
            models.CheckConstraint(
                condition=~Q(sponsor=F("person")),
                name="not_own_sponsor",
                violation_error_message="A participant cannot be their own sponsor.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.cohort}"

    def clean(self) -> None:
        if self.sponsor_id and self.sponsor_id == self.person_id:
            raise ValidationError({"sponsor": "A participant cannot be their own sponsor."})
        if self.left_on and self.enrolled_on and self.left_on < self.enrolled_on:
            raise ValidationError({"left_on": "They cannot leave before they enrolled."})


# A meeting link goes into people's calendars and emails: only an encrypted one is accepted.
meeting_link = URLValidator(
    schemes=["https"],
    message="Enter the online link as a web address starting https://",
    code="not_https",
)


class ActivityKind(models.TextChoices):
    LAUNCH = "launch", "Launch"
    LEARNING_DAY = "learning_day", "Learning day"
    RESIDENTIAL = "residential", "Residential"
    PEER_COACHING = "peer_coaching", "Peer coaching set"
    CHALLENGE_WORKSHOP = "challenge_workshop", "Challenge workshop"
    ONLINE = "online", "Online session"
    SHOWCASE = "showcase", "Showcase or celebration"
    OTHER = "other", "Other"


class ActivityManager(models.Manager["Activity"]):
    def visible_to(self, viewer: Viewer) -> models.QuerySet[Activity]:
        """Every activity of the programmes the viewer runs or facilitates; for members of a
        cohort, its activities for everyone and those of their own learning set or team."""
        ids = _readable_programme_ids(viewer)
        if ids is None:
            return self.get_queryset()
        # Imported here: the audiences module reads the grouping and challenges apps, which
        # build on these models.
        from commonground.programmes.audiences import open_to_person

        as_member = Q(cohort_id__in=viewer.cohort_ids)
        if viewer.cohort_ids:
            assert viewer.person_id is not None, "cohort members always have a person record"
            as_member &= open_to_person(viewer.person_id, EnrolmentStatus.TAKING_A_PLACE)
        return self.filter(Q(cohort__programme_id__in=ids) | as_member)


class Activity(models.Model):
    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=30, choices=ActivityKind.choices)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    place = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True, validators=[meeting_link])
    facilitators = models.ManyToManyField(Person, blank=True, related_name="facilitated_activities")
    counts_towards_completion = models.BooleanField(default=True)
    # For one group only: a learning set's meeting or a challenge team's workshop (never both).
    # Removing the group or team leaves the activity, for the whole cohort again.
    group = models.ForeignKey(
        "grouping.Group",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        help_text="Only this learning set's members take part",
    )
    team = models.ForeignKey(
        "challenges.ChallengeTeam",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        help_text="Only this challenge team's members take part",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Calendar applications take a higher SEQUENCE as a newer version of the same event: it
    # rises only when what a calendar shows changes (programmes.calendar.SHOWN_IN_CALENDARS),
    # and on cancelling or restoring.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # The version last emailed to people's calendars, so a later change can be sent as an update.
    invited_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    reminders_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    invitations_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ActivityManager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name_plural = "activities"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="activity_ends_after_it_starts",
                violation_error_message="An activity must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(group__isnull=True) | Q(team__isnull=True),
                name="activity_for_one_group_at_most",
                violation_error_message="An activity is for one group or one team, not both.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("programmes:activity", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def calendars_out_of_date(self) -> bool:
        """Whether the activity, still to come, changed in calendars since the invitations were
        emailed: then the update is due."""
        return (
            not self.is_cancelled
            and self.invited_sequence is not None
            and self.sequence > self.invited_sequence
            and self.ends_at > timezone.now()
        )

    @property
    def for_one_group(self) -> bool:
        return self.group_id is not None or self.team_id is not None

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    LATE = "late", "Late"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"

    ATTENDED: ClassVar[tuple[AttendanceStatus, ...]]
    """Marks that count as having come to an activity, late or not."""


AttendanceStatus.ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class Attendance(models.Model):
    activity = models.ForeignKey(Activity, models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=500, blank=True, help_text="The reason given with apologies")

    class Meta:
        ordering = ["activity", "enrolment"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(fields=["activity", "enrolment"], name="one_mark_each")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.person}: {self.get_status_display()}"

    @property
    def attended(self) -> bool:
        return self.status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class CompletionRules(models.Model):
    """What a programme asks of its participants, and what completing it takes."""

    programme = models.OneToOneField(Programme, models.CASCADE, related_name="completion_rules")
    commitment = models.CharField(
        max_length=300,
        default="10 cohort days plus time on the system challenge",
        help_text="What participants commit to, in a sentence",
    )
    minimum_attendance = models.PositiveSmallIntegerField(
        "minimum attendance (%)",
        default=80,
        help_text="The share of counted activities a participant must attend, as a percentage",
    )
    challenge_presented = models.BooleanField(
        "the challenge presented", default=True, help_text="Their challenge team presented"
    )
    end_survey_answered = models.BooleanField(
        "the end-of-year survey answered",
        default=False,
        help_text="They answered the end-of-year survey",
    )

    class Meta:
        verbose_name_plural = "completion rules"
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_attendance__lte=100),
                name="minimum_attendance_is_a_percentage",
            )
        ]

    def __str__(self) -> str:
        return f"Completion rules of {self.programme}"


class CalendarFeed(models.Model):
    """A person's private calendar link; only a hash of its secret is kept."""

    person = models.OneToOneField(Person, models.CASCADE, related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.person}"


class Certificate(models.Model):
    """Proof of completion; anyone holding the code can check it on the verification page.

    A certificate is never deleted. When staff withdraw a completion, its certificate is marked
    withdrawn (who, when and why) and moves from `enrolment` to `withdrawn_from`, so its code
    still opens a verification page that says it was withdrawn, and the enrolment may later
    complete again with a new certificate.
    """

    enrolment = models.OneToOneField(
        Enrolment, models.CASCADE, null=True, blank=True, related_name="certificate"
    )
    code = models.CharField(max_length=40, unique=True)
    issued_on = models.DateField(default=timezone.localdate)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_from = models.ForeignKey(
        Enrolment,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="withdrawn_certificates",
        help_text="The enrolment whose completion was withdrawn, with this certificate",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        enrolment__isnull=False,
                        withdrawn_from__isnull=True,
                        withdrawn_at__isnull=True,
                    )
                    | Q(
                        enrolment__isnull=True,
                        withdrawn_from__isnull=False,
                        withdrawn_at__isnull=False,
                    )
                ),
                name="certificate_valid_or_withdrawn",
                violation_error_message="A certificate is valid for its enrolment, or withdrawn.",
            )
        ]

    def __str__(self) -> str:
        return f"Certificate {self.code}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:certificate_verify", args=[self.code])

    @property
    def holder(self) -> Enrolment:
        """The enrolment the certificate was issued for, valid or withdrawn."""
        holder = self.enrolment or self.withdrawn_from
        assert holder is not None, "a certificate is always for an enrolment"
        return holder

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class CohortMessage(models.Model):
    """An email to a cohort or some of its participants, kept on the cohort's history."""

    cohort = models.ForeignKey(Cohort, models.CASCADE, related_name="messages")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    audience = models.CharField(max_length=200, help_text="Who it went to, in words")
    recipients = models.ManyToManyField(Person, related_name="cohort_messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject
