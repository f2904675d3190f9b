"""The records the data-protection duties keep of themselves: retention runs, erasure requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from commonground.directory.models import Person


class RetentionRun(models.Model):
    """One real run of the retention job: when, who started it (no one when it was scheduled),
    and how many records of each kind it anonymised."""

    ran_at = models.DateTimeField(default=timezone.now)
    ran_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    counts = models.JSONField(default=dict, help_text="Kind of record to how many were anonymised")

    class Meta:
        ordering = ["-ran_at", "-pk"]

    def __str__(self) -> str:
        return f"Retention run on {timezone.localtime(self.ran_at):%d %b %Y %H:%M}"


class ErasureRequest(models.Model):
    """A person's request to have their data erased, kept after the erasure as the record of
    what was erased, what was kept and why.

    `person` still points at the record once it is anonymised, so the request and the erasure
    stay joined; the name it had is not kept here.
    """

    person = models.ForeignKey(Person, models.PROTECT, related_name="erasure_requests")
    received_on = models.DateField("date the request was received")
    how = models.CharField(
        "how the request was made", max_length=300, help_text="For example: email to the team"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    erased_at = models.DateTimeField(null=True, blank=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Each kind of record with what happened to it: [{"kind", "erased": count, "kept", "why"}].
    outcome = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"Erasure request {self.pk} received {self.received_on:%d %b %Y}"
