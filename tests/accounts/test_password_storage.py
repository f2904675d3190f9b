"""Passwords are stored with Argon2id at OWASP's setting; older PBKDF2 ones still sign in and are
stored again with Argon2id."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import Client
from pytest_django.fixtures import Settings

from commonground.accounts.models import User

HASHERS = [
    "commonground.accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
PASSWORD = "a long enough passphrase 2026"


@pytest.mark.django_db
def test_a_new_password_is_stored_with_argon2id_at_owasps_setting(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = HASHERS
    user = User.objects.create_user(email="new@example.org", password=PASSWORD)
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert Client().login(email="new@example.org", password=PASSWORD)


@pytest.mark.django_db
def test_a_password_stored_with_pbkdf2_signs_in_and_is_stored_again(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = HASHERS
    user = User.objects.create_user(email="old@example.org")
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "oldsalt1234567890")
    user.save(update_fields=["password"])
    assert Client().login(email="old@example.org", password=PASSWORD)
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert not Client().login(email="old@example.org", password="a wrong passphrase")
