"""Template context every page needs: the site's name and what the viewer may open."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .access import load_viewer


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "site_name": settings.SITE_NAME,
        "viewer": load_viewer(request),
        "microsoft_sign_in": bool(settings.MICROSOFT_CLIENT_ID),
    }
