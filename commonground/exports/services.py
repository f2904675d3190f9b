"""Asking for an export, preparing it in the background, and deleting it once it has expired."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone

from commonground.accounts.models import User
from commonground.audit.log import audited
from commonground.lib import exports as files

from .models import Export, Status
from .registry import Params, Sheet, kind

logger = logging.getLogger(__name__)

NO_LONGER_ALLOWED = "You may no longer export this; ask the programme team if you need it."
FAILED = "Something went wrong while preparing the file; ask for it again."


def _keep() -> dt.timedelta:
    return dt.timedelta(hours=settings.EXPORTS_KEEP_HOURS)


def ask(request: HttpRequest, name: str, fmt: str, params: Params) -> Export:
    """Record what `request.user` asked for and queue its preparation; reads no rows.

    The registered export checks access first, so an outsider's request raises 404 as the
    export's own pages do.
    """
    from .tasks import prepare_export

    owner = request.user
    if not isinstance(owner, User):
        raise Http404("Not found")
    export_kind = kind(name)
    if fmt not in export_kind.formats:
        raise Http404("Not found")
    sheet = export_kind.prepare(request, params)
    now = timezone.now()
    export = Export(
        owner=owner,
        kind=name,
        fmt=fmt,
        params=params,
        title=sheet.title[:200],
        filename=sheet.filename[:200],
        heartbeat_at=now,
        created_at=now,
        expires_at=now + _keep(),
    )
    with audited(owner, export, "exports.export.created"):
        export.save()
        pk = export.pk
        transaction.on_commit(lambda: prepare_export.enqueue(pk))
    return export


def as_owner(export: Export) -> HttpRequest:
    """A request made as the person who asked, so the export's own access rules apply to it."""
    request = HttpRequest()
    request.user = User.objects.get(pk=export.owner_id)
    request.method = "GET"
    return request


def _claim(export_id: int) -> bool:
    """Start a waiting export, once: a second run of the same task finds it started."""
    return bool(
        Export.objects.filter(pk=export_id, status=Status.WAITING).update(
            status=Status.WORKING, heartbeat_at=timezone.now()
        )
    )


def prepare(export_id: int) -> str:
    """Write the export's file row by row, saying how far it has got; returns its status."""
    if not _claim(export_id):
        return "already started"
    export = Export.objects.get(pk=export_id)
    try:
        sheet = kind(export.kind).prepare(as_owner(export), export.params)
    except (Http404, PermissionDenied):
        _finish(export_id, Status.FAILED, NO_LONGER_ALLOWED)
        return Status.FAILED
    partial = export.path.with_name(export.path.name + ".partial")
    try:
        _write(export, sheet, partial)
    except Exception:
        logger.exception("Export %s could not be prepared", export_id)
        partial.unlink(missing_ok=True)
        _finish(export_id, Status.FAILED, FAILED)
        return Status.FAILED
    _finish(export_id, Status.READY, "", size=export.path.stat().st_size)
    return Status.READY


def _write(export: Export, sheet: Sheet, partial: Path) -> None:
    """The file, written under a temporary name and renamed once whole, so a download never
    reads half of one."""
    runs = Export.objects.filter(pk=export.pk)
    runs.update(rows_total=sheet.count(), heartbeat_at=timezone.now())

    def progress(done: int) -> None:
        runs.update(rows_done=done, heartbeat_at=timezone.now())

    partial.parent.mkdir(parents=True, exist_ok=True)
    if sheet.write is not None:
        sheet.write(partial, progress)
    else:
        headers = sheet.headers() if callable(sheet.headers) else sheet.headers
        files.write(partial, export.fmt, sheet.title, headers, sheet.rows(), progress)
    os.replace(partial, export.path)


def _finish(export_id: int, status: str, message: str, size: int = 0) -> None:
    now = timezone.now()
    Export.objects.filter(pk=export_id).update(
        status=status,
        message=message,
        size=size,
        finished_at=now,
        heartbeat_at=now,
        expires_at=now + _keep(),
    )


def delete_expired(now: dt.datetime | None = None) -> int:
    """Delete every expired export and its file; returns how many went."""
    expired = list(Export.objects.filter(expires_at__lte=now or timezone.now()))
    for export in expired:
        export.path.unlink(missing_ok=True)
        export.path.with_name(export.path.name + ".partial").unlink(missing_ok=True)
    Export.objects.filter(pk__in=[export.pk for export in expired]).delete()
    return len(expired)
