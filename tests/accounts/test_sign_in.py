"""Signing in by email, the second factor staff must have, and the limit on failed attempts."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.urls import reverse
from pytest_django.fixtures import Settings

from commonground.accounts.models import User
from tests.conftest import PASSWORD, World


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


def test_it_signs_in_with_email_in_any_case(world: World) -> None:
    client = world.client("anonymous")
    response = client.post(
        reverse("account_login"), {"login": "PARTICIPANT@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == world.users["participant"]


def test_it_says_what_is_wrong_with_a_bad_password(world: World) -> None:
    response = world.client("anonymous").post(
        reverse("account_login"), {"login": "participant@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"not correct" in response.content


def test_it_limits_failed_attempts(world: World, settings: Settings) -> None:
    client = world.client("anonymous")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "staff@example.org", "password": "guess"})
    response = client.post(
        reverse("account_login"), {"login": "staff@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429 or b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_it_sends_staff_without_a_second_factor_to_set_one_up(
    world: World, settings: Settings
) -> None:
    settings.MFA_REQUIRED_FOR_STAFF = True
    response = world.client("staff").get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:second_factor")


def test_it_lets_staff_with_a_second_factor_through(world: World, settings: Settings) -> None:
    settings.MFA_REQUIRED_FOR_STAFF = True
    Authenticator.objects.create(
        user=world.users["staff"], type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    assert world.client("staff").get(reverse("home")).status_code == 200


def test_it_requires_the_second_factor_of_the_site_administrator(
    world: World, settings: Settings
) -> None:
    settings.MFA_REQUIRED_FOR_STAFF = True
    response = world.client("admin").get(reverse("admin:index"))
    assert response["Location"] == reverse("accounts:second_factor")


def test_it_does_not_ask_participants_for_a_second_factor(world: World, settings: Settings) -> None:
    settings.MFA_REQUIRED_FOR_STAFF = True
    assert world.client("participant").get(reverse("home")).status_code == 200


def test_it_offers_no_self_service_sign_up(world: World) -> None:
    before = User.objects.count()
    response = world.client("anonymous").post(
        reverse("account_signup"),
        {"email": "stranger@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert b"Sign Up Closed" in response.content
    assert User.objects.count() == before
