"""Staff create personal API tokens, see them once, and revoke them."""

from __future__ import annotations

from django.urls import reverse

from commonground.accounts.models import ApiToken
from commonground.audit.models import AuditEntry
from tests.conftest import World


def test_it_shows_a_new_token_once_and_stores_only_its_hash(world: World) -> None:
    client = world.client("staff")
    response = client.post(reverse("accounts:tokens"), {"label": "Evaluation workbook"})
    secret = response.context["secret"]
    assert secret.startswith("cg_")
    assert secret.encode() in response.content
    token = ApiToken.objects.get(user=world.users["staff"])
    assert token.digest != secret and secret not in token.digest
    assert ApiToken.find(secret) == token
    assert secret.encode() not in client.get(reverse("accounts:tokens")).content


def test_it_records_a_new_token_without_its_secret(world: World) -> None:
    response = world.client("staff").post(reverse("accounts:tokens"), {"label": "Workbook"})
    entry = AuditEntry.objects.get(action="accounts.api_token.created")
    assert entry.actor == world.users["staff"]
    assert entry.changes["label"] == [None, "Workbook"]
    assert response.context["secret"] not in str(entry.changes)


def test_it_requires_a_label(world: World) -> None:
    response = world.client("staff").post(reverse("accounts:tokens"), {"label": ""})
    assert b"There is a problem" in response.content
    assert not ApiToken.objects.exists()


def test_it_revokes_a_token_and_records_it(world: World) -> None:
    token, secret = ApiToken.issue(world.users["staff"], "Old script")
    response = world.client("staff").post(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 302
    assert ApiToken.find(secret) is None
    assert AuditEntry.objects.filter(action="accounts.api_token.deleted").exists()


def test_it_does_not_revoke_someone_elses_token(world: World) -> None:
    token, _ = ApiToken.issue(world.users["admin"], "Admin script")
    response = world.client("staff").post(reverse("accounts:revoke_token", args=[token.pk]))
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()
