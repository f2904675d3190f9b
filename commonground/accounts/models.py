"""A sign-in account (identified by email) and the personal API tokens staff create."""

from __future__ import annotations

import secrets
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from commonground.lib.links import digest


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in. What they may see comes from their roles and their person record."""

    email = models.EmailField("email address", unique=True)
    name = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    # Django admin access: the site administrator only.
    is_staff = models.BooleanField("site administrator", default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    def __str__(self) -> str:
        return self.name or self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class ApiToken(models.Model):
    """A personal token for the REST API; only its hash is stored."""

    user = models.ForeignKey(User, models.CASCADE, related_name="api_tokens")
    label = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.label} ({self.prefix}…)"

    @classmethod
    def new(cls, user: User, label: str) -> tuple[ApiToken, str]:
        """An unsaved token with its secret, which is shown once and never again."""
        secret = "cg_" + secrets.token_urlsafe(32)
        return cls(user=user, label=label, prefix=secret[3:11], digest=digest(secret)), secret

    @classmethod
    def issue(cls, user: User, label: str) -> tuple[ApiToken, str]:
        """Create a token and return it with its secret, which is shown once and never again."""
        token, secret = cls.new(user, label)
        token.save()
        return token, secret

    @classmethod
    def find(cls, secret: str) -> ApiToken | None:
        return cls.objects.select_related("user").filter(digest=digest(secret)).first()


class PartnerTenant(models.Model):
    """A partner body's Microsoft Entra tenant whose people may sign in with their work account.

    The administrator adds a tenant only after agreeing it with the partner, and lists the email
    domains that partner owns: a tenant's own administrators can set any address on their users,
    so an address outside the partner's domains is never trusted to name a person here.
    """

    tenant_id = models.UUIDField("tenant ID", unique=True)
    name = models.CharField(max_length=200, help_text="The partner body, as people know it.")
    email_domains = models.CharField(
        max_length=500,
        help_text="The partner's own email domains, separated by commas: essex.police.uk",
    )
    enforces_second_factor = models.BooleanField(
        "the tenant requires a second factor at every sign-in",
        default=False,
        help_text=(
            "Tick only once the partner has confirmed its sign-in policy requires multi-factor "
            "authentication for everyone. Staff from this tenant then need no second factor here."
        ),
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def domains(self) -> set[str]:
        return {d.strip().lower().lstrip("@") for d in self.email_domains.split(",") if d.strip()}

    def owns(self, email: str) -> bool:
        return email.rpartition("@")[2].lower() in self.domains()
