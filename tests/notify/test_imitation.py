"""The demo's stand-in for Notify: it takes what the site sends as Notify would, and its receipts
come back to the site, so a failed address shows to staff as a real one would."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from commonground.lib import emails
from commonground.notify.imitation import Receipts, server, status_for
from commonground.notify.models import DeliveryFailure
from tests.notify import fake_notify
from tests.notify.conftest import GENERIC_TEMPLATE

TOKEN = "receipts-for-the-demo"


def test_an_address_gets_the_same_status_every_time_and_a_few_fail() -> None:
    addresses = [f"person{i}@essex.example" for i in range(200)]
    statuses = [status_for(address) for address in addresses]
    assert statuses == [status_for(address.upper()) for address in addresses]
    assert 8 <= statuses.count("permanent-failure") <= 35
    assert 3 <= statuses.count("temporary-failure") <= 20
    assert statuses.count("delivered") >= 150


@pytest.fixture
def stand_in(live_server: LiveServer, settings: Settings) -> Iterator[list[str]]:
    shown: list[str] = []
    receipts = Receipts(f"{live_server.url}/notify/delivery-receipts/", TOKEN)
    httpd = server("127.0.0.1", 0, fake_notify.API_KEY, receipts, shown.append, delay=0.0)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    settings.EMAIL_BACKEND = "commonground.notify.backend.NotifyEmailBackend"
    settings.NOTIFY_API_KEY = fake_notify.API_KEY
    settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{httpd.server_address[1]}"
    settings.NOTIFY_GENERIC_TEMPLATE_ID = GENERIC_TEMPLATE
    settings.NOTIFY_CALLBACK_TOKEN = TOKEN
    yield shown
    httpd.shutdown()
    httpd.server_close()


def test_a_failed_address_comes_back_to_the_site_as_a_delivery_failure(
    stand_in: list[str],
) -> None:
    failing = next(
        f"person{i}@essex.example"
        for i in range(100)
        if status_for(f"person{i}@essex.example") == "permanent-failure"
    )
    delivered = next(
        f"person{i}@essex.example"
        for i in range(100)
        if status_for(f"person{i}@essex.example") == "delivered"
    )
    for address in (failing, delivered):
        emails.send("microsoft-linked", [address], {"user": {"name": "Pat"}, "tenant": {}})
    for _ in range(100):
        if len([line for line in stand_in if "receipt" in line]) == 2:
            break
        time.sleep(0.1)
    [failure] = DeliveryFailure.objects.all()
    assert (failure.address, failure.status) == (failing, "permanent-failure")
    assert failure.email_type == "microsoft-linked"
    assert any(line.startswith(f"email to {failing}") for line in stand_in)
