"""Deployment checks for sign-in safety, run by `manage.py check --deploy`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def check_staff_second_factor(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> Sequence[CheckMessage]:
    if settings.MFA_REQUIRED_FOR_STAFF or settings.ALLOW_STAFF_WITHOUT_SECOND_FACTOR:
        return []
    return [
        Error(
            "Staff and administrators can sign in with a password alone.",
            hint=(
                "Set MFA_REQUIRED_FOR_STAFF=true. Only a demo or a load test may run without it, "
                "by setting ALLOW_STAFF_WITHOUT_SECOND_FACTOR=true as well."
            ),
            id="commonground.E001",
        )
    ]


@register(Tags.security, deploy=True)
def check_secret_key_is_not_the_development_key(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> Sequence[CheckMessage]:
    if settings.SECRET_KEY != settings.DEVELOPMENT_SECRET_KEY:
        return []
    return [
        Error(
            "SECRET_KEY is the development key, which is published with the source.",
            hint="Set SECRET_KEY to a long random string of your own.",
            id="commonground.E002",
        )
    ]
