"""What the accounts hold about a person, for the subject access export and erasure: never a
password, a second-factor secret or a token, only that they exist.

Registered here rather than by the accounts app, which sits below the directory and so may not
know of people."""

from __future__ import annotations

from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount

from commonground.accounts.models import ApiToken, User
from commonground.audit.log import erase_history
from commonground.directory.models import Person
from commonground.lib.personal_data import Holding, Row, register


def _account(person: Person) -> list[Row]:
    user = User.objects.filter(pk=person.user_id).first() if person.user_id else None
    if user is None:
        return []
    return [
        {
            "Email address": user.email,
            "Name": user.name,
            "May sign in": user.is_active,
            "Site administrator": user.is_superuser,
            "Joined": user.date_joined,
            "Last signed in": user.last_login,
            "Has a password": user.has_usable_password(),
        }
    ]


def _email_addresses(person: Person) -> list[Row]:
    return [
        {"Email address": address.email, "Verified": address.verified, "Main": address.primary}
        for address in EmailAddress.objects.filter(user_id=person.user_id)
    ]


def _second_factor(person: Person) -> list[Row]:
    return [
        {
            "Kind": authenticator.get_type_display(),
            "Set up": authenticator.created_at,
            "Last used": authenticator.last_used_at,
        }
        for authenticator in Authenticator.objects.filter(user_id=person.user_id)
    ]


def _api_tokens(person: Person) -> list[Row]:
    if person.user_id is None:
        return []
    return [
        {"Label": token.label, "Created": token.created_at, "Last used": token.last_used_at}
        for token in ApiToken.objects.filter(user_id=person.user_id)
    ]


def _microsoft_accounts(person: Person) -> list[Row]:
    """Work accounts linked for signing in: which partner and when, never a token."""
    return [
        {
            "Provider": account.provider,
            "Work email": account.extra_data.get("mail")
            or account.extra_data.get("userPrincipalName"),
            "Linked": account.date_joined,
            "Last used": account.last_login,
        }
        for account in SocialAccount.objects.filter(user_id=person.user_id)
    ]


def _close_account(person: Person) -> int:
    """The account can no longer sign in: no address, no password, marked inactive (the sign-in
    backends refuse an inactive account, and so end its sessions at their next request)."""
    user = User.objects.filter(pk=person.user_id).first() if person.user_id else None
    if user is None:
        return 0
    user.email = f"erased-user-{user.pk}@erased.invalid"
    user.name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    erase_history(user, f"Erased account {user.pk}")
    return 1


def _deleter(
    model: type[EmailAddress | Authenticator | ApiToken | SocialAccount],
) -> Callable[[Person], int]:
    def delete(person: Person) -> int:
        if person.user_id is None:
            return 0
        deleted, _ = model.objects.filter(user_id=person.user_id).delete()
        return deleted

    return delete


def register_holdings() -> None:
    purpose = "To let the person sign in and keep their account secure."
    for key, title, models, rows, erase in (
        ("accounts.account", "Account and last sign-in", (User,), _account, _close_account),
        (
            "accounts.email_addresses",
            "Email addresses for signing in",
            (EmailAddress,),
            _email_addresses,
            _deleter(EmailAddress),
        ),
        (
            "accounts.second_factor",
            "Second factors set up (never their secrets)",
            (Authenticator,),
            _second_factor,
            _deleter(Authenticator),
        ),
        (
            "accounts.work_accounts",
            "Microsoft work accounts linked for signing in (never their tokens)",
            (SocialAccount,),
            _microsoft_accounts,
            _deleter(SocialAccount),
        ),
        (
            "accounts.api_tokens",
            "API tokens (never the tokens themselves)",
            (ApiToken,),
            _api_tokens,
            _deleter(ApiToken),
        ),
    ):
        register(Holding(key, "Accounts", title, purpose, models, rows, erase=erase))
