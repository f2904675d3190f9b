"""Renders a page template to PDF with WeasyPrint, so reports and certificates match the pages."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class StaticFilesFetcher(URLFetcher):
    """Static files come from disk, never over the network; nothing else is fetched."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file"})

    def fetch(self, url: str, headers: Any = None) -> Any:
        prefix = "/" + settings.STATIC_URL.lstrip("/")
        path = urlparse(url).path
        found = finders.find(path.removeprefix(prefix)) if path.startswith(prefix) else None
        if not found:
            raise ValueError(f"PDFs may only use the site's static files, not {url}")
        return super().fetch(Path(str(found)).as_uri(), headers)


def render_pdf(template: str, context: Mapping[str, Any]) -> bytes:
    html = render_to_string(template, {"site_name": settings.SITE_NAME, **context})
    pdf: bytes = HTML(
        string=html, base_url=settings.SITE_URL, url_fetcher=StaticFilesFetcher()
    ).write_pdf()
    return pdf


def pdf_response(template: str, context: Mapping[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
