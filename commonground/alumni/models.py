"""The alumni network: opt-in profiles, asks and offers with private replies, alumni events with
their RSVPs, and the weekly digest sent to each person."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from commonground.directory.models import Person
from commonground.programmes.models import Programme, meeting_link


class Visibility(models.TextChoices):
    """Who sees one field of a profile, chosen by its owner; each includes the ones above it."""

    STAFF = "staff", "Programme staff only"
    NETWORK = "network", "Alumni and participants"
    PROGRAMME = "programme", "Everyone in the programme"

    WIDER_THAN_STAFF: ClassVar[tuple[Visibility, ...]]


Visibility.WIDER_THAN_STAFF = (Visibility.NETWORK, Visibility.PROGRAMME)


class ExpertiseTag(models.Model):
    """What someone knows about, as a short phrase others search for: "joint commissioning"."""

    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# Profile fields each with their own visibility, in the order the form and the directory show them.
PROFILE_FIELDS = ("works_on", "expertise", "places", "offers", "looking_for", "email")


class Profile(models.Model):
    """What a person tells the network about themselves; listed in the directory only if they
    choose. Anything personal (where they are, what they are looking for, their email address)
    is for programme staff only until they say otherwise."""

    person = models.OneToOneField(Person, models.CASCADE, related_name="network_profile")
    listed = models.BooleanField(
        "Show me in the alumni directory",
        default=False,
        help_text="Your name, organisation and cohort, and the fields you share below",
    )
    works_on = models.TextField("What you work on", blank=True)
    works_on_visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.NETWORK
    )
    expertise = models.ManyToManyField(ExpertiseTag, blank=True, related_name="profiles")
    expertise_visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.NETWORK
    )
    places = models.CharField("Places you know or work in", max_length=300, blank=True)
    places_visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.STAFF
    )
    offers = models.TextField("What you can offer", blank=True)
    offers_visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.NETWORK
    )
    looking_for = models.TextField("What you are looking for", blank=True)
    looking_for_visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.STAFF
    )
    email_visibility = models.CharField(
        "Who sees your email address",
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.STAFF,
    )
    digest = models.BooleanField(
        "Send me the weekly alumni email",
        default=True,
        help_text="New asks and offers, and alumni events coming up",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Network profile of {self.person}"


class PostKind(models.TextChoices):
    ASK = "ask", "Ask"
    OFFER = "offer", "Offer"


class Post(models.Model):
    """An ask for help or an offer of it, posted to one programme's network."""

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="network_posts")
    author = models.ForeignKey(Person, models.CASCADE, related_name="network_posts")
    kind = models.CharField(max_length=10, choices=PostKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.TextField(blank=True)
    # Closed by its author once answered: out of the list and the digest, no more replies.
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["programme", "created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("alumni:post", args=[self.pk])

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Reply(models.Model):
    """A private answer to a post: only its writer, the post's author and staff read it."""

    post = models.ForeignKey(Post, models.CASCADE, related_name="replies")
    author = models.ForeignKey(Person, models.CASCADE, related_name="network_replies")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "replies"

    def __str__(self) -> str:
        return f"Reply by {self.author} to {self.post}"


class EventKind(models.TextChoices):
    REUNION = "reunion", "Reunion"
    LEARNING = "learning", "Cross-cohort learning event"
    CELEBRATION = "celebration", "Annual celebration"


class AlumniEvent(models.Model):
    """An event for a programme's alumni across cohorts; the annual celebration invites sponsors."""

    programme = models.ForeignKey(Programme, models.CASCADE, related_name="alumni_events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    place = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True, validators=[meeting_link])
    capacity = models.PositiveIntegerField(
        "places",
        null=True,
        blank=True,
        help_text="Leave empty for no limit; when it is full, people join a waiting list",
    )
    with_sponsors = models.BooleanField(
        "Invite sponsors too", default=False, help_text="The sponsors of the programme's alumni"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Calendar applications take a higher SEQUENCE as a newer version of the same event: it
    # rises only when what a calendar shows changes (programmes.calendar.SHOWN_IN_CALENDARS),
    # and on cancelling or restoring.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # The version last emailed to people's calendars, so a later change can be sent as an update.
    invited_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    invitations_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="alumni_event_ends_after_it_starts",
                violation_error_message="An event must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("alumni:event", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def calendars_out_of_date(self) -> bool:
        """Whether the event, still to come, changed in calendars since the invitations were
        emailed: then the update is due."""
        return (
            not self.is_cancelled
            and self.invited_sequence is not None
            and self.sequence > self.invited_sequence
            and self.ends_at > timezone.now()
        )

    @property
    def is_over(self) -> bool:
        return self.ends_at <= timezone.now()


class RsvpStatus(models.TextChoices):
    GOING = "going", "Coming"
    WAITING = "waiting", "On the waiting list"
    DECLINED = "declined", "Not coming"


class Rsvp(models.Model):
    """One person's answer to an event, and whether they came."""

    event = models.ForeignKey(AlumniEvent, models.CASCADE, related_name="rsvps")
    person = models.ForeignKey(Person, models.CASCADE, related_name="alumni_rsvps")
    status = models.CharField(max_length=10, choices=RsvpStatus.choices)
    responded_at = models.DateTimeField(default=timezone.now)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["responded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_rsvp_each"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class DigestSent(models.Model):
    """The weekly email sent to one person for one week; claiming this row sends it once."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="alumni_digests")
    week = models.DateField(help_text="The Monday of the week it was for")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "week"], name="one_digest_a_week"),
        ]

    def __str__(self) -> str:
        return f"Digest for {self.person}, week of {self.week}"
