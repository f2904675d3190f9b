"""Writes to accounts: personal API tokens are issued and revoked with an audit entry."""

from __future__ import annotations

from commonground.audit.log import audited

from .models import ApiToken, User


def issue_api_token(user: User, label: str) -> str:
    """A new token for the user; its secret is returned once and only its hash is kept."""
    token, secret = ApiToken.new(user, label)
    with audited(user, token, "accounts.api_token.created"):
        token.save()
    return secret


def revoke_api_token(token: ApiToken, *, by: User) -> None:
    with audited(by, token, "accounts.api_token.deleted"):
        token.delete()
