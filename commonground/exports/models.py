"""One export a person asked for: what, for whom, how far it has got, and where its file is."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from commonground.lib.heartbeat import has_stopped


class Format(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel"
    # Several files in one, for an export that is not one table (a subject access export).
    ZIP = "zip", "ZIP"


class Status(models.TextChoices):
    WAITING = "waiting", "Waiting to start"
    WORKING = "working", "Preparing"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Could not be prepared"

    @classmethod
    def under_way(cls) -> tuple[str, str]:
        return (cls.WAITING, cls.WORKING)


class Export(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    kind = models.CharField(max_length=80)
    fmt = models.CharField("format", max_length=4, choices=Format.choices)
    # The filters and the record the export is for, as the page that asked had them.
    params = models.JSONField(default=dict, blank=True)
    title = models.CharField(max_length=200)
    filename = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    message = models.CharField(max_length=300, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="export_owner_recent")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_fmt_display()})"

    @property
    def in_progress(self) -> bool:
        return self.status in Status.under_way() and not self.has_stopped

    @property
    def has_stopped(self) -> bool:
        return self.status in Status.under_way() and has_stopped(self.heartbeat_at)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def percent(self) -> int:
        if self.status == Status.READY:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)

    @property
    def unit(self) -> str:
        """What its progress counts: rows of a table, or the tables a ZIP holds (one a kind)."""
        return "table" if self.fmt == "zip" else "row"

    @property
    def download_name(self) -> str:
        return f"{self.filename}.{self.fmt}"

    @property
    def path(self) -> Path:
        """Where the file is kept; the key alone names it, so no user's text reaches the disk."""
        return Path(settings.EXPORTS_ROOT) / f"export-{self.pk}.{self.fmt}"
