"""Sign-in with a partner's own Microsoft work account (Entra ID), on allauth's Microsoft provider.

The application is multi-tenant, so anyone with any work account could reach the callback; what
lets them in is ours to decide, in this order:
1. the ID token Microsoft returns is checked (signature against the tenant's published keys,
   issuer naming that tenant, audience our client ID, not expired), so its claims can be trusted;
2. the tenant must be on the administrator's list of partners (`PartnerTenant`);
3. the profile Microsoft Graph returns must be the token's own user (the same object ID);
4. the person is found by their work email, and only within the domains that partner owns;
   no account is ever made here. An account linked once is found by its Microsoft ID after.
Staff from a tenant that the administrator has marked as requiring a second factor at every
sign-in satisfy the second-factor rule, as does a token whose `amr` claim says one was used.
"""

from __future__ import annotations

from typing import Any

import jwt
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter, get_adapter
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.microsoft.views import MicrosoftGraphOAuth2Adapter
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from commonground.audit.log import record_changes
from commonground.lib import emails
from commonground.lib.access import SECOND_FACTOR_BY_PARTNER

from .models import PartnerTenant, User

TENANT_CLAIM = "tid"


def is_configured() -> bool:
    return bool(settings.MICROSOFT_CLIENT_ID)


def refusal(request: HttpRequest, reason: str, status: int = 403) -> ImmediateHttpResponse:
    """A plain page saying why the Microsoft sign-in did not let this person in."""
    page = render(request, "account/partner_refused.html", {"reason": reason}, status=status)
    return ImmediateHttpResponse(page)


def _keys_url(tenant_id: str) -> str:
    return f"{settings.MICROSOFT_LOGIN_URL}/{tenant_id}/discovery/v2.0/keys"


def _issuer(tenant_id: str) -> str:
    return f"{settings.MICROSOFT_LOGIN_URL}/{tenant_id}/v2.0"


def verified_claims(id_token: str) -> dict[str, Any]:
    """The ID token's claims once its signature, issuer, audience and expiry are all checked.

    The tenant is read from the token before the check only to know whose keys and issuer to
    check it against; nothing else is trusted until the check has passed.
    """
    try:
        tenant_id = str(jwt.decode(id_token, options={"verify_signature": False})[TENANT_CLAIM])
        with get_adapter().get_requests_session() as session:
            response = session.get(_keys_url(tenant_id))
            response.raise_for_status()
            keys = jwt.PyJWKSet.from_dict(response.json())
        kid = jwt.get_unverified_header(id_token).get("kid")
        key = next((k for k in keys.keys if k.key_id == kid), None)
        if key is None:
            raise OAuth2Error("The ID token is signed with a key its tenant does not publish.")
        claims: dict[str, Any] = jwt.decode(
            id_token,
            key=key.key,
            algorithms=["RS256"],
            audience=settings.MICROSOFT_CLIENT_ID,
            issuer=_issuer(tenant_id),
            options={"require": ["exp", "iat", "iss", "aud", "tid", "oid"]},
        )
    except (jwt.PyJWTError, KeyError, ValueError) as error:
        raise OAuth2Error(f"The ID token could not be trusted: {error}") from error
    return claims


class PartnerGraphAdapter(MicrosoftGraphOAuth2Adapter):
    """allauth's Microsoft adapter, with the ID token checked and the tenant on the list."""

    def complete_login(
        self, request: HttpRequest, app: Any, token: Any, **kwargs: Any
    ) -> SocialLogin:
        response = kwargs.get("response") or {}
        if "id_token" not in response:
            raise OAuth2Error("Microsoft returned no ID token; the scope must include openid.")
        claims = verified_claims(response["id_token"])
        tenant = PartnerTenant.objects.filter(tenant_id=claims[TENANT_CLAIM]).first()
        if tenant is None:
            raise refusal(
                request,
                "Your organisation's Microsoft account is not yet one this service accepts. "
                "Sign in with your email address and password, or ask your programme team.",
            )
        login: SocialLogin = super().complete_login(request, app, token, **kwargs)
        if login.account.uid != str(claims["oid"]):
            raise OAuth2Error("The profile Microsoft returned is not the signed-in user's.")
        # Kept with the account: which partner it came through, and how this sign-in was made.
        login.account.extra_data[TENANT_CLAIM] = str(tenant.tenant_id)
        login.account.extra_data["amr"] = list(claims.get("amr", []))
        return login


def _work_email(login: SocialLogin) -> str:
    data = login.account.extra_data
    return str(data.get("mail") or data.get("userPrincipalName") or "").strip().lower()


def _person_user(email: str) -> User | None:
    """The one active account whose sign-in or directory email is this work email."""
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is not None:
        return user
    return User.objects.filter(person__email__iexact=email, is_active=True).first()


class PartnerAccountAdapter(DefaultSocialAccountAdapter):
    """Links a partner's person to their existing account; never makes one."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        data = sociallogin.account.extra_data
        tenant = PartnerTenant.objects.get(tenant_id=data[TENANT_CLAIM])
        if sociallogin.is_existing:
            user = sociallogin.user
        else:
            email = _work_email(sociallogin)
            user = _person_user(email) if tenant.owns(email) else None
            if user is None:
                raise refusal(
                    request,
                    f"No one here uses the work email {email or '(none given)'} from "
                    f"{tenant.name}. Sign in with your email address and password, or ask your "
                    "programme team to add this address to your record.",
                )
            sociallogin.connect(request, user)
            record_changes(
                user, user, "accounts.microsoft.linked", {"Microsoft account": [None, tenant.name]}
            )
            emails.send(
                "microsoft-linked",
                [user.email],
                {"user": user, "tenant": tenant, "email": email, "when": timezone.now()},
            )
        if not user.is_active:
            raise refusal(request, "This account is closed. Ask your programme team.")
        request.session[SECOND_FACTOR_BY_PARTNER] = tenant.enforces_second_factor or (
            "mfa" in data.get("amr", [])
        )


def _only_when_configured(view: Any) -> Any:
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_configured():
            raise Http404("Not found")
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    return guarded


login_view = _only_when_configured(OAuth2LoginView.adapter_view(PartnerGraphAdapter))
callback_view = _only_when_configured(OAuth2CallbackView.adapter_view(PartnerGraphAdapter))
