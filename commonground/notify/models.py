"""What Notify could not deliver, to whom, and the text reminders people asked for."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from commonground.directory.models import Person
from commonground.programmes.models import Activity


class FailureStatus(models.TextChoices):
    # Notify's own status names, as its delivery receipts spell them.
    PERMANENT = "permanent-failure", "Address does not exist"
    TEMPORARY = "temporary-failure", "Inbox full or phone switched off"
    TECHNICAL = "technical-failure", "Notify could not send it"
    # Notify refused the request itself (status 400): a bad address or template.
    REFUSED = "refused", "Notify refused to send it"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"


class DeliveryFailure(models.Model):
    """A message that did not reach its recipient, matched to the person by address."""

    person = models.ForeignKey(
        Person, models.CASCADE, null=True, blank=True, related_name="delivery_failures"
    )
    address = models.CharField("sent to", max_length=320)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    status = models.CharField(max_length=30, choices=FailureStatus.choices)
    # The email's name in templates/emails/, or "text-reminder"; Notify returns it as `reference`.
    email_type = models.CharField("message", max_length=100, blank=True)
    notification_id = models.CharField(max_length=36, blank=True)
    detail = models.TextField(blank=True)
    failed_at = models.DateTimeField()

    class Meta:
        ordering = ["-failed_at", "-pk"]
        indexes = [models.Index(fields=["-failed_at", "-id"], name="failure_newest_first")]
        constraints = [
            # Notify sends a receipt again when our answer is slow: one row per notification.
            models.UniqueConstraint(
                fields=["notification_id"],
                condition=~Q(notification_id=""),
                name="failure_one_per_notification",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.email_type or 'message'} to {self.address}"


class TextReminderChoice(models.Model):
    """A participant's mobile number and whether they want a text the day before a cohort day."""

    person = models.OneToOneField(Person, models.CASCADE, related_name="text_reminders")
    mobile = models.CharField("UK mobile number", max_length=13, blank=True)
    remind_day_before = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Text reminders for {self.person}"


class TextReminderSent(models.Model):
    """Claims one activity's reminder for one person: the unique row is the claim."""

    person = models.ForeignKey(Person, models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, models.CASCADE, related_name="+")
    claimed_at = models.DateTimeField(auto_now_add=True)
    notification_id = models.CharField(max_length=36, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "activity"], name="one_text_per_activity")
        ]

    def __str__(self) -> str:
        return f"Text reminder to {self.person} for {self.activity}"
