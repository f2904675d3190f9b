"""Personal tokens: who gets in, and what a token's use and revocation change."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from commonground.accounts.models import ApiToken
from tests.api.conftest import Api
from tests.conftest import World


def test_it_refuses_a_call_without_a_token(api: Api) -> None:
    response = api.get("anonymous", "programmes")
    assert response.status == 401
    assert response.body == {"detail": "Unauthorized"}


def test_it_refuses_a_bad_token(world: World) -> None:
    response = Client().get(
        reverse("api:programmes"), headers={"Authorization": "Bearer cg_not-a-real-token"}
    )
    assert response.status_code == 401


def test_it_ignores_a_signed_in_session_without_a_token(world: World) -> None:
    response = world.client("staff").get(reverse("api:programmes"))
    assert response.status_code == 401


def test_it_notes_when_a_token_was_last_used(api: Api, world: World) -> None:
    api.token("staff")
    token = ApiToken.objects.get(user=world.users["staff"])
    assert token.last_used_at is None
    api.ok("staff", "programmes")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_token_stops_working(api: Api, world: World) -> None:
    api.ok("staff", "programmes")
    token = ApiToken.objects.get(user=world.users["staff"])
    response = world.client("staff").post(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 302
    assert api.get("staff", "programmes").status == 401


def test_a_deactivated_account_loses_api_access(api: Api, world: World) -> None:
    api.ok("staff", "programmes")
    world.users["staff"].is_active = False
    world.users["staff"].save()
    assert api.get("staff", "programmes").status == 401


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_tokens_stop_working_without_a_second_factor(
    api: Api, world: World, settings: Settings, role: str
) -> None:
    api.ok(role, "programmes")
    settings.MFA_REQUIRED_FOR_STAFF = True
    response = api.get(role, "programmes")
    assert response.status == 403
    assert "authenticator app" in response.body["detail"]
    Authenticator.objects.create(
        user=world.users[role], type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    api.ok(role, "programmes")


def test_participants_tokens_need_no_second_factor(api: Api, settings: Settings) -> None:
    settings.MFA_REQUIRED_FOR_STAFF = True
    api.ok("participant", "programmes")
