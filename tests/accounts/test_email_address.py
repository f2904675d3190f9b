"""No one adds or switches to an email address they have not proved is theirs."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.urls import reverse

from commonground.accounts.models import User
from tests.conftest import World


def test_the_address_page_shows_the_sign_in_address_and_changes_nothing(world: World) -> None:
    client = world.client("participant")
    url = reverse("account_email")
    page = client.get(url)
    assert page.status_code == 200
    assert "You sign in with <strong>participant@example.org</strong>" in page.content.decode()
    for action in ("action_add", "action_primary"):
        response = client.post(url, {"email": "staff@example.org", action: ""})
        assert response.status_code == 405
    assert not EmailAddress.objects.filter(email__iexact="staff@example.org").exists()
    assert User.objects.get(pk=world.users["participant"].pk).email == "participant@example.org"
