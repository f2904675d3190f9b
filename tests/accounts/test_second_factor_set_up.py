"""Staff without an authenticator are led through confirming their email and setting one up."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from tests.conftest import PASSWORD, World


@pytest.fixture(autouse=True)
def _second_factor_required(settings: Settings) -> None:
    settings.MFA_REQUIRED_FOR_STAFF = True
    cache.clear()


def totp(secret: str, at: float) -> str:
    """The six-digit code an authenticator app shows (RFC 6238: SHA-1, 30 s steps)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def _sign_in(client: Client, email: str) -> None:
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content


def _set_up_authenticator(client: Client) -> None:
    # Adding an authenticator asks for the password once more.
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    if "reauthenticate" in response.redirect_chain[-1][0]:
        response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    # The secret is shown beside the QR code, for people who type it into their app.
    found = re.search(r'id="authenticator_secret" value="([A-Z2-7]+)"', response.content.decode())
    assert found is not None
    secret = found.group(1)
    response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret, time.time())})
    assert response.status_code == 302, response.content.decode()


def test_a_staff_member_confirms_their_email_then_sets_up_the_app(world: World) -> None:
    staff = world.users["staff"]
    EmailAddress.objects.create(user=staff, email=staff.email, primary=True, verified=False)
    client = Client()
    _sign_in(client, staff.email)

    # Any page sends them to the set-up, which has already sent the link and says where.
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:second_factor")
    assert f"We have sent a link to <strong>{staff.email}</strong>" in response.content.decode()
    [message] = mail.outbox
    assert message.to == [staff.email]

    # Coming back before confirming sends nothing more; asking again does.
    client.get(reverse("accounts:second_factor"))
    assert len(mail.outbox) == 1
    response = client.post(reverse("accounts:second_factor"), follow=True)
    assert "We have sent the link again" in response.content.decode()
    assert len(mail.outbox) == 2

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", str(message.body))
    assert link is not None, message.body
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path, follow=True)
    assert EmailAddress.objects.get(user=staff).verified

    # Back on the set-up page they go straight on to the authenticator app.
    response = client.get(reverse("accounts:second_factor"))
    assert response["Location"] == reverse("mfa_activate_totp")
    _set_up_authenticator(client)
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    response = client.get(reverse("home"))
    assert response.status_code == 200


def test_a_staff_member_with_no_unconfirmed_email_goes_straight_to_the_app(world: World) -> None:
    staff = world.users["staff"]
    client = Client()
    _sign_in(client, staff.email)
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[1][0] == reverse("mfa_activate_totp")
    assert mail.outbox == []
    _set_up_authenticator(client)
    assert client.get(reverse("home")).status_code == 200


def test_asking_for_the_link_too_often_is_refused_with_a_reason(world: World) -> None:
    staff = world.users["staff"]
    EmailAddress.objects.create(user=staff, email=staff.email, primary=True, verified=False)
    client = Client()
    _sign_in(client, staff.email)
    for _ in range(6):
        response = client.post(reverse("accounts:second_factor"), follow=True)
    assert "Wait an hour, then ask for another" in response.content.decode()
    assert len(mail.outbox) == 5
