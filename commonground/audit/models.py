"""One entry per change to a programme record, kept for staff and for data protection requests."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=100, help_text="For example: directory.person.changed")
    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, help_text="Field name to [old value, new value]")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"
