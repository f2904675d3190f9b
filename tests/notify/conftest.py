"""Points the site at a local imitation of GOV.UK Notify for each test that asks for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_django.fixtures import Settings

from tests.notify import fake_notify
from tests.notify.fake_notify import FakeNotify

GENERIC_TEMPLATE = "0a1b2c3d-0000-4000-8000-000000000001"
REMINDER_TEMPLATE = "0a1b2c3d-0000-4000-8000-000000000002"
SMS_TEMPLATE = "0a1b2c3d-0000-4000-8000-000000000003"


@pytest.fixture
def notify(settings: Settings, db: None) -> Iterator[FakeNotify]:
    fake, server = fake_notify.start()
    settings.EMAIL_BACKEND = "commonground.notify.backend.NotifyEmailBackend"
    settings.NOTIFY_API_KEY = fake_notify.API_KEY
    settings.NOTIFY_BASE_URL = fake.url
    settings.NOTIFY_GENERIC_TEMPLATE_ID = GENERIC_TEMPLATE
    settings.NOTIFY_TEMPLATES = {"activity-reminder": REMINDER_TEMPLATE}
    settings.NOTIFY_SMS_REMINDER_TEMPLATE_ID = SMS_TEMPLATE
    settings.NOTIFY_RETRY_DELAYS = [0.0, 0.0]
    settings.NOTIFY_ATTACHMENT_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    yield fake
    server.shutdown()
    server.server_close()
