"""Signing in with a partner's Microsoft work account, against an issuer the tests run themselves:
who gets in, who is refused and why, and when the partner's second factor counts as ours."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from commonground.accounts.models import PartnerTenant, User
from commonground.audit.models import AuditEntry
from tests.accounts.microsoft_issuer import CLIENT_ID, Issuer, MicrosoftUser, new_key, serve
from tests.conftest import World

TENANT = str(uuid.uuid4())


@pytest.fixture
def issuer(settings: Settings) -> Iterator[Issuer]:
    for running in serve():
        settings.MICROSOFT_CLIENT_ID = CLIENT_ID
        settings.MICROSOFT_LOGIN_URL = running.base_url
        settings.SOCIALACCOUNT_PROVIDERS = {
            "microsoft": {
                "SCOPE": ["openid", "email", "profile", "User.Read"],
                "APPS": [
                    {
                        "client_id": CLIENT_ID,
                        "secret": "a secret only the issuer and this site know",
                        "settings": {
                            "tenant": "organizations",
                            "login_url": running.base_url,
                            "graph_url": running.base_url,
                        },
                    }
                ],
            }
        }
        yield running


@pytest.fixture
def partner(db: None) -> PartnerTenant:
    return PartnerTenant.objects.create(
        tenant_id=TENANT, name="Essex Police", email_domains="example.org"
    )


def sign_in_with_microsoft(client: Client) -> Client:
    """Press the button, come back from Microsoft with a code, and follow where the site sends."""
    start = client.post(reverse("microsoft_login"))
    assert start.status_code == 302, start.content
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["client_id"] == [CLIENT_ID]
    callback = reverse("microsoft_callback")
    client.response = client.get(  # type: ignore[attr-defined]
        callback, {"code": "a-code", "state": query["state"][0]}, follow=True
    )
    return client


def signed_in_user(client: Client) -> User | None:
    user = client.response.wsgi_request.user  # type: ignore[attr-defined]
    return user if user.is_authenticated else None


def test_a_partner_person_signs_in_with_their_work_email_and_lands_on_their_home(
    world: World, issuer: Issuer, partner: PartnerTenant
) -> None:
    # Their directory email, not the one they sign in with by password.
    issuer.user = MicrosoftUser(TENANT, world.participant_person.email)
    client = sign_in_with_microsoft(Client())
    assert signed_in_user(client) == world.users["participant"]
    assert client.response.redirect_chain[-1][0] == reverse("home")  # type: ignore[attr-defined]
    assert client.response.status_code == 200  # type: ignore[attr-defined]
    account = SocialAccount.objects.get(provider="microsoft")
    assert (account.user, account.uid) == (world.users["participant"], issuer.user.oid)
    assert AuditEntry.objects.filter(action="accounts.microsoft.linked").count() == 1
    assert [m.to for m in mail.outbox] == [[world.users["participant"].email]]
    assert "Microsoft work account at Essex Police" in mail.outbox[0].body


def test_later_sign_ins_find_the_account_by_its_microsoft_id(
    world: World, issuer: Issuer, partner: PartnerTenant
) -> None:
    issuer.user = MicrosoftUser(TENANT, world.participant_person.email)
    sign_in_with_microsoft(Client())
    issuer.user.email = "pat.renamed@example.org"
    assert signed_in_user(sign_in_with_microsoft(Client())) == world.users["participant"]
    assert SocialAccount.objects.count() == 1


def test_a_tenant_not_on_the_partner_list_is_refused_in_plain_words(
    world: World, issuer: Issuer
) -> None:
    issuer.user = MicrosoftUser(TENANT, world.participant_person.email)
    client = sign_in_with_microsoft(Client())
    assert signed_in_user(client) is None
    assert client.response.status_code == 403  # type: ignore[attr-defined]
    assert b"not yet one this service accepts" in client.response.content  # type: ignore[attr-defined]
    assert not SocialAccount.objects.exists()


def test_a_work_email_nobody_here_uses_is_refused_and_no_account_is_made(
    world: World, issuer: Issuer, partner: PartnerTenant
) -> None:
    issuer.user = MicrosoftUser(TENANT, "someone.new@example.org")
    users = User.objects.count()
    client = sign_in_with_microsoft(Client())
    assert signed_in_user(client) is None
    assert b"No one here uses the work email someone.new@example.org" in client.response.content  # type: ignore[attr-defined]
    assert User.objects.count() == users


def test_an_address_outside_the_partners_own_domains_never_names_a_person(
    world: World, issuer: Issuer, partner: PartnerTenant
) -> None:
    # The tenant's own administrators could put the site administrator's address on a user.
    partner.email_domains = "essex.police.uk"
    partner.save()
    issuer.user = MicrosoftUser(TENANT, world.users["admin"].email)
    client = sign_in_with_microsoft(Client())
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()


@pytest.mark.parametrize("forgery", ["another key", "another application", "another tenant"])
def test_a_token_that_fails_its_checks_signs_no_one_in(
    world: World, issuer: Issuer, partner: PartnerTenant, forgery: str
) -> None:
    issuer.user = MicrosoftUser(TENANT, world.participant_person.email)
    if forgery == "another key":
        issuer.signing_key = new_key()
    elif forgery == "another application":
        issuer.audience = str(uuid.uuid4())
    else:
        issuer.issuer_tenant = str(uuid.uuid4())
    client = sign_in_with_microsoft(Client())
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()


def test_a_profile_that_is_not_the_tokens_user_signs_no_one_in(
    world: World, issuer: Issuer, partner: PartnerTenant
) -> None:
    issuer.user = MicrosoftUser(TENANT, world.participant_person.email)
    issuer.graph_oid = str(uuid.uuid4())
    assert signed_in_user(sign_in_with_microsoft(Client())) is None


def test_a_closed_account_cannot_sign_in_with_microsoft(
    world: World, issuer: Issuer, partner: PartnerTenant
) -> None:
    issuer.user = MicrosoftUser(TENANT, world.participant_person.email)
    sign_in_with_microsoft(Client())
    world.users["participant"].is_active = False
    world.users["participant"].save()
    assert signed_in_user(sign_in_with_microsoft(Client())) is None


@pytest.mark.parametrize(
    ("enforced", "amr", "lands_on"),
    [
        (True, ["pwd"], "home"),
        (False, ["pwd", "mfa"], "home"),
        (False, ["pwd"], "accounts:second_factor"),
    ],
)
def test_staff_need_no_second_factor_here_when_the_partner_sign_in_used_one(
    world: World,
    issuer: Issuer,
    partner: PartnerTenant,
    settings: Settings,
    enforced: bool,
    amr: list[str],
    lands_on: str,
) -> None:
    settings.MFA_REQUIRED_FOR_STAFF = True
    partner.enforces_second_factor = enforced
    partner.save()
    issuer.user = MicrosoftUser(TENANT, world.users["staff"].email, amr=amr)
    client = sign_in_with_microsoft(Client())
    assert signed_in_user(client) == world.users["staff"]
    went = [url for url, _ in client.response.redirect_chain]  # type: ignore[attr-defined]
    assert (reverse("accounts:second_factor") in went) == (lands_on == "accounts:second_factor")
    assert reverse(lands_on) in went


def test_the_sign_in_page_offers_microsoft_only_once_it_is_set_up(
    db: None, settings: Settings
) -> None:
    button = b"Sign in with Microsoft"
    assert button not in Client().get(reverse("account_login")).content
    settings.MICROSOFT_CLIENT_ID = CLIENT_ID
    assert button in Client().get(reverse("account_login")).content
