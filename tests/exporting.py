"""Asking for an export as a person would: press the button, let the background run finish, and
download the file from the link on the progress page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import FileResponse, HttpResponse
from django.test import Client, TestCase
from django.urls import reverse

from commonground.exports.models import Export


def ask(client: Client, url: str, data: dict[str, Any] | None = None) -> Export:
    """Press the export button; the background run (the test's immediate backend) finishes."""
    target = f"{url}?{urlencode(data)}" if data else url
    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = client.post(target)
    assert asked.status_code == 302, asked.status_code
    export = Export.objects.order_by("-pk").first()
    assert export is not None
    assert asked["Location"] == reverse("exports:export", args=[export.pk])
    return export


def download(client: Client, url: str, data: dict[str, Any] | None = None) -> HttpResponse:
    """The downloaded file, as a plain response whose content can be read at once."""
    export = ask(client, url, data)
    link = reverse("exports:export_download", args=[export.pk])
    assert link in client.get(reverse("exports:export", args=[export.pk])).content.decode()
    file = client.get(link)
    assert isinstance(file, FileResponse), file.status_code
    response = HttpResponse(b"".join(file.streaming_content), content_type=file["Content-Type"])
    response["Content-Disposition"] = file["Content-Disposition"]
    return response
